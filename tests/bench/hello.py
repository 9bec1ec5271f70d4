"""The ceiling: a bare Flask app answering one small page, served under the same gunicorn settings.

gunicorn is handed the app's WSGI callable itself (what Flask.__call__ calls), so the config's
post_fork, which resets the project app's database connections, finds nothing of ours to reset.
"""
from flask import Flask

hello = Flask("hello")


@hello.get("/")
def index():
    return "<!doctype html><title>hello</title><p>hello</p>"


app = hello.wsgi_app
