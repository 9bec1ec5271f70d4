"""Posts reserved for graduates (Opportunity.for_graduates) are offered to the ledger's people first.

For `GRADUATES_FIRST_DAYS` days from the service day a reserved job is published, only people with a
plan in the graduates' ledger (一人一策) may apply; from then on anyone may. On the jobs that fit a
person with a plan they come first, and the plan's page lists them for the caseworker to offer.
`graduates_first(job)` says whether a job is one, `open_to_all_on(job)` from when others may apply,
`waiting_for_graduates(job, person)` whether this person must wait, and `reserved_jobs()` lists them.
"""
from datetime import date, timedelta

from flask import current_app
from sqlalchemy import select

from ...extensions import db
from ...models import JOB, GraduatePlan, Opportunity, OpportunityStatus
from ..common import dates

DEFAULT_FIRST_DAYS = 7


def graduates_first(job: Opportunity) -> bool:
    """Whether a job is reserved for disabled graduates, to be offered to the ledger's people first."""
    return job.kind == JOB and bool(job.for_graduates)


def open_to_all_on(job: Opportunity) -> date | None:
    """The day anyone may apply for a reserved job; None for a job that is not reserved or not published."""
    if not graduates_first(job) or job.published_at is None:
        return None
    days = int(current_app.config.get("GRADUATES_FIRST_DAYS", DEFAULT_FIRST_DAYS))
    return dates.day_of(job.published_at) + timedelta(days=days)


def in_ledger(person) -> bool:
    """Whether the person has a plan in the graduates' ledger (a student or a recent graduate)."""
    return db.session.scalar(select(GraduatePlan.id).where(GraduatePlan.user_id == person.id).limit(1)) is not None


def waiting_for_graduates(job: Opportunity, today: date, graduate: bool) -> date | None:
    """The day this person may apply, while the job is still only for graduates and they are not one."""
    opens = open_to_all_on(job)
    return opens if opens is not None and not graduate and today < opens else None


def reserved_condition():
    """Published graduate-reserved jobs, as a query condition for lists of jobs."""
    return [Opportunity.kind == JOB, Opportunity.for_graduates.is_(True),
            Opportunity.status == OpportunityStatus.PUBLISHED]


def reserved_jobs(limit: int = 20) -> list[Opportunity]:
    """Published graduate-reserved jobs, closing soonest first."""
    return list(db.session.scalars(select(Opportunity).where(*reserved_condition())
                                   .order_by(Opportunity.deadline, Opportunity.id).limit(limit)))
