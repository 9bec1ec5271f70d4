"""SMS codes: 1 a minute and 10 an hour per number, 5 minutes to live, 5 tries."""
from datetime import timedelta

import pytest
from sqlalchemy import select

from webapp.extensions import db
from webapp.models import AuditEvent, SmsCode
from webapp.services import sms
from webapp.services.errors import DomainError, RateLimited

PHONE = "13812345678"


@pytest.fixture(autouse=True)
def english(app):
    """Messages are read in English here; the catalogs are tested on their own."""
    with app.test_request_context("/?lang=en"):
        yield


def _age_codes(minutes: int) -> None:
    for row in db.session.scalars(select(SmsCode)):
        row.created_at -= timedelta(minutes=minutes)
        row.expires_at -= timedelta(minutes=minutes)
    db.session.commit()


def test_a_code_is_six_digits_sent_to_the_number_and_stored_only_as_a_hash(app, sms_outbox):
    code = sms.issue_code(PHONE, sms.REGISTER)
    assert len(code) == 6 and code.isdigit()
    assert sms_outbox[-1][0] == PHONE and code in sms_outbox[-1][1]
    row = db.session.scalar(select(SmsCode))
    assert code not in row.code_hash
    assert db.session.scalar(select(AuditEvent.action)) == "sms.code_sent"


def test_a_second_code_within_a_minute_is_refused(app):
    sms.issue_code(PHONE, sms.REGISTER)
    with pytest.raises(RateLimited):
        sms.issue_code(PHONE, sms.REGISTER)
    assert len(db.session.scalars(select(SmsCode)).all()) == 1


def test_at_most_ten_codes_an_hour(app):
    for _ in range(10):
        sms.issue_code(PHONE, sms.REGISTER)
        _age_codes(2)
    with pytest.raises(RateLimited):
        sms.issue_code(PHONE, sms.REGISTER)
    _age_codes(60)
    sms.issue_code(PHONE, sms.REGISTER)


def test_the_right_code_is_accepted_once(app):
    code = sms.issue_code(PHONE, sms.REGISTER)
    sms.check_code(PHONE, sms.REGISTER, code)
    db.session.commit()
    with pytest.raises(DomainError):
        sms.check_code(PHONE, sms.REGISTER, code)


def test_a_code_for_another_purpose_does_not_count(app):
    code = sms.issue_code(PHONE, sms.RESET)
    with pytest.raises(DomainError):
        sms.check_code(PHONE, sms.REGISTER, code)


def test_an_expired_code_is_refused(app):
    code = sms.issue_code(PHONE, sms.REGISTER)
    _age_codes(6)
    with pytest.raises(DomainError) as caught:
        sms.check_code(PHONE, sms.REGISTER, code)
    assert "expired" in str(caught.value.message)


def test_five_wrong_tries_lock_the_code_even_against_the_right_one(app):
    code = sms.issue_code(PHONE, sms.REGISTER)
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    messages = []
    for _ in range(5):
        with pytest.raises(DomainError) as caught:
            sms.check_code(PHONE, sms.REGISTER, wrong)
        messages.append(str(caught.value.message))
    assert "4 tries left" in messages[0] and "Too many wrong tries" in messages[-1]
    with pytest.raises(DomainError) as caught:
        sms.check_code(PHONE, sms.REGISTER, code)
    assert "Too many wrong tries" in str(caught.value.message)
    assert db.session.scalar(select(SmsCode.attempts)) == 5
