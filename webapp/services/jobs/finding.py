"""Jobs that fit a person, from their newest submitted needs registration, ranked in the database.

Four questions, each one CASE column over the published jobs open today:

    the registration's            the job's
    work_patterns (any of)   <->  job_kind (working from home also fits online work)
    districts (any of)       <->  district
    pay_min (wanted, yuan)   <->  pay_max (the top of its range reaches it)
    accommodations (each)    <->  accommodation_flags (one bit per accommodation offered)

A question the person left unanswered scores nothing either way. The score (one point per
question met, and one per accommodation offered) orders the page, then the closing date.

Three queries a page, however many jobs there are:
1. the ranking: ids, score and the CASE columns of the open jobs, sorted and cut to the page. Every
   column it reads is in `ix_opportunities_job_fit`, so the database scores and sorts from the index
   without reading a job's row (at 20,000 jobs: 3 ms instead of 100 ms reading wide rows to sort them);
2. the number of open jobs, from the same index;
3. the page's ten jobs with their employers.
A job's accommodations are matched by bit (`vocab.accommodation_flags`, kept in step with the JSON
list on every write) so no JSON function, which SQLite and PostgreSQL spell differently, is needed.
"""
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import case, func, literal, select
from sqlalchemy.orm import contains_eager

from ...extensions import db
from ...models import DISTRICT_LABELS, JOB, Opportunity, OpportunityStatus
from ...models.applying.kinds import JobKind
from ...vocab import ACCOMMODATIONS, WORK_PATTERNS, accommodation_flags, label, labels
from ..common import dates
from ..common.paging import Page, last_page
from ..graduates import reserved
from ..needs import versions

PER_PAGE = 10


@dataclass
class Fit:
    """One job on the page, with what fits in words and what does not, said kindly."""

    job: Opportunity
    score: int
    reasons: list[str] = field(default_factory=list)
    mismatches: list[str] = field(default_factory=list)


def registration_of(person):
    """The newest submitted needs registration, or None (the page then asks them to register)."""
    return versions.latest_submitted(person)


def _kinds(patterns: list[str]) -> list[str]:
    wanted = [key for key in patterns if key in WORK_PATTERNS]
    if JobKind.HOME_BASED.value in wanted:
        wanted.append(JobKind.ONLINE_WORK.value)
    return wanted


def _yes(condition):
    return case((condition, 1), else_=0)


def _columns(needs) -> dict:
    """The CASE columns, by name; only for what the person told us."""
    columns = {}
    if kinds := _kinds(needs.work_patterns or []):
        columns["kind"] = _yes(Opportunity.job_kind.in_(kinds))
    if needs.districts:
        columns["district"] = _yes(Opportunity.district.in_(list(needs.districts)))
    if needs.pay_min:
        columns["pay"] = _yes(Opportunity.pay_max >= needs.pay_min)
    for key in needs.accommodations or []:
        if key in ACCOMMODATIONS:
            columns[f"offers:{key}"] = _yes(Opportunity.accommodation_flags.bitwise_and(accommodation_flags([key])) != 0)
    return columns


def _explain(job: Opportunity, needs, met: dict) -> tuple[list[str], list[str]]:
    reasons, mismatches = [], []
    if "kind" in met:
        wanted = labels(WORK_PATTERNS, needs.work_patterns)
        if met["kind"]:
            reasons.append(_("It is %(kind)s, as you asked.", kind=job.job_kind.label))
        else:
            mismatches.append(_("It offers %(kind)s; you asked for %(wanted)s.", kind=job.job_kind.label,
                                   wanted=wanted))
    if "district" in met:
        place = label(DISTRICT_LABELS, job.district)
        if met["district"]:
            reasons.append(_("It is in %(district)s, where you want to work.", district=place))
        else:
            mismatches.append(_("It is in %(district)s, not in the districts you chose.", district=place))
    if "pay" in met:
        if met["pay"]:
            reasons.append(_("Its pay reaches the %(pay)d yuan a month you asked for.", pay=needs.pay_min))
        else:
            mismatches.append(_("It pays up to %(top)d yuan a month; you asked for %(pay)d.",
                                   top=job.pay_max or 0, pay=needs.pay_min))
    offered = [name.split(":", 1)[1] for name, value in met.items() if name.startswith("offers:") and value]
    missing = [name.split(":", 1)[1] for name, value in met.items() if name.startswith("offers:") and not value]
    if offered:
        reasons.append(_("It offers support you need: %(list)s.", list=labels(ACCOMMODATIONS, offered)))
    if missing:
        mismatches.append(_("It does not list %(list)s; you could ask the employer.",
                               list=labels(ACCOMMODATIONS, missing)))
    return reasons, mismatches


def fitting_jobs(needs, page: int = 1, per_page: int = PER_PAGE, today=None, graduate: bool = False) -> Page:
    """One page of open jobs, best fit first, then the soonest closing date (a Page of Fit).

    For someone in the graduates' ledger (`graduate`), jobs reserved for graduates come first of all:
    they are offered to them first (services.graduates.reserved)."""
    today = today or dates.today()
    columns = _columns(needs)
    score = sum(columns.values(), literal(0)).label("score")
    names = list(columns)
    first = [case((Opportunity.for_graduates.is_(True), 0), else_=1)] if graduate else []
    open_jobs = (Opportunity.kind == JOB, Opportunity.status == OpportunityStatus.PUBLISHED,
                 Opportunity.window_open_on(today))
    total = db.session.scalar(select(func.count(Opportunity.id)).where(*open_jobs)) or 0
    number = min(max(page, 1), last_page(total, per_page))
    ranked = db.session.execute(
        select(Opportunity.id, score, *(column.label(f"c{i}") for i, column in enumerate(columns.values())))
        .where(*open_jobs).order_by(*first, score.desc(), Opportunity.deadline, Opportunity.id)
        .offset((number - 1) * per_page).limit(per_page)).all()
    jobs = {job.id: job for job in db.session.scalars(
        select(Opportunity).outerjoin(Opportunity.employer).options(contains_eager(Opportunity.employer))
        .where(Opportunity.id.in_([row[0] for row in ranked])))} if ranked else {}
    items = []
    for job_id, points, *values in ranked:
        job = jobs.get(job_id)
        if job is None:  # taken down between the two reads
            continue
        met = dict(zip(names, values, strict=True))
        reasons, mismatches = _explain(job, needs, met)
        if reserved.graduates_first(job):
            if graduate:
                reasons.insert(0, _("It is reserved for disabled graduates, and you are offered it first."))
            elif opens := reserved.waiting_for_graduates(job, today, graduate):
                mismatches.append(_("It is offered first to students and recent graduates in the district's plan; "
                                    "anyone may apply from %(date)s.", date=opens.isoformat()))
        items.append(Fit(job=job, score=points, reasons=reasons, mismatches=mismatches))
    return Page(items=items, total=total, number=number, per_page=per_page)
