"""Every response carries the security headers: pages, redirects, error pages, static files, the
manifest and the service worker (webapp/web/security.py sets them in after_request)."""
import pytest
from sqlalchemy import create_engine

from tests.conftest import PASSWORD, make_user
from webapp.extensions import db


@pytest.fixture
def db_url(tmp_path_factory):
    """The headers do not depend on the database: SQLite is enough."""
    return f"sqlite:///{tmp_path_factory.getbasetemp() / 'suite.sqlite3'}"


@pytest.fixture
def app(app, tmp_path):
    def broken():
        raise RuntimeError("boom")

    def database_gone():
        """A real driver error: the database's folder does not exist."""
        engine = create_engine(f"sqlite:///{tmp_path / 'missing' / 'gone.sqlite3'}")
        try:
            with engine.connect():
                return "not reached"
        finally:
            engine.dispose()

    app.add_url_rule("/test-broken", "broken", broken)
    app.add_url_rule("/test-database-gone", "database_gone", database_gone)
    return app


def assert_secure(response) -> None:
    response.close()  # a static file is streamed from an open file
    headers = response.headers
    csp = headers.get("Content-Security-Policy", "")
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    assert headers.get("X-Content-Type-Options") == "nosniff"
    assert headers.get("Referrer-Policy") == "same-origin"
    assert headers.get("X-Frame-Options") == "DENY"
    assert "geolocation=()" in headers.get("Permissions-Policy", "")


@pytest.mark.parametrize("method, path, code", [
    ("get", "/", 200),
    ("get", "/training", 200),
    ("get", "/offline", 200),
    ("get", "/manifest.webmanifest", 200),
    ("get", "/sw.js", 200),
    ("get", "/static/css/app.css", 200),
    ("get", "/static/js/app.js", 200),
    ("get", "/static/icons/icon-192.png", 200),
    ("head", "/static/css/app.css", 200),
    ("get", "/static/no-such-file.css", 404),
    ("post", "/static/css/app.css", 405),
    ("get", "/no-such-page", 404),
    ("get", "/auth/logout", 405),
    ("get", "/test-broken", 500),
    ("get", "/test-database-gone", 503),
    ("get", "/admin/staff", 302),  # signed out: to the sign-in page
])
def test_every_kind_of_response_carries_the_headers(client, method, path, code):
    response = getattr(client, method)(path)
    assert response.status_code == code
    assert_secure(response)


def test_a_static_file_not_changed_since_last_time_carries_them_too(client):
    first = client.get("/static/css/app.css")
    first.close()
    etag = first.headers["ETag"]
    response = client.get("/static/css/app.css", headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert_secure(response)


def test_signed_in_pages_and_the_redirect_after_a_post_carry_them(client):
    user = make_user(phone="13812345678")
    response = client.post("/auth/login", data={"phone": user.phone, "password": PASSWORD})
    assert response.status_code == 303
    assert_secure(response)
    for path in ("/me", "/me/applications", "/static/css/app.css", "/no-such-page"):
        assert_secure(client.get(path))
    db.session.remove()
