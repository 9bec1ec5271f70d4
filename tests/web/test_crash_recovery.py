"""The production server killed in the middle of a stream of submissions loses none it acknowledged
and leaves none half-written.

gunicorn (`wsgi:app`, 2 workers, APP_ENV=production) on a free local port, a fresh PostgreSQL schema
migrated with `flask db upgrade`. Threads sign in as applicants and apply through the forms (CSRF
tokens and all): start, answers, check and send. Twice the whole server gets SIGKILL and starts
again; the same browsers carry on. Then every application whose sending got a 303 to its
confirmation page is in the database, and each has exactly the rows drafts.py and machine.py write.
"""
import contextlib
import http.client
import json
import os
import re
import secrets
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from http.cookiejar import CookieJar
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import create_engine, text

from tests import factories
from tests.conftest import PASSWORD, require_service
from tests.web.test_database_down import _free_port
from tests.web.test_security_headers import assert_secure
from webapp import create_app
from webapp.config import TestConfig
from webapp.extensions import db

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
THREADS, APPLICANTS, ITEMS, CRASHES = 4, 12, 8, 2
WAIT = 60  # seconds before giving up on the server (not a measurement)
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
DOWN = (OSError, http.client.HTTPException)  # refused, reset, or cut off mid-answer


@pytest.fixture
def schema_url():
    """A fresh schema of database `test`, dropped afterwards."""
    require_service(5432, "PostgreSQL (database test, user postgres)")
    schema = f"crash_{os.getpid()}"
    base = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
    engine = create_engine(base)
    with engine.begin() as conn:
        conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    yield f"{base}?options=-csearch_path%3D{schema}"
    with engine.begin() as conn:
        conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
    engine.dispose()


@pytest.fixture
def server_env(schema_url, tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("FLASK_APP", "TEST_DATABASE_URL")}
    env.update(APP_ENV="production", DATABASE_URL=schema_url, SECRET_KEY=secrets.token_urlsafe(32),
               DATA_ENCRYPTION_KEY=Fernet.generate_key().decode(), DATA_HASH_KEY=secrets.token_urlsafe(32),
               SESSION_COOKIE_SECURE="0", RATELIMIT_LOGIN="1000 per minute", INSTANCE_PATH=str(tmp_path),
               SMS_OUTBOX=str(tmp_path / "outbox.log"), UPLOAD_FOLDER=str(tmp_path / "uploads"),
               FLASK_APP="wsgi.py")
    subprocess.run([str(BIN / "flask"), "db", "upgrade"], cwd=ROOT, env=env, check=True, timeout=120,
                   capture_output=True)
    return env


def _seed(env) -> tuple[list[str], list[int]]:
    """Applicants with submitted profiles and published courses, stalls and posts."""
    app = create_app(TestConfig, {"SQLALCHEMY_DATABASE_URI": env["DATABASE_URL"],
                                  "DATA_ENCRYPTION_KEY": env["DATA_ENCRYPTION_KEY"],
                                  "DATA_HASH_KEY": env["DATA_HASH_KEY"]})
    with app.app_context():
        phones = [factories.applicant().phone for _ in range(APPLICANTS)]
        items = [factories.opportunity(("course", "stall", "post")[n % 3], capacity=3).id for n in range(ITEMS)]
        db.session.remove()
        db.engine.dispose()
    return phones, items


class Server:
    """gunicorn in a process group of its own, so SIGKILL reaches the master and every worker."""

    def __init__(self, env, log: Path):
        self.env, self.log, self.port, self.process = env, log, _free_port(), None
        self.base = f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        with open(self.log, "ab") as out:
            self.process = subprocess.Popen(
                [str(BIN / "gunicorn"), "wsgi:app", "--workers", "2", "--bind", f"127.0.0.1:{self.port}",
                 "--no-control-socket"],
                cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.base}/offline", timeout=2) as response:
                    if response.status == 200:
                        return
            except DOWN:
                time.sleep(0.2)  # still booting
        raise AssertionError(f"gunicorn did not answer within {WAIT}s:\n{self.log.read_text()[-3000:]}")

    def kill(self) -> None:
        """SIGKILL master and workers together; return when none of them is left."""
        if self.process is None:
            return
        group = self.process.pid
        with contextlib.suppress(ProcessLookupError):  # already gone
            os.killpg(group, signal.SIGKILL)
        self.process.wait(timeout=WAIT)
        deadline = time.monotonic() + WAIT
        while _live_members(group) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _live_members(group), f"processes of gunicorn's group {group} are left"
        self.process = None


def _live_members(group: int) -> list[int]:
    """Processes of the group that have not ended (zombies have)."""
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            state, _ppid, pgrp = (entry / "stat").read_text().rsplit(")", 1)[1].split()[:3]
        except OSError:
            continue  # it ended meanwhile
        if int(pgrp) == group and state != "Z":
            found.append(int(entry.name))
    return found


class _Keep3xx(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the test reads the 303 itself


class Browser:
    """One applicant's browser: cookies, no automatic redirects, the CSRF token of the last form."""

    def __init__(self, base: str):
        self.base, self.token = base, None
        self.opener = urllib.request.build_opener(_Keep3xx, urllib.request.HTTPCookieProcessor(CookieJar()))

    def request(self, path: str, form: dict | None = None) -> tuple[int, str, str]:
        data = None
        if form is not None:
            data = urllib.parse.urlencode({**form, "csrf_token": self.token}).encode()
        try:
            with self.opener.open(self.base + path, data=data, timeout=15) as response:
                status, location, body = response.status, "", response.read().decode()
        except urllib.error.HTTPError as answer:
            status, location, body = answer.code, answer.headers.get("Location", ""), answer.read().decode()
        found = CSRF.search(body)
        self.token = found.group(1) if found else self.token
        return status, location, body


class Stream:
    """The clients' record: sends, acknowledgements, flows a crash cut off (their outcome unknown to
    the client), and anything that went wrong while the server was up. Counters under the GIL."""

    def __init__(self):
        self.up, self.crashes = threading.Event(), 0
        self.sent, self.cut, self.acknowledged, self.unexpected = [], [], set(), []
        self.sending = set()  # sends under way: each crash waits for one, so one is caught in flight


def _expect(answer, status: int, ends: str) -> str:
    code, location, body = answer
    if code != status or not location.endswith(ends):
        raise AssertionError(f"{code} to {location!r} (wanted {status} to …{ends}): {body[:300]}")
    return location


def _apply(browser: Browser, item: int, stream: Stream) -> None:
    """Start, answer, check and send one application, as the forms do."""
    browser.request(f"/apply/{item}")
    answers = _expect(browser.request(f"/apply/{item}", {}), 303, "/answers")
    path = urllib.parse.urlsplit(answers).path
    reference = path.split("/")[3]
    check = _expect(browser.request(path, {"reason": "想学", "availability": "上午", "goods": "水果"}), 303, "/check")
    stream.sent.append(reference)
    stream.sending.add(reference)
    try:
        _expect(browser.request(urllib.parse.urlsplit(check).path, {}), 303, f"/{reference}/sent")
    finally:
        stream.sending.discard(reference)
    stream.acknowledged.add(reference)


def _client(base: str, phones: list[str], items: list[int], stream: Stream) -> None:
    for phone in phones:
        browser = Browser(base)
        signed_in = False
        for item in items:
            if not stream.up.wait(WAIT):
                stream.unexpected.append("the server did not come back")
                return
            crashes = stream.crashes
            try:
                if not signed_in:
                    browser.request("/auth/login")
                    _expect(browser.request("/auth/login", {"phone": phone, "password": PASSWORD}), 303, "/me")
                    signed_in = True
                _apply(browser, item, stream)
            except DOWN as error:
                if stream.up.is_set() and stream.crashes == crashes:
                    stream.unexpected.append(f"{phone} item {item}: {error!r} while the server was up")
                else:
                    stream.cut.append((phone, item))
            except AssertionError as error:
                stream.unexpected.append(f"{phone} item {item}: {error}")


def _drive(server: Server, phones: list[str], items: list[int]) -> Stream:
    stream = Stream()
    stream.up.set()
    groups = [phones[n::THREADS] for n in range(THREADS)]
    threads = [threading.Thread(target=_client, args=(server.base, group, items, stream)) for group in groups]
    for thread in threads:
        thread.start()
    total = len(phones) * len(items)
    for crash in range(1, CRASHES + 1):
        deadline = time.monotonic() + WAIT * 3
        while (len(stream.acknowledged) < total * crash // (CRASHES + 1) or not stream.sending) \
                and time.monotonic() < deadline and any(thread.is_alive() for thread in threads):
            time.sleep(0.001)
        stream.up.clear()
        stream.crashes += 1
        server.kill()
        server.start()
        stream.up.set()
    for thread in threads:
        thread.join(timeout=WAIT * 5)
    assert not any(thread.is_alive() for thread in threads), "a client thread did not finish"
    return stream


def _stored(url: str) -> dict:
    """Each application's status, answers, events, notices and audit actions."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            apps = {ref: {"status": status, "answers": answers, "submitted": submitted_at is not None,
                          "events": [], "notices": [], "audit": Counter()}
                    for ref, status, answers, submitted_at in conn.execute(text(
                        "SELECT reference, status, answers, submitted_at FROM applications"))}
            by_id = dict(conn.execute(text("SELECT id, reference FROM applications")).all())
            for app_id, from_status, to_status in conn.execute(text(
                    "SELECT application_id, from_status, to_status FROM application_events ORDER BY id")):
                apps[by_id[app_id]]["events"].append((from_status, to_status))
            for app_id, to_status in conn.execute(text("SELECT application_id, to_status FROM notices")):
                apps[by_id[app_id]]["notices"].append(to_status)
            orphans = []
            for action, detail in conn.execute(text(
                    "SELECT action, detail FROM audit_events WHERE action LIKE 'application.%'")):
                reference = json.loads(detail)["reference"]
                (apps[reference]["audit"].update([action]) if reference in apps else orphans.append(action))
    finally:
        engine.dispose()
    return {"applications": apps, "orphan_audit_rows": orphans}


def _half_written(reference: str, row: dict) -> str | None:
    """What this application lacks or has too much of, against the rows drafts and machine write."""
    draft, submitted = (None, "draft"), ("draft", "submitted")
    rules = {"draft": ([draft], [], False), "submitted": ([draft, submitted], ["submitted"], True)}
    if row["status"] not in rules:
        return f"{reference}: status {row['status']}, which nothing here does"
    events, notices, sent = rules[row["status"]]
    if row["events"] != events or sorted(row["notices"]) != notices or row["submitted"] != sent:
        return f"{reference}: {row}"
    if row["audit"]["application.started"] != 1 or bool(row["answers"]) != (row["audit"]["application.answers_saved"] > 0):
        return f"{reference}: audit {dict(row['audit'])} with answers {row['answers']}"
    if sent and not row["answers"]:
        return f"{reference}: sent without answers"
    return None


def test_sigkill_of_the_whole_server_loses_no_acknowledged_submission_and_half_writes_none(server_env, tmp_path):
    phones, items = _seed(server_env)
    server = Server(server_env, tmp_path / "gunicorn.log")
    try:
        server.start()
        assert_secure(Browser(server.base).opener.open(f"{server.base}/static/css/app.css", timeout=15))
        stream = _drive(server, phones, items)
    finally:
        server.kill()
    stored = _stored(server_env["DATABASE_URL"])
    apps = stored["applications"]
    submitted = {ref for ref, row in apps.items() if row["status"] == "submitted"}
    print(f"\nsubmissions sent {len(stream.sent)}, acknowledged {len(stream.acknowledged)}, found submitted "
          f"{len(submitted)} of {len(apps)} applications; flows cut by a crash {len(stream.cut)}; "
          f"crashes {stream.crashes}")

    assert stream.unexpected == []
    assert stream.crashes == CRASHES and len(stream.acknowledged) > 0
    assert stream.acknowledged <= submitted, f"acknowledged but lost: {sorted(stream.acknowledged - submitted)}"
    assert submitted <= set(stream.sent)
    assert [problem for ref, row in apps.items() if (problem := _half_written(ref, row))] == []
    assert stored["orphan_audit_rows"] == []
