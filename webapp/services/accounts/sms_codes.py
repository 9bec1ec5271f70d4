"""One-time SMS codes: issue with per-number limits, verify with expiry and attempt limits."""
import hmac
import secrets
from datetime import timedelta
from hashlib import sha256

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from ...extensions import db
from ...models import SmsCode
from ...models.base import utcnow
from ..audit import log as audit
from ..common import sms
from ..common.errors import DomainError, RateLimited

REGISTER = "register"
RESET = "reset"


def _digest(phone: str, code: str) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, f"{phone}:{code}".encode(), sha256).hexdigest()


def issue_code(phone: str, purpose: str, ip: str | None = None) -> str:
    """Create and send a 6-digit code; at most 1 a minute and 10 an hour per number."""
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
    sms.send(phone, _("[Yangquan Disability Employment] Your code is %(code)s. It expires in %(minutes)d minutes. Do not share it.", code=code, minutes=minutes))
    return code


def check_code(phone: str, purpose: str, code: str, ip: str | None = None) -> SmsCode:
    """Check a code against the newest unused one. A wrong try is counted and committed.

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
    if row.attempts >= current_app.config["SMS_CODE_MAX_ATTEMPTS"]:
        raise DomainError(_l("Too many wrong tries for this code. Ask for a new code."), "code")
    if not hmac.compare_digest(row.code_hash, _digest(phone, code)):
        row.attempts += 1
        audit.record("sms.code_failed", ip=ip, phone=phone, purpose=purpose, attempts=row.attempts)
        db.session.commit()
        left = current_app.config["SMS_CODE_MAX_ATTEMPTS"] - row.attempts
        if left <= 0:
            raise DomainError(_l("Too many wrong tries for this code. Ask for a new code."), "code")
        raise DomainError(_l("The code is not right. You have %(left)d tries left.", left=left), "code")
    row.used_at = utcnow()
    return row
