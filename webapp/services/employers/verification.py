"""The city's check of an employer: verify, or reject with a reason; and an administrator's
correction of the numbers behind its quota. Each is one transaction with its audit row.

The notices service writes notices about applications and helper links only (services.common.
notices), so the employer learns the outcome from its own home page, which shows the status and
the reason; the audit row records who decided and why.
"""
from flask_babel import lazy_gettext as _l
from sqlalchemy import case, select

from ...extensions import db
from ...models import Employer, EmployerStatus
from ...models.base import utcnow
from ..audit import log as audit
from ..common.errors import DomainError
from ..common.paging import paginate
from ..common.text import plain
from ..jobs import posting
from .accounts import check_numbers

MAX_REASON = 500
PER_PAGE = 20


class NotAllowed(DomainError):
    status = 403


def _require_admin(admin) -> None:
    if admin is None or not admin.is_admin:
        raise NotAllowed(_l("Only a city administrator can verify employers."))


def listing(page: int = 1):
    """Every employer, those waiting first, then newest first: one page."""
    waiting_first = case((Employer.status == EmployerStatus.PENDING, 0), else_=1)
    statement = select(Employer).order_by(waiting_first, Employer.created_at.desc(), Employer.id.desc())
    return paginate(statement, page, PER_PAGE)


def verify(admin, employer: Employer, ip: str | None = None) -> Employer:
    """Verified: the jobs it saved while waiting are published in the same transaction."""
    _require_admin(admin)
    if employer.status == EmployerStatus.VERIFIED:
        raise DomainError(_l("This employer is already verified."))
    employer.status, employer.status_reason = EmployerStatus.VERIFIED, None
    employer.verified_at, employer.verified_by_id = utcnow(), admin.id
    published = posting.publish_waiting_jobs(employer)
    audit.record("employer.verified", actor=admin, subject=employer.user_id, ip=ip, employer_id=employer.id,
                 jobs_published=published)
    db.session.commit()
    return employer


def reject(admin, employer: Employer, reason: str, ip: str | None = None) -> Employer:
    """Not verified, with the reason the employer reads on its home page."""
    _require_admin(admin)
    reason = plain(reason, multiline=True)
    if not reason:
        raise DomainError(_l("Say why the employer cannot be verified, so it knows what to fix."), "reason")
    if len(reason) > MAX_REASON:
        raise DomainError(_l("The reason must be 500 characters or fewer."), "reason")
    employer.status, employer.status_reason = EmployerStatus.REJECTED, reason
    employer.verified_at = employer.verified_by_id = None
    audit.record("employer.rejected", actor=admin, subject=employer.user_id, ip=ip, employer_id=employer.id,
                 reason=reason)
    db.session.commit()
    return employer


def correct_numbers(admin, employer: Employer, staff, disabled, ip: str | None = None) -> Employer:
    """An administrator's correction of the declared numbers, recorded as theirs."""
    _require_admin(admin)
    before = (employer.staff_count, employer.disabled_staff)
    employer.staff_count, employer.disabled_staff = check_numbers(staff, disabled)
    employer.numbers_corrected_by_id = admin.id
    audit.record("employer.numbers_corrected", actor=admin, subject=employer.user_id, ip=ip,
                 employer_id=employer.id, before=list(before),
                 after=[employer.staff_count, employer.disabled_staff])
    db.session.commit()
    return employer
