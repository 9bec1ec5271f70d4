"""What an employer reads of the applications to its jobs: a page of them (filtered by job and
status; applicant and job loaded with the row, no query per row), one by reference (None for
another employer's), its latest interview, and the audit row of every view."""
from sqlalchemy import select

from ...extensions import db
from ...models import JOB, Application, Employer, Interview, Opportunity
from ...models import ApplicationStatus as S
from ..audit import log as audit
from ..common.paging import Page, paginate

PER_PAGE = 20
# The statuses an employer sees: sent ones (a draft is the applicant's own business).
SEEN = (S.SUBMITTED, S.SHORTLISTED, S.INTERVIEW, S.OFFERED, S.HIRED, S.REJECTED, S.DECLINED, S.WITHDRAWN)


def employer_of(user) -> Employer | None:
    """The employer whose account this is."""
    if not user.is_employer:
        return None
    return db.session.scalar(select(Employer).where(Employer.user_id == user.id))


def jobs_of(employer: Employer) -> list[tuple[int, str]]:
    return db.session.execute(select(Opportunity.id, Opportunity.title).where(
        Opportunity.employer_id == employer.id, Opportunity.kind == JOB)
        .order_by(Opportunity.created_at.desc(), Opportunity.id.desc())).all()


def _of(employer: Employer):
    return (select(Application).join(Opportunity, Opportunity.id == Application.opportunity_id)
            .where(Opportunity.employer_id == employer.id, Opportunity.kind == JOB, Application.status.in_(SEEN)))


def applications(employer: Employer, job_id: int | None = None, status: S | None = None, page: int = 1) -> Page:
    """The applications to the employer's jobs, most recently sent first."""
    query = _of(employer)
    if job_id is not None:
        query = query.where(Application.opportunity_id == job_id)
    if status is not None:
        query = query.where(Application.status == status)
    return paginate(query.order_by(Application.submitted_at.desc(), Application.id.desc()), page, PER_PAGE)


def one(employer: Employer, reference: str) -> Application | None:
    return db.session.scalar(_of(employer).where(Application.reference == reference))


def interview_of(application: Application) -> Interview | None:
    return db.session.scalar(select(Interview).where(Interview.application_id == application.id)
                             .order_by(Interview.at.desc(), Interview.id.desc()).limit(1))


def viewed(user, application: Application, ip: str | None = None) -> None:
    """Every look an employer takes at an applicant is recorded."""
    audit.record("employer.viewed_application", actor=user, subject=application.applicant_id, ip=ip,
                 reference=application.reference)
    db.session.commit()
