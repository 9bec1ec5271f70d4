"""ETag and 304 Not Modified on responses anyone may be shown: a browser that has the page already
gets 304 and no body.

Only when nothing in the response is one visitor's: not signed in, no CSRF token in the page, no
cookie being set, not `no-store` or `private`. The tag is weak (W/"…"), taken from the body before
compression: the same page in gzip, brotli or plain is the same page, and the 304 is decided here
before any compression work. Static files carry their own (webapp/web/serving/assets.py).
"""
import hashlib

from flask import request, session

from .compression import carries_secret

NOT_SHARED = ("no-store", "private")


def _shareable(response) -> bool:
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return False
    if response.is_streamed or response.headers.get("ETag") or "Set-Cookie" in response.headers:
        return False
    if any(word in response.headers.get("Cache-Control", "") for word in NOT_SHARED):
        return False
    # The session cookie is written after these hooks: a changed session would set it.
    return not session.modified and not carries_secret()


def init_app(app) -> None:
    """Registered just after compression, so it runs just before it on the finished response."""

    @app.after_request
    def _etag(response):
        if not _shareable(response):
            return response
        response.set_etag(hashlib.sha256(response.get_data()).hexdigest()[:32], weak=True)
        return response.make_conditional(request)
