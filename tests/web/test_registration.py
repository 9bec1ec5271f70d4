"""Registration by SMS code, step by step, and every way it can be refused."""
import re

import pytest
from sqlalchemy import select

from tests.conftest import make_user
from webapp.extensions import db
from webapp.models import AuditEvent, User

PHONE = "13812345678"


def _start(client, phone=PHONE):
    return client.post("/auth/register", data={"phone": phone})


def _without_token(page):
    """The page less its CSRF token, which is signed with the second it was made."""
    return re.sub(r'(name="csrf_token"[^>]*value=")[^"]+', r"\1", page)


def _code(sms_outbox):
    return re.search(r"\d{6}", sms_outbox[-1][1]).group(0)


def test_register_sends_a_code_then_creates_and_signs_in_the_account(client, sms_outbox):
    response = _start(client, "138 1234 5678")
    assert response.status_code == 303 and response.location.endswith("/auth/register/verify")
    assert sms_outbox[-1][0] == PHONE
    page = client.get("/auth/register/verify").get_data(as_text=True)
    assert "138****5678" in page
    assert _code(sms_outbox) not in page and "dev-note" not in page  # only a development copy shows it
    response = client.post("/auth/register/verify", data={
        "code": _code(sms_outbox), "name": "  赵 小 红 ", "password": "lantern-river-42"})
    assert response.status_code == 303 and response.location.endswith("/auth/welcome")
    user = db.session.scalar(select(User).where(User.phone == PHONE))
    assert user.name == "赵 小 红" and user.role == "applicant"
    assert "lantern-river-42" not in user.password_hash
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "account.registered")).subject_id == user.id
    assert "赵 小 红" in client.get("/auth/welcome").get_data(as_text=True)


@pytest.mark.parametrize("phone, message", [
    ("", "Enter your mobile phone number"),
    ("12345", "Enter an 11-digit mainland mobile number"),
])
def test_a_bad_number_is_refused_with_a_message_beside_the_field(client, sms_outbox, phone, message):
    response = _start(client, phone)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in page
    assert 'aria-invalid="true"' in page and 'href="#phone"' in page
    assert "<title>Error:" in page
    assert sms_outbox == []


def test_a_registered_number_gets_the_same_page_and_a_text_saying_so(client, sms_outbox):
    """The page never tells a stranger whose number is registered; the number's owner learns it by text."""
    new = client.get("/auth/register/verify")  # (nothing yet: sent back to step 1)
    assert new.status_code == 302
    _start(client, "13812340000")
    fresh_page = _without_token(client.get("/auth/register/verify").get_data(as_text=True))
    make_user(phone=PHONE)
    response = _start(client)
    assert response.status_code == 303 and response.location.endswith("/auth/register/verify")
    page = _without_token(client.get("/auth/register/verify").get_data(as_text=True))
    assert 'name="csrf_token"' in page and page.replace("138****5678", "138****0000") == fresh_page
    phone, text = sms_outbox[-1]
    assert phone == PHONE and "already has an account" in text and not re.search(r"\d{6}", text)
    refused = client.post("/auth/register/verify", data={"code": "123456", "name": "冒充", "password": "lantern-river-42"})
    assert refused.status_code == 422 and db.session.scalar(select(User).where(User.name == "冒充")) is None


def test_a_second_code_within_a_minute_gets_429_and_a_message(client):
    _start(client)
    response = _start(client)
    assert response.status_code == 429
    assert "wait a minute" in response.get_data(as_text=True)


@pytest.mark.parametrize("fields, message", [
    ({"code": "", "name": "赵小红", "password": "lantern-river-42"}, "Enter the 6-digit code"),
    ({"code": "WRONG", "name": "赵小红", "password": "lantern-river-42"}, "not right"),
    ({"code": "OK", "name": "", "password": "lantern-river-42"}, "Enter your real name"),
    ({"code": "OK", "name": "赵小红", "password": "1234567"}, "at least 8 characters"),
    ({"code": "OK", "name": "赵小红", "password": "password123"}, "too easy to guess"),
])
def test_step_two_refusals_keep_what_was_typed_and_create_nothing(client, sms_outbox, fields, message):
    _start(client)
    code = _code(sms_outbox)
    fields = dict(fields, code={"OK": code, "WRONG": f"{(int(code) + 1) % 10**6:06d}"}.get(fields["code"], fields["code"]))
    response = client.post("/auth/register/verify", data=fields)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in page
    if fields["name"]:
        assert f'value="{fields["name"]}"' in page
    assert f'value="{fields["password"]}"' not in page  # passwords are never echoed back
    assert db.session.scalar(select(User).where(User.phone == PHONE)) is None


def test_verify_without_a_started_registration_goes_back_to_step_one(client):
    response = client.get("/auth/register/verify")
    assert response.status_code == 302 and response.location.endswith("/auth/register")


def test_resend_is_limited_to_one_code_a_minute(client, sms_outbox):
    _start(client)
    response = client.post("/auth/resend/register", follow_redirects=True)
    assert "less than a minute ago" in response.get_data(as_text=True)
    assert len(sms_outbox) == 1
    assert client.post("/auth/resend/nothing").status_code == 404
