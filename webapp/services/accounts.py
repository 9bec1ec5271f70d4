"""Accounts: registration, sign-in, password reset, preferences and staff accounts."""
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from ..extensions import db
from ..models import District, Role, User
from ..models.base import utcnow
from . import audit, sms
from .errors import DomainError
from .passwords import check_password

# Checked against when the phone is unknown, so a wrong number takes as long as a wrong password.
_DUMMY_HASH = generate_password_hash("not-a-real-password")


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


def find_by_phone(phone: str) -> User | None:
    return db.session.scalar(select(User).where(User.phone == phone))


def check_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise DomainError(_l("Enter your real name."), "name")
    if len(name) > 50:
        raise DomainError(_l("Your name must be 50 characters or fewer."), "name")
    return name


def start_registration(phone: str, ip: str | None = None) -> str:
    """Send a registration code to a number that has no account yet; return the code."""
    if find_by_phone(phone):
        raise DomainError(_l("This number already has an account. Sign in, or reset your password."), "phone")
    return sms.issue_code(phone, sms.REGISTER, ip)


def register(phone: str, code: str, name: str, password: str, ip: str | None = None,
             role: str = Role.APPLICANT.value) -> User:
    """Create an applicant (or family helper) account once the SMS code checks out."""
    if role not in (Role.APPLICANT.value, Role.HELPER.value):
        raise DomainError(_l("Choose who the account is for."), "account_type")
    name = check_name(name)
    check_password(password, phone)
    if find_by_phone(phone):
        raise DomainError(_l("This number already has an account. Sign in, or reset your password."), "phone")
    sms.check_code(phone, sms.REGISTER, code, ip)
    user = User(phone=phone, name=name, password_hash=hash_password(password), role=role)
    db.session.add(user)
    db.session.flush()
    audit.record("account.registered", actor=user, subject=user, ip=ip, role=role)
    db.session.commit()
    return user


def authenticate(phone: str, password: str, ip: str | None = None) -> User:
    """Return the user for a right phone and password; record every try."""
    user = find_by_phone(phone)
    ok = check_password_hash(user.password_hash if user else _DUMMY_HASH, password or "")
    if not (user and ok and user.active):
        audit.record("account.login_failed", subject=user, ip=ip, phone=phone)
        db.session.commit()
        if user and ok and not user.active:
            raise DomainError(_l("This account has been switched off. Please contact your local Disabled Persons' Federation."), "phone")
        raise DomainError(_l("The phone number or password is not right."), "password")
    user.last_login_at = utcnow()
    audit.record("account.login", actor=user, subject=user, ip=ip)
    db.session.commit()
    return user


def record_logout(user: User, ip: str | None = None, reason: str = "user") -> None:
    audit.record("account.logout", actor=user, subject=user, ip=ip, reason=reason)
    db.session.commit()


def start_reset(phone: str, ip: str | None = None) -> str:
    if not find_by_phone(phone):
        raise DomainError(_l("No account uses this number. Check the number, or register."), "phone")
    return sms.issue_code(phone, sms.RESET, ip)


def reset_password(phone: str, code: str, password: str, ip: str | None = None) -> User:
    user = find_by_phone(phone)
    if user is None:
        raise DomainError(_l("No account uses this number. Check the number, or register."), "phone")
    check_password(password, phone)
    sms.check_code(phone, sms.RESET, code, ip)
    user.password_hash = hash_password(password)
    audit.record("account.password_reset", actor=user, subject=user, ip=ip)
    db.session.commit()
    return user


def set_preferences(user: User, *, locale: str | None = None, care_mode: bool | None = None,
                    ip: str | None = None) -> None:
    """Remember language and care mode on the profile; write only when something changes."""
    changes = {}
    if locale is not None and locale != user.locale:
        changes["locale"] = locale
        user.locale = locale
    if care_mode is not None and care_mode != user.care_mode:
        changes["care_mode"] = care_mode
        user.care_mode = care_mode
    if changes:
        audit.record("account.preferences", actor=user, subject=user, ip=ip, **changes)
        db.session.commit()


def create_staff(*, phone: str, name: str, password: str, role: Role, district: str | None,
                 actor: User | None = None, ip: str | None = None) -> User:
    """Create a caseworker (district or city-wide) or an administrator."""
    name = check_name(name)
    check_password(password, phone)
    if role not in (Role.CASEWORKER, Role.ADMIN):
        raise DomainError(_l("Choose a staff role."), "role")
    if district:
        try:
            District(district)
        except ValueError:
            raise DomainError(_l("Choose a district from the list."), "district") from None
    if find_by_phone(phone):
        raise DomainError(_l("This number already has an account."), "phone")
    user = User(phone=phone, name=name, password_hash=hash_password(password),
                role=role.value, district=district or None)
    db.session.add(user)
    db.session.flush()
    audit.record("account.staff_created", actor=actor, subject=user, ip=ip, role=role.value,
                 district=district or "city")
    db.session.commit()
    return user
