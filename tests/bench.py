"""`make bench`: server-side time per page against a bare Flask app on this machine.

Not a test: it prints numbers for the closing notes and pull requests. Demo data on a
temporary SQLite file, the test client (no network), best of several rounds.
"""
import gzip
import statistics
import tempfile
import time
from pathlib import Path

from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import select

from webapp import create_app, demo
from webapp.config import TestConfig
from webapp.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from webapp.extensions import db
from webapp.models import Application

ROUNDS, REQUESTS = 5, 100
PAGES = [("anonymous", "/"), ("anonymous", "/auth/login"), ("anonymous", "/training"),
         ("anonymous", "/training?rural=1&open_now=1"), ("anonymous", "/opportunities"), ("anonymous", "/training/1"),
         ("applicant", "/me"), ("applicant", "/me/profile"), ("applicant", "/me/applications"),
         ("applicant", "/me/applications/{first}"), ("applicant", "/me/notices"),
         ("caseworker", "/casework"), ("admin", "/admin/opportunities"), ("admin", "/admin/dashboard")]


def per_request(client, path: str) -> float:
    """Best-of-rounds mean milliseconds for one GET of `path`."""
    rounds = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        for _ in range(REQUESTS):
            client.get(path)
        rounds.append((time.perf_counter() - start) * 1000 / REQUESTS)
    return min(rounds)


def bare_flask_ms() -> float:
    bare = Flask("bare")
    bare.add_url_rule("/", "index", lambda: "<!doctype html><title>x</title><p>hello</p>")
    return per_request(bare.test_client(), "/")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(TestConfig, {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{Path(tmp) / 'bench.sqlite3'}",
                                      "PASSWORD_HASH_METHOD": "scrypt"})
        with app.app_context():
            upgrade()
            demo.load(DEMO_ACCOUNTS, DEMO_PASSWORD)
            first = db.session.scalar(select(Application.reference).order_by(Application.id))
        clients = {"anonymous": app.test_client()}
        for role, phone in (("applicant", "13800000001"), ("caseworker", "13800000002"), ("admin", "13800000003")):
            clients[role] = app.test_client()
            clients[role].post("/auth/login", data={"phone": phone, "password": DEMO_PASSWORD})
        base = bare_flask_ms()
        print(f"bare Flask: {base:.3f} ms/request")
        print(f"{'page':<36}{'role':<11}{'ms':>8}{'x bare':>8}{'gzip B':>8}")
        times = []
        for role, path in PAGES:
            path = path.format(first=first)
            response = clients[role].get(path)
            assert response.status_code == 200, (path, response.status_code)
            ms = per_request(clients[role], path)
            size = len(gzip.compress(response.get_data()))
            times.append(ms)
            print(f"{path:<36}{role:<11}{ms:>8.3f}{ms / base:>8.1f}{size:>8}")
        print(f"median page: {statistics.median(times):.3f} ms ({statistics.median(times) / base:.1f}x bare Flask)")
        with app.app_context():
            db.engine.dispose()


if __name__ == "__main__":
    main()
