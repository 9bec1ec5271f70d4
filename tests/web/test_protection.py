"""CSRF on every POST, rate limits with a 429 page, role checks, security headers."""
import pytest

from tests.conftest import PASSWORD, make_user


class TestCsrf:
    @pytest.fixture
    def config_overrides(self):
        return {"WTF_CSRF_ENABLED": True}

    @pytest.mark.parametrize("path", ["/auth/login", "/auth/register", "/auth/logout", "/me/settings"])
    def test_a_post_without_the_token_is_refused_with_a_page(self, client, path):
        response = client.post(path, data={"phone": "13812345678", "password": PASSWORD})
        assert response.status_code == 400
        assert "This page had expired" in response.get_data(as_text=True)

    def test_a_post_with_the_token_is_accepted(self, client):
        make_user(phone="13812345678")
        page = client.get("/auth/login").get_data(as_text=True)
        token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
        response = client.post("/auth/login", data={"csrf_token": token, "phone": "13812345678", "password": PASSWORD})
        assert response.status_code == 303


class TestRateLimit:
    @pytest.fixture
    def config_overrides(self):
        return {"RATELIMIT_LOGIN": "3 per minute"}

    def test_the_fourth_sign_in_try_in_a_minute_gets_the_429_page(self, client):
        for _ in range(3):
            assert client.post("/auth/login", data={"phone": "13812345678", "password": "x"}).status_code == 422
        response = client.post("/auth/login", data={"phone": "13812345678", "password": "x"})
        assert response.status_code == 429
        page = response.get_data(as_text=True)
        assert "Too many tries" in page and 'href="/"' in page
        assert client.get("/auth/login").status_code == 200  # only POSTs are limited


@pytest.mark.parametrize("role, status", [("applicant", 403), ("helper", 403), ("caseworker", 403), ("admin", 200)])
def test_only_admins_reach_staff_accounts(client, login_as, role, status):
    login_as(role)
    assert client.get("/admin/staff").status_code == status
    assert client.get("/admin/staff/new").status_code == status


def test_signed_out_people_are_sent_to_sign_in(client):
    response = client.get("/admin/staff")
    assert response.status_code == 302 and "/auth/login?next=" in response.location


def test_security_headers_on_every_page(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_pages_of_signed_in_people_are_not_cached(client, login_as):
    login_as()
    assert client.get("/me").headers["Cache-Control"] == "private, no-store"


def test_session_cookie_is_httponly_and_samesite_lax(client):
    make_user(phone="13812345678")
    response = client.post("/auth/login", data={"phone": "13812345678", "password": PASSWORD})
    cookie = next(v for v in response.headers.getlist("Set-Cookie") if v.startswith("session="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
