"""SMS codes: 1 a minute and 10 an hour per number, 5 minutes to live, 5 tries."""
from datetime import timedelta

import pytest
from sqlalchemy import select

from webapp.extensions import db
from webapp.models import AuditEvent, SmsCode
from webapp.services.accounts import sms_codes
from webapp.services.common.errors import DomainError, RateLimited

PHONE = "13812345678"


pytestmark = pytest.mark.usefixtures("english")


def _age_codes(minutes: int) -> None:
    for row in db.session.scalars(select(SmsCode)):
        row.created_at -= timedelta(minutes=minutes)
        row.expires_at -= timedelta(minutes=minutes)
    db.session.commit()


def test_a_code_is_six_digits_sent_to_the_number_and_stored_only_as_a_hash(app, sms_outbox):
    code = sms_codes.issue_code(PHONE, sms_codes.REGISTER)
    assert len(code) == 6 and code.isdigit()
    assert sms_outbox[-1][0] == PHONE and code in sms_outbox[-1][1]
    row = db.session.scalar(select(SmsCode))
    assert code not in row.code_hash
    assert db.session.scalar(select(AuditEvent.action)) == "sms.code_sent"


def test_a_second_code_within_a_minute_is_refused(app):
    sms_codes.issue_code(PHONE, sms_codes.REGISTER)
    with pytest.raises(RateLimited):
        sms_codes.issue_code(PHONE, sms_codes.REGISTER)
    assert len(db.session.scalars(select(SmsCode)).all()) == 1


def test_at_most_ten_codes_an_hour(app):
    for _ in range(10):
        sms_codes.issue_code(PHONE, sms_codes.REGISTER)
        _age_codes(2)
    with pytest.raises(RateLimited):
        sms_codes.issue_code(PHONE, sms_codes.REGISTER)
    _age_codes(60)
    sms_codes.issue_code(PHONE, sms_codes.REGISTER)


def test_the_right_code_is_accepted_once(app):
    code = sms_codes.issue_code(PHONE, sms_codes.REGISTER)
    sms_codes.check_code(PHONE, sms_codes.REGISTER, code)
    db.session.commit()
    with pytest.raises(DomainError):
        sms_codes.check_code(PHONE, sms_codes.REGISTER, code)


def test_a_code_for_another_purpose_does_not_count(app):
    code = sms_codes.issue_code(PHONE, sms_codes.RESET)
    with pytest.raises(DomainError):
        sms_codes.check_code(PHONE, sms_codes.REGISTER, code)


def test_an_expired_code_is_refused(app):
    code = sms_codes.issue_code(PHONE, sms_codes.REGISTER)
    _age_codes(6)
    with pytest.raises(DomainError) as caught:
        sms_codes.check_code(PHONE, sms_codes.REGISTER, code)
    assert "expired" in str(caught.value.message)


def test_five_wrong_tries_lock_the_code_even_against_the_right_one(app):
    code = sms_codes.issue_code(PHONE, sms_codes.REGISTER)
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    messages = []
    for _ in range(5):
        with pytest.raises(DomainError) as caught:
            sms_codes.check_code(PHONE, sms_codes.REGISTER, wrong)
        messages.append(str(caught.value.message))
    assert "4 tries left" in messages[0] and "Too many wrong tries" in messages[-1]
    with pytest.raises(DomainError) as caught:
        sms_codes.check_code(PHONE, sms_codes.REGISTER, code)
    assert "Too many wrong tries" in str(caught.value.message)
    assert db.session.scalar(select(SmsCode.attempts)) == 5
