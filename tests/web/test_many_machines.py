"""Many machines, here on one: two app servers (gunicorn with the repository's gunicorn.conf.py, as
`make serve` starts it) and a Celery worker (as `make worker` starts it) share one PostgreSQL
database and one Redis, production settings, and nothing else. What a person does through one
server is seen through the other: the session, a rate limit, a cache invalidation, a notice.

Not timed: the servers are started once for the module; the worker is waited for (at most a minute)
because it works after the request, and that wait is not what is tested."""
import itertools
import os
import re
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
import redis
from cryptography.fernet import Fernet
from sqlalchemy import create_engine, text

from tests.conftest import require_service
from tests.web import cluster
from tests.web.cluster import Browser
from tests.web.publish_helpers import form

pytestmark = pytest.mark.slow

PORTS = {"a": 8701, "b": 8702}
DATABASE = "yangquan_many"
POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432"
REDIS_URL = "redis://127.0.0.1:6379/11"
APPLICANT, CASEWORKER, ADMIN, DEMO_PASSWORD = "13800000001", "13800000002", "13800000003", "yangquan2026"
SIGN_INS_PER_ADDRESS = 3
WORKER_SECONDS = 60
# As `make serve` and `make worker` start them (the migrations and demo data are loaded once, before).
SERVE = [str(cluster.BIN / "gunicorn"), "-c", "gunicorn.conf.py", "wsgi:app"]
WORK = [str(cluster.BIN / "celery"), "-A", "webapp.worker", "worker", "--beat", "--loglevel", "INFO",
        "--concurrency", "1"]


def _admin_engine():
    return create_engine(f"{POSTGRES}/postgres", isolation_level="AUTOCOMMIT")


def _fresh_database() -> None:
    engine = _admin_engine()
    with engine.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)"))
        conn.execute(text(f"CREATE DATABASE {DATABASE}"))
    engine.dispose()


def _drop_database() -> None:
    engine = _admin_engine()
    with engine.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)"))
    engine.dispose()


def _redis_keys(pattern: str) -> list[bytes]:
    client = redis.Redis.from_url(REDIS_URL)
    try:
        return client.keys(pattern)
    finally:
        client.close()


def _flush_redis() -> None:
    client = redis.Redis.from_url(REDIS_URL)
    client.flushdb()
    client.close()


def _environment(tmp) -> dict:
    """What every machine of the deployment is given: the same secrets, database, Redis and shared folder."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("FLASK_", "GUNICORN_", "CELERY_", "RATELIMIT_")) and key not in {
               "DATABASE_URL", "REDIS_URL", "UPLOAD_FOLDER", "SMS_OUTBOX", "BIND", "PORT"}}
    env.update({
        "APP_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "DATA_ENCRYPTION_KEY": Fernet.generate_key().decode(),
        "DATA_HASH_KEY": secrets.token_urlsafe(48),
        "DATABASE_URL": f"{POSTGRES}/{DATABASE}",
        "REDIS_URL": REDIS_URL,
        "TRUST_PROXY": "1",  # the test's browsers say who they are as the proxy in front would
        "SESSION_COOKIE_SECURE": "0",  # plain http between the test and the servers
        "UPLOAD_FOLDER": str(tmp / "shared" / "uploads"),
        "SMS_SENDER": "outbox",
        "RATELIMIT_LOGIN": f"{SIGN_INS_PER_ADDRESS} per day",
        "WEB_CONCURRENCY": "2",
        "PYTHONPATH": str(cluster.ROOT),
    })
    return env


def _machine(tmp, name: str) -> dict:
    """What is a machine's own: its instance folder (the local page cache would be there) and its SMS outbox."""
    return {"INSTANCE_PATH": str(tmp / name / "instance"), "SMS_OUTBOX": str(tmp / name / "sms.log")}


@dataclass
class Deployment:
    a: str  # the two app servers' addresses
    b: str
    worker_sms: Path  # the text messages the worker sent
    web_sms: list[Path]  # and those the app servers sent themselves
    processes: list

    def logs(self) -> str:
        """What the servers and the worker logged, for a failing assertion's message."""
        return "\n".join(process.output() for process in self.processes)


@pytest.fixture(scope="module")
def deployment(tmp_path_factory):
    """Two app servers and a worker on a fresh database and an empty Redis database."""
    require_service(5432, "PostgreSQL (user postgres)")
    require_service(6379, "Redis")
    tmp = tmp_path_factory.mktemp("many")
    env = _environment(tmp)
    _fresh_database()
    _flush_redis()
    processes = []
    try:
        setup = {**env, "INSTANCE_PATH": str(tmp / "setup"), "SMS_OUTBOX": str(tmp / "setup-sms.log")}
        setup.pop("REDIS_URL")  # the demo's own messages are sent as it loads, not left for the worker
        cluster.run([str(cluster.BIN / "flask"), "--app", "wsgi.py", "db", "upgrade"], setup)
        cluster.run([str(cluster.BIN / "flask"), "--app", "wsgi.py", "demo-data"], setup)
        for name, port in PORTS.items():  # each machine its own instance folder and SMS outbox file
            processes.append(cluster.start(name, SERVE, {**env, **_machine(tmp, name), "PORT": str(port)}, tmp))
        worker = cluster.start("worker", WORK, {**env, **_machine(tmp, "worker")}, tmp)
        processes.append(worker)
        for server, port in zip(processes, PORTS.values()):
            cluster.wait_for_port(server, port)
        cluster.wait_for_line(worker, r"celery@\S+ ready")
        yield Deployment(*(f"http://127.0.0.1:{port}" for port in PORTS.values()), tmp / "worker" / "sms.log",
                         [tmp / name / "sms.log" for name in PORTS], processes)
    finally:
        for process in processes:
            cluster.stop(process)
        _drop_database()
        _flush_redis()


_addresses = itertools.count(1)


def _address() -> str:
    """A client address of its own for each browser, so rate limits of one case never touch another."""
    return f"203.0.113.{next(_addresses)}"


def _sign_in(browser: Browser, server: str, phone: str, password: str = DEMO_PASSWORD):
    return browser.post(server, "/auth/login", {"phone": phone, "password": password})


def test_a_session_made_through_one_server_is_seen_through_the_other(deployment):
    a, b = deployment.a, deployment.b
    browser = Browser(_address())
    assert "Your account" not in browser.get(b, "/me").text
    signed_in = _sign_in(browser, a, APPLICANT)
    assert signed_in.status == 303, deployment.logs()
    page = browser.get(b, "/me")
    assert page.status == 200 and "Your account" in page.text and "张明" in page.text
    signed_out = browser.post(b, "/auth/logout", {}, form_page="/me")
    assert signed_out.status == 303
    assert "Your account" not in browser.get(a, "/me").text


def test_sign_ins_counted_through_one_server_are_refused_by_the_other(deployment):
    a, b = deployment.a, deployment.b
    browser = Browser(_address())
    for attempt in range(SIGN_INS_PER_ADDRESS):
        wrong = _sign_in(browser, a, ADMIN, password=f"wrong-{attempt}")
        assert wrong.status == 422 and "password is not right" in wrong.text, deployment.logs()
    refused = _sign_in(browser, b, ADMIN)  # the right password, from the same address, on the other server
    assert refused.status == 429
    elsewhere = _sign_in(Browser(_address()), b, ADMIN)  # the account itself is not locked
    assert elsewhere.status == 303


NEW_COURSE = "多台服务器演示课程"


def test_a_course_published_through_one_server_is_listed_at_once_by_the_other(deployment):
    a, b = deployment.a, deployment.b
    visitor, search = Browser(_address()), f"/training?q={quote(NEW_COURSE)}"
    first, again = visitor.get(b, search), visitor.get(b, search)
    assert (first.status, first.headers.get("X-Page-Cache")) == (200, "miss"), deployment.logs()
    assert again.headers.get("X-Page-Cache") == "hit"  # B serves it from the cache, kept in the shared Redis
    assert _redis_keys("yq-page:*")
    assert not re.search(r'href="/training/\d+"', again.text)  # no course found yet

    admin = Browser(_address())
    assert _sign_in(admin, a, ADMIN).status == 303
    saved = admin.post(a, "/admin/opportunities/new/course", form("course", title=NEW_COURSE))
    assert saved.status == 303, saved.text
    edit = urlsplit(saved.location).path
    course = re.fullmatch(r"/admin/opportunities/(\d+)/edit", edit).group(1)
    published = admin.post(a, edit.replace("/edit", "/publish"), {}, form_page=edit)
    assert published.status == 303, published.text

    listed = visitor.get(b, search)
    assert listed.status == 200 and f'href="/training/{course}"' in listed.text, deployment.logs()
    assert listed.headers.get("X-Page-Cache") == "miss"


def _submitted_application_of(phone: str) -> str:
    engine = create_engine(f"{POSTGRES}/{DATABASE}")
    with engine.connect() as conn:
        reference = conn.execute(text(
            "SELECT a.reference FROM applications a JOIN users u ON u.id = a.applicant_id "
            "JOIN profiles p ON p.user_id = u.id WHERE u.phone = :phone AND a.status = 'submitted' "
            "AND p.preferred_contact = 'sms' ORDER BY a.id LIMIT 1"), {"phone": phone}).scalar_one()
    engine.dispose()
    return reference


def _texts_to(path: Path, phone: str) -> list[str]:
    """The text messages written to an SMS outbox file for one number (time, phone, text per line)."""
    if not path.exists():
        return []
    return [line.split("\t", 2)[2] for line in path.read_text().splitlines() if line.split("\t")[1:2] == [phone]]


def _counts(page: str) -> dict[str, int]:
    """The admin's text message counts: {"Waiting to be sent": 0, "Sent": 3, "Failed": 0}."""
    return {name: int(count) for name, count in re.findall(r'<th scope="row">([^<]+)</th><td>(\d+)</td>', page)}


def _eventually(check, what: str, deployment) -> None:
    """Wait for work done after the request (the worker's); fail with every log if it never is."""
    deadline = time.monotonic() + WORKER_SECONDS
    while not check():
        assert time.monotonic() < deadline, f"{what}\n{deployment.logs()}"
        time.sleep(0.2)


def test_a_decision_made_through_one_server_is_texted_by_the_worker(deployment):
    a, b = deployment.a, deployment.b
    reference = _submitted_application_of(APPLICANT)  # the demo applicant's, who asked for text messages
    admin = Browser(_address())
    assert _sign_in(admin, b, ADMIN).status == 303
    before = _counts(admin.get(b, "/admin/deliveries").text)
    caseworker = Browser(_address())
    assert _sign_in(caseworker, a, CASEWORKER).status == 303
    page = f"/casework/applications/{reference}"
    assert caseworker.post(a, f"{page}/claim", {}, form_page=page).status == 303
    asked = caseworker.post(a, f"{page}/ask", {"ask-text": "请补充上传清晰的残疾人证照片"}, form_page=page,
                            csrf_field="ask-csrf_token")
    assert asked.status == 303, asked.text

    _eventually(lambda: [t for t in _texts_to(deployment.worker_sms, APPLICANT) if reference in t],
                f"the worker sent nothing about {reference}", deployment)
    by_servers = [t for path in deployment.web_sms for t in _texts_to(path, APPLICANT)]
    assert not [t for t in by_servers if reference in t]  # neither server sent it itself
    after = lambda: _counts(admin.get(b, "/admin/deliveries").text)  # noqa: E731
    _eventually(lambda: after() == {**before, "Sent": before["Sent"] + 1}, "the admin never saw it sent", deployment)
    assert "Sent by the background worker." in admin.get(b, "/admin/deliveries").text
