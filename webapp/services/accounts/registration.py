"""Registration: a code to a number that has no account yet, then name, password and account type."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ...extensions import db
from ...models import Role, User
from ..audit import log as audit
from ..common.errors import DomainError
from ..common.names import check_name
from . import sms_codes
from .passwords import check_password, hash_password
from .users import find_by_phone

SELF_SERVICE_ROLES = (Role.APPLICANT, Role.HELPER)


def _refuse_taken(phone: str) -> None:
    if find_by_phone(phone):
        raise DomainError(_l("This number already has an account. Sign in, or reset your password."), "phone")


def start_registration(phone: str, ip: str | None = None) -> str | None:
    """Text a registration code to a number that has no account yet and return it. A number that
    has one is told so by text instead (None), so the page never says whose number is registered."""
    if find_by_phone(phone):
        sms_codes.issue_code(phone, sms_codes.REGISTER, ip, instead=_(
            "[Yangquan Disability Employment] This number already has an account. Sign in, or reset your "
            "password if you have forgotten it. If you did not ask for this, you can ignore this message."))
        return None
    return sms_codes.issue_code(phone, sms_codes.REGISTER, ip)


def register(phone: str, code: str, name: str, password: str, ip: str | None = None,
             role: str = Role.APPLICANT) -> User:
    """Create an applicant (or family helper) account once the SMS code checks out."""
    if role not in SELF_SERVICE_ROLES:
        raise DomainError(_l("Choose who the account is for."), "account_type")
    name = check_name(name)
    check_password(password, phone)
    sms_codes.check_code(phone, sms_codes.REGISTER, code, ip)  # a registered number never got one
    _refuse_taken(phone)
    user = User(phone=phone, name=name, password_hash=hash_password(password), role=role)
    db.session.add(user)
    db.session.flush()
    audit.record("account.registered", actor=user, subject=user, ip=ip, role=role)
    db.session.commit()
    return user
