"""Jobs that fit a person, from their newest submitted needs registration, ranked in the database.

Four questions, each one CASE column of one SELECT over the published jobs open today:

    the registration's            the job's
    work_patterns (any of)   <->  job_kind (working from home also fits online work)
    districts (any of)       <->  district
    pay_min (wanted, yuan)   <->  pay_max (the top of its range reaches it)
    accommodations (each)    <->  accommodations offered

A question the person left unanswered scores nothing either way. The score (one point per
question met, and one per accommodation offered) orders the page, then the closing date; the one
pager cuts it, with the total counted alongside, so a page costs one query however many jobs
there are, and the employer is joined into it.

The two JSON list columns (a job's accommodations; the registration's lists are plain Python
values by then) are matched as text: both SQLite and PostgreSQL keep a JSON list as its
serialised text, so `CAST(accommodations AS TEXT) LIKE '%"step_free"%'` asks "is this key in the
list" the same way on both, without JSON functions that differ (json_each / jsonb ?) and without
an association table. The keys come from vocab.ACCOMMODATIONS and hold no LIKE wildcards.
The (kind, status, deadline) index narrows the rows to open jobs before the CASEs run.
"""
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import String, case, cast, literal, select
from sqlalchemy.orm import contains_eager

from ...models import DISTRICT_LABELS, JOB, Opportunity, OpportunityStatus
from ...models.opportunity import JobKind
from ...vocab import ACCOMMODATIONS, WORK_PATTERNS, label, labels
from ..common import dates
from ..common.paging import Page, paginate
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
    offered = cast(Opportunity.accommodations, String)
    for key in needs.accommodations or []:
        if key in ACCOMMODATIONS:
            columns[f"offers:{key}"] = _yes(offered.like(f'%"{key}"%'))
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
    statement = (select(Opportunity, score, *(column.label(f"c{i}") for i, column in enumerate(columns.values())))
                 .outerjoin(Opportunity.employer).options(contains_eager(Opportunity.employer))
                 .where(Opportunity.kind == JOB, Opportunity.status == OpportunityStatus.PUBLISHED,
                        Opportunity.window_open_on(today))
                 .order_by(*first, score.desc(), Opportunity.deadline, Opportunity.id))

    def convert(row):
        job, total, *values = row
        met = dict(zip(names, values, strict=True))
        reasons, mismatches = _explain(job, needs, met)
        if reserved.graduates_first(job):
            if graduate:
                reasons.insert(0, _("It is reserved for disabled graduates, and you are offered it first."))
            elif opens := reserved.waiting_for_graduates(job, today, graduate):
                mismatches.append(_("It is offered first to students and recent graduates in the district's plan; "
                                    "anyone may apply from %(date)s.", date=opens.isoformat()))
        return Fit(job=job, score=total, reasons=reasons, mismatches=mismatches)

    return paginate(statement, page, per_page, rows=convert)
