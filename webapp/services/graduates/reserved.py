"""Posts reserved for graduates (Opportunity.for_graduates) are offered to the ledger's people
first. `graduates_first(job)` says whether a job is one; `reserved_jobs()` lists the published ones."""
from sqlalchemy import select

from ...extensions import db
from ...models import JOB, Opportunity, OpportunityStatus


def graduates_first(job: Opportunity) -> bool:
    """Whether a job is reserved for disabled graduates, to be offered to the ledger's people first."""
    return job.kind == JOB and bool(job.for_graduates)


def reserved_condition():
    """The same rule as a query condition, for lists of jobs."""
    return [Opportunity.kind == JOB, Opportunity.for_graduates.is_(True),
            Opportunity.status == OpportunityStatus.PUBLISHED]


def reserved_jobs(limit: int = 20) -> list[Opportunity]:
    """Published graduate-reserved jobs, closing soonest first."""
    return list(db.session.scalars(select(Opportunity).where(*reserved_condition())
                                   .order_by(Opportunity.deadline, Opportunity.id).limit(limit)))
