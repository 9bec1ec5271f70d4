"""In a subprocess with the server's environment: for each page, the SQL statements one request
runs (a before_cursor_execute counter on the app's engine, the test client against the same
database), and the old in-process timing: milliseconds per request against a bare Flask app.

Reads {"pages": [{"key", "path", "role", "headers"}], "accounts", "password", "rounds", "requests"}
as JSON on stdin and prints one JSON line.
"""
import json
import sys
import time

from flask import Flask
from sqlalchemy import event

from webapp import create_app
from webapp.extensions import db


def _ms_per_request(client, path: str, headers: dict, rounds: int, requests: int) -> float:
    best = None
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(requests):
            client.get(path, headers=headers)
        took = (time.perf_counter() - start) * 1000 / requests
        best = took if best is None else min(best, took)
    return best


def main() -> None:
    spec = json.load(sys.stdin)
    # Sign in by POST as the server does, without fetching a token first (the server run does that).
    app = create_app(None, {"WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False})
    statements = []
    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", lambda *args: statements.append(1))
    clients = {"anonymous": app.test_client()}
    for role, phone in spec["accounts"].items():
        clients[role] = app.test_client()
        answer = clients[role].post("/auth/login", data={"phone": phone, "password": spec["password"]})
        if answer.status_code not in (302, 303):
            raise SystemExit(f"in-process sign-in as {role} failed ({answer.status_code})")
    bare = Flask("bare")
    bare.add_url_rule("/", "index", lambda: "<!doctype html><title>x</title><p>hello</p>")
    out = {"bare_ms": _ms_per_request(bare.test_client(), "/", {}, spec["rounds"], spec["requests"] * 5),
           "pages": {}}
    for page in spec["pages"]:
        client, headers = clients[page["role"]], page["headers"]
        counts = []
        for _ in range(2):  # the first request, then the same again (what the load mostly sees)
            statements.clear()
            answer = client.get(page["path"], headers=headers)
            counts.append(len(statements))
        start = time.perf_counter()
        client.get(page["path"], headers=headers)
        once = time.perf_counter() - start
        # About a second a round however slow the page is (a slow one at the large size takes seconds).
        requests = max(1, min(spec["requests"], int(1 / max(once, 1e-6))))
        ms = _ms_per_request(client, page["path"], headers, spec["rounds"] if requests > 1 else 1, requests)
        out["pages"][page["key"]] = {"status": answer.status_code, "queries_first": counts[0],
                                     "queries_again": counts[1], "ms": ms}
    with app.app_context():
        db.engine.dispose()
    print(json.dumps(out))


if __name__ == "__main__":
    main()
