"""Guessing one account's password from many addresses: after 10 wrong passwords signing in to that
number pauses for 15 minutes (for a number without an account too, so nothing is given away), and
the account's owner gets one text message saying so."""
from datetime import timedelta

import pytest
from sqlalchemy import update

from tests.conftest import PASSWORD, make_user
from webapp.extensions import db
from webapp.models import AuditEvent

PHONE = "13812345678"


@pytest.fixture
def config_overrides():
    return {"RATELIMIT_LOGIN": "1000 per minute"}  # the per-address limit is tested on its own


def _try(client, password: str, n: int, phone: str = PHONE):
    return client.post("/auth/login", data={"phone": phone, "password": password},
                       environ_overrides={"REMOTE_ADDR": f"10.0.{n // 250}.{n % 250 + 1}"})


def test_ten_wrong_passwords_from_anywhere_pause_the_account_and_tell_its_owner(client, sms_outbox):
    make_user(phone=PHONE)
    for n in range(10):
        assert _try(client, "wrong-password", n).status_code == 422
    assert [text for phone, text in sms_outbox if phone == PHONE and "paused" in text] != []
    paused = _try(client, PASSWORD, 99)
    assert paused.status_code == 422 and "Signing in is paused for 15 minutes" in paused.get_data(as_text=True)
    assert len([text for phone, text in sms_outbox if "paused" in text]) == 1  # told once
    db.session.execute(update(AuditEvent).values(at=AuditEvent.at - timedelta(minutes=16)))
    db.session.commit()
    assert _try(client, PASSWORD, 100).status_code == 303  # the pause ends


def test_a_number_without_an_account_pauses_the_same_way(client, sms_outbox):
    for n in range(10):
        _try(client, "wrong-password", n, phone="13900000000")
    page = _try(client, "anything", 11, phone="13900000000").get_data(as_text=True)
    assert "Signing in is paused for 15 minutes" in page and sms_outbox == []


def test_other_numbers_are_not_paused(client):
    make_user(phone=PHONE)
    make_user(phone="13812340000")
    for n in range(10):
        _try(client, "wrong-password", n)
    assert _try(client, PASSWORD, 50, phone="13812340000").status_code == 303
