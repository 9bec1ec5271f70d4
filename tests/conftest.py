"""Shared fixtures: app -> client -> login_as(role) and client_for(user), on SQLite and, when it answers,
PostgreSQL."""
import contextvars
import os
import socket

import pytest
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import text

from webapp import create_app
from webapp.config import TestConfig
from webapp.extensions import db
from webapp.models import Role
from webapp.services.accounts import passwords

PASSWORD = "correct-horse-42"
# Each test session works in its own schema of database `test`, so two runs never collide.
SCHEMA = f"suite_{os.getpid()}"
POSTGRES_URL = (os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
                + f"?options=-csearch_path%3D{SCHEMA}")


def service_reachable(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def require_service(port: int, what: str) -> None:
    """Skip, saying why, when a service is not running here; in CI (CI=true) fail instead."""
    if service_reachable(port):
        return
    message = f"{what} is not answering on 127.0.0.1:{port}"
    if os.environ.get("CI"):
        pytest.fail(f"{message}, and CI must test it for real")
    pytest.skip(f"{message}; these cases run in CI, where it is")


_migrated: set[str] = set()


def _prepare(app) -> None:
    """Build the schema with the migrations once per database and test session."""
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    if url in _migrated:
        return
    with app.app_context():
        if url.startswith("postgresql"):
            with db.engine.begin() as conn:
                conn.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
                conn.execute(text(f"CREATE SCHEMA {SCHEMA}"))
        upgrade()
        db.engine.dispose()
    _migrated.add(url)


@pytest.fixture(scope="session", autouse=True)
def _drop_postgres_schema():
    """Remove this session's PostgreSQL schema at the end."""
    yield
    if any(url.startswith("postgresql") for url in _migrated):
        from sqlalchemy import create_engine

        engine = create_engine(POSTGRES_URL.split("?")[0])
        with engine.begin() as conn:
            conn.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
        engine.dispose()


def _empty(app) -> None:
    """Remove every row so each test starts from an empty, migrated schema."""
    with app.app_context():
        db.session.remove()
        tables = [t.name for t in reversed(db.metadata.sorted_tables)]
        with db.engine.begin() as conn:
            if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
                conn.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
            else:
                for name in tables:
                    conn.execute(text(f"DELETE FROM {name}"))
        db.engine.dispose()


class IsolatedClient(FlaskClient):
    """Each request runs in its own app context (own `g`, own DB session), as in production,
    not inside the app context the test itself holds open."""

    def open(self, *args, **kwargs):
        return contextvars.Context().run(super().open, *args, **kwargs)


@pytest.fixture
def db_url(tmp_path_factory):
    """SQLite by default; tests/web overrides this to run on PostgreSQL as well."""
    return f"sqlite:///{tmp_path_factory.getbasetemp() / 'suite.sqlite3'}"


@pytest.fixture
def config_overrides():
    """Override in a test module (or with parametrize) to change settings for one test."""
    return {}


@pytest.fixture
def app(db_url, config_overrides, tmp_path):
    app = create_app(TestConfig, {"SQLALCHEMY_DATABASE_URI": db_url,
                                  "SMS_OUTBOX": str(tmp_path / "outbox.log"),
                                  "UPLOAD_FOLDER": str(tmp_path / "uploads"), **config_overrides})
    app.test_client_class = IsolatedClient
    _prepare(app)
    with app.app_context():
        yield app
        db.session.remove()
    _empty(app)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def sms_outbox(app):
    """Messages the memory sender 'sent': a list of (phone, text)."""
    return app.extensions["sms_sender"].sent


def make_user(role: str = "applicant", phone: str = "13900000001", name: str = "测试用户",
              district: str | None = None):
    """Create an account directly (as the demo loader does) and return it."""
    from webapp.models import User

    user = User(phone=phone, name=name, role=role, district=district,
                password_hash=passwords.hash_password(PASSWORD))
    db.session.add(user)
    db.session.commit()
    return user


@pytest.fixture
def client_for(app):
    """client_for(user) -> another browser, signed in as `user` (English unless lang= says otherwise).

    For a second person in the same test (a colleague, a stranger, the helper's own phone); the
    `client` fixture stays the first person's.
    """
    def _client(user, password: str = PASSWORD, lang: str | None = "en"):
        browser = app.test_client()
        if lang:
            browser.environ_base["HTTP_ACCEPT_LANGUAGE"] = lang
        response = browser.post("/auth/login", data={"phone": user.phone, "password": password})
        assert response.status_code == 303, response.get_data(as_text=True)
        return browser

    return _client


@pytest.fixture
def login_as(client):
    """login_as("caseworker", district="chengqu") -> the signed-in user."""
    counter = iter(range(100, 1000))

    def _login(role: str = Role.APPLICANT.value, **fields):
        fields.setdefault("phone", f"13900000{next(counter)}")
        user = make_user(role, **fields)
        response = client.post("/auth/login", data={"phone": user.phone, "password": PASSWORD})
        assert response.status_code == 303, response.get_data(as_text=True)
        return user

    return _login


@pytest.fixture
def freeze_clock(monkeypatch):
    """freeze_clock("2026-12-01 23:30") stops the app's one clock (webapp.models.base.clock) at that
    Beijing time; the machine's own clock and time zone no longer matter."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from webapp.models import base

    def _freeze(beijing: str) -> datetime:
        moment = datetime.fromisoformat(beijing).replace(tzinfo=ZoneInfo("Asia/Shanghai"))
        monkeypatch.setattr(base, "clock", lambda: moment.astimezone(ZoneInfo("UTC")))
        return moment

    return _freeze
