"""Sign in, sign out, password reset, and the staff idle sign-out."""
import re
import time

import pytest
from sqlalchemy import select

from tests.conftest import PASSWORD, make_user
from webapp.extensions import db
from webapp.models import AuditEvent


def _actions():
    return db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()


def test_sign_in_with_phone_and_password_lands_on_me(client):
    make_user(phone="13812345678", name="赵小红")
    response = client.post("/auth/login", data={"phone": "138 1234 5678", "password": PASSWORD})
    assert response.status_code == 303 and response.location.endswith("/me")
    page = client.get("/me").get_data(as_text=True)
    assert "赵小红" in page and "138****5678" in page
    assert _actions() == ["account.login"]


def test_sign_in_returns_to_a_same_site_next_page_only(client):
    make_user(phone="13812345678")
    ok = client.post("/auth/login?next=/me/settings", data={"phone": "13812345678", "password": PASSWORD})
    assert ok.location.endswith("/me/settings")
    client.post("/auth/logout")
    evil = client.post("/auth/login?next=//evil.example/x", data={"phone": "13812345678", "password": PASSWORD})
    assert evil.location.endswith("/me")


@pytest.mark.parametrize("phone, password", [("13812345678", "wrong-password"), ("13999999999", PASSWORD)])
def test_a_wrong_phone_or_password_gets_one_message_and_is_logged(client, phone, password):
    make_user(phone="13812345678")
    response = client.post("/auth/login", data={"phone": phone, "password": password})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "The phone number or password is not right." in page
    assert _actions() == ["account.login_failed"]
    assert "Sign in" in page and client.get("/me").get_data(as_text=True).count("Sign out") == 0


def test_a_switched_off_account_cannot_sign_in(client):
    user = make_user(phone="13812345678")
    user.active = False
    db.session.commit()
    response = client.post("/auth/login", data={"phone": "13812345678", "password": PASSWORD})
    assert response.status_code == 422
    assert "switched off" in response.get_data(as_text=True)


def test_sign_out_is_a_post_and_ends_the_session(client, login_as):
    login_as()
    assert client.get("/auth/logout").status_code == 405
    response = client.post("/auth/logout")
    assert response.status_code == 303
    assert "Sign out" not in client.get("/me").get_data(as_text=True)
    assert _actions()[-1] == "account.logout"


def test_password_reset_by_sms_code(client, sms_outbox):
    make_user(phone="13812345678")
    assert client.post("/auth/reset", data={"phone": "13812345678"}).status_code == 303
    code = re.search(r"\d{6}", sms_outbox[-1][1]).group(0)
    response = client.post("/auth/reset/verify", data={"code": code, "password": "new-lantern-77"})
    assert response.status_code == 303 and response.location.endswith("/auth/login")
    assert client.post("/auth/login", data={"phone": "13812345678", "password": PASSWORD}).status_code == 422
    assert client.post("/auth/login", data={"phone": "13812345678", "password": "new-lantern-77"}).status_code == 303
    assert "account.password_reset" in _actions()


def test_password_reset_for_an_unknown_number_looks_the_same_and_texts_the_number(client, sms_outbox):
    """The page is the same as for a real account, so it tells no one which numbers are registered."""
    response = client.post("/auth/reset", data={"phone": "13812345678"})
    assert response.status_code == 303 and response.location.endswith("/auth/reset/verify")
    page = client.get("/auth/reset/verify").get_data(as_text=True)
    assert "If this number has an account, the message has a 6-digit code" in page
    phone, text = sms_outbox[-1]
    assert phone == "13812345678" and "No account uses this number" in text and not re.search(r"\d{6}", text)


@pytest.mark.parametrize("role", ["caseworker", "admin"])
def test_staff_are_signed_out_after_30_idle_minutes(client, login_as, role):
    login_as(role)
    assert 'data-idle-warning="900"' in client.get("/me").get_data(as_text=True)
    with client.session_transaction() as session:
        session["last_seen"] = int(time.time()) - 31 * 60
    response = client.get("/me")
    assert response.status_code == 302 and "/auth/login" in response.location
    page = client.get(response.location).get_data(as_text=True)
    assert "signed out after 30 minutes" in page
    assert _actions()[-1] == "account.logout"


def test_applicants_are_not_timed_out(client, login_as):
    login_as("applicant")
    with client.session_transaction() as session:
        session["last_seen"] = int(time.time()) - 31 * 60
    page = client.get("/me")
    assert page.status_code == 200 and "data-idle-warning" not in page.get_data(as_text=True)


def test_keepalive_needs_a_session(client, login_as):
    assert client.get("/auth/keepalive").status_code == 302
    login_as("caseworker")
    assert client.get("/auth/keepalive").status_code == 204
