"""The city's word on employers' jobs: the list of every job, and taking one down with a reason.

A job taken down goes back to DRAFT, which every finding page treats as not public (CLOSED jobs
stay visible to the people who applied); its employer sees the reason on their list.
"""
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ...extensions import db
from ...models import JOB, Opportunity, OpportunityStatus
from ..audit import log as audit
from ..common.errors import DomainError
from ..common.paging import Page, paginate
from ..common.text import plain


def all_jobs(page: int = 1, per_page: int = 20) -> Page:
    """Every job, newest first, with its employer loaded in the same query."""
    statement = (select(Opportunity).options(joinedload(Opportunity.employer))
                 .where(Opportunity.kind == JOB).order_by(Opportunity.created_at.desc(), Opportunity.id.desc()))
    return paginate(statement, page, per_page)


def job(opportunity_id: int) -> Opportunity | None:
    found = db.session.get(Opportunity, opportunity_id)
    return found if found is not None and found.kind == JOB else None


def unpublish(admin, job: Opportunity, reason: str, ip: str | None = None) -> Opportunity:
    """Take a published job down: back to draft, the reason kept for its employer, one audit row."""
    reason = plain(reason, multiline=True)
    if not reason:
        raise DomainError(_l("Say why the job is taken down. The employer will read it."), "reason")
    if len(reason) > 1000:
        raise DomainError(_l("Enter %(limit)d characters or fewer.", limit=1000), "reason")
    if not job.status.is_public:
        raise DomainError(_l("This job is not published."), "reason")
    job.status = OpportunityStatus.DRAFT
    job.unpublished_reason = reason
    audit.record("job.unpublished", actor=admin, ip=ip, opportunity_id=job.id, employer_id=job.employer_id,
                 reason=reason)
    db.session.commit()
    return job
