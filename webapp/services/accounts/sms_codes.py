"""One-time SMS codes: issue with per-number limits, verify with expiry and attempt limits."""
import hmac
import secrets
from datetime import timedelta
from hashlib import sha256

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update

from ...extensions import db
from ...models import SmsCode
from ...models.base import utcnow
from ..audit import log as audit
from ..common import sms
from ..common.errors import DomainError, RateLimited

_TOO_MANY = _l("Too many wrong tries for this code. Ask for a new code.")
REGISTER = "register"
RESET = "reset"


def _digest(phone: str, code: str) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, f"{phone}:{code}".encode(), sha256).hexdigest()


def issue_code(phone: str, purpose: str, ip: str | None = None, instead: str | None = None) -> str:
    """Create and send a 6-digit code; at most 1 a minute and 10 an hour per number.

    `instead` is sent in place of the code when the number cannot use one (it already has an
    account, or has none to reset): the limits still count, and the page says the same either way.
    """
    cfg = current_app.config
    now = utcnow()
    recent = select(func.count()).select_from(SmsCode).where(SmsCode.phone == phone)
    last_minute = db.session.scalar(recent.where(SmsCode.created_at > now - timedelta(minutes=1)))
    if last_minute >= cfg["SMS_CODES_PER_MINUTE"]:
        raise RateLimited(_l("A code was sent less than a minute ago. Please wait a minute before asking again."), "phone")
    last_hour = db.session.scalar(recent.where(SmsCode.created_at > now - timedelta(hours=1)))
    if last_hour >= cfg["SMS_CODES_PER_HOUR"]:
        raise RateLimited(_l("Too many codes were sent to this number in the last hour. Please try again later."), "phone")
    code = f"{secrets.randbelow(10**6):06d}"
    db.session.add(SmsCode(
        phone=phone, purpose=purpose, code_hash=_digest(phone, code), created_at=now,
        expires_at=now + timedelta(seconds=cfg["SMS_CODE_TTL_SECONDS"]),
    ))
    audit.record("sms.code_sent", ip=ip, phone=phone, purpose=purpose)
    db.session.commit()
    minutes = cfg["SMS_CODE_TTL_SECONDS"] // 60
    sms.send(phone, instead or _("[Yangquan Disability Employment] Your code is %(code)s. It expires in %(minutes)d "
                                 "minutes. Do not share it.", code=code, minutes=minutes))
    return code


def check_code(phone: str, purpose: str, code: str, ip: str | None = None) -> SmsCode:
    """Check a code against the newest unused one. Every try is counted before the code is looked
    at, in one statement, so tries made at the same moment cannot share a count; a wrong try is
    committed at once.

    On success the code is marked used in the caller's transaction, so it is spent
    only if the change it unlocks is committed too.
    """
    code = (code or "").strip()
    if not code:
        raise DomainError(_l("Enter the 6-digit code from the text message."), "code")
    row = db.session.scalar(
        select(SmsCode).where(SmsCode.phone == phone, SmsCode.purpose == purpose, SmsCode.used_at.is_(None))
        .order_by(SmsCode.created_at.desc(), SmsCode.id.desc()).limit(1)
    )
    if row is None:
        raise DomainError(_l("No code has been sent to this number. Ask for a new code."), "code")
    if row.expires_at < utcnow():
        raise DomainError(_l("This code has expired. Ask for a new code."), "code")
    limit = current_app.config["SMS_CODE_MAX_ATTEMPTS"]
    attempts = db.session.scalar(
        update(SmsCode).where(SmsCode.id == row.id, SmsCode.attempts < limit, SmsCode.used_at.is_(None))
        .values(attempts=SmsCode.attempts + 1).returning(SmsCode.attempts))
    if attempts is None:
        db.session.commit()
        raise DomainError(_TOO_MANY, "code")
    if not hmac.compare_digest(row.code_hash, _digest(phone, code)):
        audit.record("sms.code_failed", ip=ip, phone=phone, purpose=purpose, attempts=attempts)
        db.session.commit()
        if attempts >= limit:
            raise DomainError(_TOO_MANY, "code")
        raise DomainError(_l("The code is not right. You have %(left)d tries left.", left=limit - attempts), "code")
    spent = db.session.execute(update(SmsCode).where(SmsCode.id == row.id, SmsCode.used_at.is_(None))
                               .values(used_at=utcnow()).execution_options(synchronize_session=False))
    if spent.rowcount != 1:  # the same code, sent twice at once: the first one counts
        db.session.rollback()
        raise DomainError(_l("This code has just been used. Ask for a new code if you still need one."), "code")
    return row
