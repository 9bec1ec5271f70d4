"""Signing in and out, and resetting a forgotten password by SMS code."""
import json
from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from ...extensions import db
from ...models import AuditEvent, User
from ...models.base import utcnow
from ..audit import log as audit
from ..common import sms
from ..common.errors import DomainError, RateLimited
from . import sms_codes
from .passwords import check_password, hash_password
from .users import end_sessions, find_by_phone

# Checked against when the phone is unknown, so a wrong number takes as long as a wrong password.
_DUMMY_HASH = generate_password_hash("not-a-real-password")
_NO_SUCH_ACCOUNT = _l("No account uses this number. Check the number, or register.")


def _recent_failures(phone: str) -> int:
    """Wrong passwords for this number, from any address, within the lock-out window."""
    since = utcnow() - timedelta(minutes=current_app.config["LOGIN_LOCK_MINUTES"])
    return db.session.scalar(select(func.count()).select_from(AuditEvent).where(
        AuditEvent.action == "account.login_failed", AuditEvent.at > since,
        AuditEvent.detail == json.dumps({"phone": phone}, ensure_ascii=False, sort_keys=True)))


def authenticate(phone: str, password: str, ip: str | None = None) -> User:
    """Return the user for a right phone and password; record every try. After too many wrong
    passwords for one number (from any address) signing in to it pauses, for a number with or
    without an account alike; the account's owner is told by text message when it starts."""
    limit = current_app.config["LOGIN_LOCK_AFTER"]
    if _recent_failures(phone) >= limit:
        raise RateLimited(_l("Too many wrong passwords for this number. Signing in is paused for %(minutes)d "
                             "minutes. If you have forgotten the password, reset it.",
                             minutes=current_app.config["LOGIN_LOCK_MINUTES"]), "password")
    user = find_by_phone(phone)
    ok = check_password_hash(user.password_hash if user else _DUMMY_HASH, password or "")
    if not (user and ok and user.active):
        audit.record("account.login_failed", subject=user, ip=ip, phone=phone)
        db.session.commit()
        if user and _recent_failures(phone) == limit:
            sms.send(user.phone, _("[Yangquan Disability Employment] There were %(count)d wrong passwords for your "
                                   "account, so signing in is paused for %(minutes)d minutes. If this was not you, "
                                   "reset your password.", count=limit,
                                   minutes=current_app.config["LOGIN_LOCK_MINUTES"]))
        if user and ok and not user.active:
            raise DomainError(_l("This account has been switched off. Please contact your local Disabled Persons' Federation."), "phone")
        raise DomainError(_l("The phone number or password is not right."), "password")
    user.last_login_at = utcnow()
    audit.record("account.login", actor=user, subject=user, ip=ip)
    db.session.commit()
    return user


def record_logout(user: User, ip: str | None = None, reason: str = "user") -> None:
    """Sign out: this session and every other one of the account end now."""
    end_sessions(user)
    audit.record("account.logout", actor=user, subject=user, ip=ip, reason=reason)
    db.session.commit()


def start_reset(phone: str, ip: str | None = None) -> str | None:
    """Text a reset code to a number that has an account and return it; a number without one is
    told so by text instead (None), so the page never says whose number is registered."""
    if not find_by_phone(phone):
        sms_codes.issue_code(phone, sms_codes.RESET, ip, instead=_(
            "[Yangquan Disability Employment] No account uses this number, so there is no password to "
            "reset. You can register with it. If you did not ask for this, you can ignore this message."))
        return None
    return sms_codes.issue_code(phone, sms_codes.RESET, ip)


def reset_password(phone: str, code: str, password: str, ip: str | None = None) -> User:
    check_password(password, phone)
    sms_codes.check_code(phone, sms_codes.RESET, code, ip)  # a number without an account never got one
    user = find_by_phone(phone)
    if user is None:
        raise DomainError(_NO_SUCH_ACCOUNT, "phone")
    user.password_hash = hash_password(password)
    end_sessions(user)  # whoever knew the old password is signed out too
    audit.record("account.password_reset", actor=user, subject=user, ip=ip)
    db.session.commit()
    return user
