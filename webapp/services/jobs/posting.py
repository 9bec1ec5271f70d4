"""An employer's job posts: new, edit, and when they are published.

A job is an `Opportunity` of kind JOB. It is published only while its employer is verified; an
unverified employer's jobs wait as drafts, and `publish_waiting_jobs(employer)` publishes them
when the city verifies the employer (call it from the verification service, in its transaction).
A job an administrator took down (`unpublished_reason` set) stays a draft until the city
publishes it again: neither an edit nor a verification brings it back.
"""
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy import update as sql_update

from ...extensions import db
from ...models import JOB, Opportunity, OpportunityStatus
from ...models.base import utcnow
from ...models.work.employer import OrgType
from ...models.applying.kinds import JobKind
from ...vocab import JOB_ACCOMMODATIONS, WORKPLACE_ACCESSIBILITY
from ..audit import log as audit
from ..common.errors import DomainError
from ..common.paging import Page, paginate
from ..opportunities.fields import (
    _DISTRICT,
    Invalid,
    _choice,
    _day,
    _flag,
    _keys,
    _text,
    _whole,
    today,
)

# Employers whose posts may be set aside under the state rule (党政机关、事业单位、国有企业).
STATE_ORG_TYPES = frozenset({OrgType.STATE_BODY, OrgType.PUBLIC_INSTITUTION, OrgType.STATE_FIRM})
MAX_PAY = 100_000

PARSERS = {
    "title": _text(100, _l("Enter the job title.")),
    "job_kind": _choice([kind.value for kind in JobKind], _l("Choose the kind of work."),
                        _l("Choose a kind of work from the list.")),
    "district": _DISTRICT,
    "address": _text(200, _l("Enter the workplace address.")),
    "pay_min": _whole(0, _l("Enter the lowest monthly pay in yuan.")),
    "pay_max": _whole(0, _l("Enter the highest monthly pay in yuan. Enter the lowest again if it is fixed.")),
    "hours": _text(100, _l("Enter the working hours.")),
    "duties": _text(5000, _l("Say what the work involves."), multiline=True),
    "suits": _text(2000, multiline=True),
    "accommodations": _keys(JOB_ACCOMMODATIONS),
    "accessibility": _keys(WORKPLACE_ACCESSIBILITY),
    "for_graduates": _flag,
    "state_reserved": _flag,
    "deadline": _day(_l("Enter the closing date.")),
    "capacity": _whole(1, _l("Enter the number of openings."), _l("There must be at least 1 opening.")),
}
FIELDS = tuple(PARSERS)


def clean(employer, data: dict, current: Opportunity | None = None) -> dict:
    """Typed values from what the employer typed, or Invalid with every problem beside its field."""
    values, problems = {}, []
    for name, parse in PARSERS.items():
        try:
            values[name] = parse(data.get(name))
        except DomainError as problem:
            problems.append(DomainError(problem.message, name))
    low, high = values.get("pay_min"), values.get("pay_max")
    if low is not None and high is not None and high < low:
        problems.append(DomainError(_l("The highest pay must be at least the lowest pay, %(low)d yuan.", low=low),
                                    "pay_max"))
    if high is not None and high > MAX_PAY:
        problems.append(DomainError(_l("Enter the pay for a month, not a year."), "pay_max"))
    if values.get("state_reserved") and employer.org_type not in STATE_ORG_TYPES:
        problems.append(DomainError(_l("Only a government body, public institution or state-owned enterprise "
                                       "can set a post aside under the state rule."), "state_reserved"))
    deadline = values.get("deadline")
    if deadline and deadline < today() and (current is None or deadline != current.deadline):
        problems.append(DomainError(_l("That date has passed. Choose today or a later date."), "deadline"))
    if current is not None and values.get("capacity") is not None and values["capacity"] < current.taken:
        problems.append(DomainError(_l("%(taken)d people are already hired: enter %(taken)d or more.",
                                       taken=current.taken), "capacity"))
    if problems:
        raise Invalid(problems)
    return values


def _publish_now(opportunity: Opportunity) -> None:
    opportunity.status = OpportunityStatus.PUBLISHED
    opportunity.published_at = utcnow()


def create(employer, data: dict, ip: str | None = None) -> Opportunity:
    """Save a new job: published at once for a verified employer, else a draft that waits."""
    job = Opportunity(kind=JOB, status=OpportunityStatus.DRAFT, employer_id=employer.id, provider=employer.name,
                      created_by_id=employer.user_id, taken=0, description="", **clean(employer, data))
    if employer.is_verified:
        _publish_now(job)
    db.session.add(job)
    db.session.flush()
    audit.record("job.created", actor=employer.user, ip=ip, opportunity_id=job.id, status=job.status)
    db.session.commit()
    return job


def update(employer, job: Opportunity, data: dict, ip: str | None = None) -> Opportunity:
    """Save an employer's edits; a waiting draft is published if the employer is verified by now."""
    values = clean(employer, data, job)
    changed = sorted(name for name, value in values.items() if getattr(job, name) != value)
    for name in changed:
        setattr(job, name, values[name])
    job.provider = employer.name
    if job.status == OpportunityStatus.DRAFT and employer.is_verified and not job.unpublished_reason:
        _publish_now(job)
    audit.record("job.updated", actor=employer.user, ip=ip, opportunity_id=job.id, fields=changed,
                 status=job.status)
    db.session.commit()
    return job


def publish_waiting_jobs(employer) -> int:
    """Publish the drafts of a just-verified employer (not those the city took down); how many.

    Does not commit: the caller's verification commits it with its own audit row."""
    result = db.session.execute(
        sql_update(Opportunity)
        .where(Opportunity.kind == JOB, Opportunity.employer_id == employer.id,
               Opportunity.status == OpportunityStatus.DRAFT, Opportunity.unpublished_reason.is_(None))
        .values(status=OpportunityStatus.PUBLISHED, published_at=utcnow())
        .execution_options(synchronize_session="fetch"))
    return result.rowcount or 0


def jobs_of(employer, page: int = 1, per_page: int = 20) -> Page:
    """The employer's own jobs, newest first (the employer_id, created_at index)."""
    statement = (select(Opportunity).where(Opportunity.employer_id == employer.id, Opportunity.kind == JOB)
                 .order_by(Opportunity.created_at.desc(), Opportunity.id.desc()))
    return paginate(statement, page, per_page)


def job_of(employer, opportunity_id: int) -> Opportunity | None:
    """One of the employer's own jobs; None for anyone else's (the view answers 404)."""
    job = db.session.get(Opportunity, opportunity_id)
    if job is None or job.kind != JOB or job.employer_id != employer.id:
        return None
    return job
