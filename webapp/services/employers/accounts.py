"""用人单位 accounts: registration (an employer account and its organisation, waiting for the city),
the numbers behind its quota as the employer declares them, and its business licence photo.

The phone number, its SMS code and the password follow the applicants' registration exactly
(services.accounts: start_registration sends the code, check_code and check_password check them).
"""
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ...extensions import db
from ...models import District, Employer, EmployerStatus, Evidence, OrgType, Role, User
from ...models.base import utcnow
from ..accounts import sms_codes
from ..accounts.passwords import check_password, hash_password
from ..accounts.users import find_by_phone
from ..audit import log as audit
from ..common.errors import DomainError
from ..common.names import check_name
from ..common.phone import normalise_phone
from ..common.text import plain, whole_number
from ..identity import uploads
from ..opportunities.fields import Invalid
from . import credit_code

MAX_ORG_NAME = 100
MAX_STAFF = 1_000_000
LICENCE = "licence"  # Evidence.kind of a business licence photo (营业执照)
DUPLICATE = _l("An employer with this unified social credit code is already registered. Sign in with its "
               "account, or call the city 残联 (12385) if you think this is a mistake.")


def _org_name(text) -> str:
    name = plain(text)
    if not name:
        raise DomainError(_l("Enter the organisation's name as on its business licence."), "org_name")
    if len(name) > MAX_ORG_NAME:
        raise DomainError(_l("The organisation's name must be 100 characters or fewer."), "org_name")
    return name


def _choice(value, kinds, message, field):
    try:
        return kinds(value)
    except ValueError:
        raise DomainError(message, field) from None


def _code_taken(code: str) -> bool:
    return db.session.scalar(select(Employer.id).where(Employer.credit_code == code)) is not None


def check_details(phone: str, password: str, details: dict) -> dict:
    """Every field of the form checked at once (Invalid names each problem); the cleaned values."""
    checks = {
        "org_name": lambda: _org_name(details.get("org_name")),
        "org_type": lambda: _choice(details.get("org_type"), OrgType, _l("Choose the type of organisation."),
                                    "org_type"),
        "district": lambda: _choice(details.get("district"), District, _l("Choose the district where it is."),
                                    "district"),
        "credit_code": lambda: credit_code.check(details.get("credit_code")),
        "contact_name": lambda: check_name(details.get("contact_name"), "contact_name"),
        "contact_phone": lambda: normalise_phone(details.get("contact_phone") or "", "contact_phone"),
        "password": lambda: check_password(password, phone),
    }
    values, problems = {}, []
    for name, check in checks.items():
        try:
            values[name] = check()
        except DomainError as problem:
            problems.append(problem)
    if "credit_code" in values and _code_taken(values["credit_code"]):
        problems.append(DomainError(DUPLICATE, "credit_code"))
    if problems:
        raise Invalid(problems)
    return values


def register(phone: str, code: str, password: str, details: dict, ip: str | None = None) -> Employer:
    """Create the employer's account (Role.EMPLOYER) and its organisation, waiting for the city's
    verification, once every field and the SMS code check out: one transaction, one audit row."""
    values = check_details(phone, password, details)
    sms_codes.check_code(phone, sms_codes.REGISTER, code, ip)  # a registered number never got one
    if find_by_phone(phone):
        raise DomainError(_l("This number already has an account. Sign in, or reset your password."), "phone")
    user = User(phone=phone, name=values["contact_name"], password_hash=hash_password(password), role=Role.EMPLOYER)
    db.session.add(user)
    db.session.flush()
    row = Employer(user_id=user.id, name=values["org_name"], org_type=values["org_type"],
                   credit_code=values["credit_code"], district=values["district"],
                   contact_name=values["contact_name"], contact_phone=values["contact_phone"],
                   status=EmployerStatus.PENDING)
    db.session.add(row)
    try:
        db.session.flush()
    except IntegrityError:  # the same code registered a moment ago by someone else
        db.session.rollback()
        raise DomainError(DUPLICATE, "credit_code") from None
    audit.record("employer.registered", actor=user, subject=user, ip=ip, employer_id=row.id,
                 credit_code=row.credit_code)
    db.session.commit()
    return row


def employer_of(user) -> Employer | None:
    """The organisation of an employer account (None for anyone else)."""
    if user is None or not getattr(user, "is_employer", False):
        return None
    return db.session.scalar(select(Employer).where(Employer.user_id == user.id))


def check_numbers(staff, disabled) -> tuple[int, int]:
    """Staff and disabled staff as typed: whole numbers, the second no more than the first."""
    problems = []
    staff_count = whole_number(staff, MAX_STAFF)
    if staff_count is None:
        problems.append(DomainError(_l("Enter the number of staff as a whole number, like 120."), "staff_count"))
    disabled_staff = whole_number(disabled, MAX_STAFF)
    if disabled_staff is None:
        problems.append(DomainError(_l("Enter the number of disabled employees as a whole number, like 2 or 0."),
                                    "disabled_staff"))
    elif staff_count is not None and disabled_staff > staff_count:
        problems.append(DomainError(_l("Disabled employees cannot be more than the staff in all."),
                                    "disabled_staff"))
    if problems:
        raise Invalid(problems)
    return staff_count, disabled_staff


def declare_numbers(employer: Employer, staff, disabled, ip: str | None = None) -> Employer:
    """The employer's own staff count and disabled employees (an administrator's correction is undone)."""
    employer.staff_count, employer.disabled_staff = check_numbers(staff, disabled)
    employer.numbers_corrected_by_id = None
    audit.record("employer.numbers_declared", actor=employer.user_id, subject=employer.user_id, ip=ip,
                 employer_id=employer.id, staff_count=employer.staff_count,
                 disabled_staff=employer.disabled_staff)
    db.session.commit()
    return employer


def upload_licence(employer: Employer, upload, ip: str | None = None) -> Evidence:
    """Check, re-encode and store the business licence photo (the evidence uploads' own checks);
    a newer photo replaces the older one."""
    stored = uploads.store_image(upload, field="licence")
    old = db.session.get(Evidence, employer.licence_evidence_id) if employer.licence_evidence_id else None
    try:
        row = Evidence(user_id=employer.user_id, kind=LICENCE, file_name=stored.name, thumb_name=stored.thumb_name,
                       mime=stored.mime, width=stored.width, height=stored.height, size=stored.size,
                       uploaded_by_id=employer.user_id)
        db.session.add(row)
        db.session.flush()
        if old is not None:
            old.deleted_at = utcnow()
        employer.licence_evidence_id = row.id
        audit.record("employer.licence_uploaded", actor=employer.user_id, subject=employer.user_id, ip=ip,
                     employer_id=employer.id, size=stored.size)
        db.session.commit()
    except Exception:
        db.session.rollback()
        uploads.delete(stored.name)
        raise
    if old is not None:
        uploads.delete(old.file_name)
    return row


def licence_of(viewer, employer: Employer | None) -> Evidence:
    """The licence photo, for the employer itself and administrators only (LookupError otherwise)."""
    if employer is None or employer.licence_evidence_id is None or viewer is None:
        raise LookupError("licence")
    if not (viewer.is_admin or viewer.id == employer.user_id):
        raise LookupError("licence")
    row = db.session.get(Evidence, employer.licence_evidence_id)
    if row is None or row.deleted_at is not None:
        raise LookupError("licence")
    return row
