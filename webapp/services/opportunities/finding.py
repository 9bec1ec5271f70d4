"""Finding published courses, stalls, posts and employers' jobs.

Queries only, no request objects. A list page costs one query whatever its length: the page of
rows with the total counted alongside (a job's employer is joined into the same query, so nothing
loads per row). The (kind, status, deadline) index drives every list and its order; category and district
have their own indexes. The text search and the accessibility features are checked on the rows that
index has already narrowed down.
"""
from dataclasses import dataclass
from datetime import date

from sqlalchemy import String, case, cast, func, not_, or_, select
from sqlalchemy.orm import contains_eager

from ...extensions import db
from ...models import COURSE, JOB, POST, STALL, Opportunity, OpportunityStatus
from ..common import dates
from ..common.paging import Page, paginate

PER_PAGE = 10
MAX_QUERY = 50
OPPORTUNITY_KINDS = (STALL, POST)


@dataclass(frozen=True)
class Filters:
    """What the person asked for; values are already checked against the vocabularies."""

    q: str = ""
    kind: str = ""  # opportunities: "", stall or post
    category: str = ""  # courses: training category; opportunities: stall kind
    district: str = ""
    accessibility: tuple[str, ...] = ()
    open_now: bool = False
    rural: bool = False
    closed: bool = False  # also list the items whose applications have closed (after the others)
    job_kind: str = ""  # jobs: a JobKind key
    pay_at_least: int | None = None  # jobs: yuan a month the top of the pay range reaches
    graduates: bool = False  # jobs: only posts reserved for graduates

    @property
    def active(self) -> bool:
        return any((self.q, self.kind, self.category, self.district, self.accessibility, self.open_now,
                    self.rural, self.closed, self.job_kind, self.pay_at_least, self.graduates))

    def as_args(self) -> dict:
        """Query-string arguments that reproduce these filters (for page links)."""
        args = {"q": self.q, "kind": self.kind, "category": self.category, "district": self.district,
                "accessibility": list(self.accessibility), "open": "y" if self.open_now else "",
                "rural": "y" if self.rural else "", "closed": "y" if self.closed else "",
                "job_kind": self.job_kind, "pay": self.pay_at_least or "", "graduates": "y" if self.graduates else ""}
        return {key: value for key, value in args.items() if value}


def _conditions(kinds: tuple[str, ...], filters: Filters, today: date) -> list:
    kind = (Opportunity.kind == kinds[0]) if len(kinds) == 1 else Opportunity.kind.in_(kinds)
    found = [kind, Opportunity.status == OpportunityStatus.PUBLISHED]
    if filters.kind:
        found.append(Opportunity.kind == filters.kind)
    if filters.category:
        found.append(Opportunity.category == filters.category)
    if filters.district:
        found.append(Opportunity.district == filters.district)
    if filters.open_now:
        found.append(Opportunity.window_open_on(today))
    if filters.rural:
        found.append(Opportunity.rural.is_(True))
    if filters.job_kind:
        found.append(Opportunity.job_kind == filters.job_kind)
    if filters.pay_at_least:
        found.append(Opportunity.pay_max >= filters.pay_at_least)
    if filters.graduates:
        found.append(Opportunity.for_graduates.is_(True))
    if filters.q:
        words = filters.q[:MAX_QUERY]
        text = Opportunity.duties if JOB in kinds else Opportunity.description  # a job's words are its duties
        found.append(or_(Opportunity.title.icontains(words, autoescape=True),
                         Opportunity.provider.icontains(words, autoescape=True),
                         text.icontains(words, autoescape=True)))
    # The JSON list is stored as text (["step_free", "online"]) on SQLite and PostgreSQL alike;
    # keys come from VENUE_ACCESSIBILITY or WORKPLACE_ACCESSIBILITY, so they hold no LIKE wildcards.
    as_text = cast(Opportunity.accessibility, String)
    found += [as_text.like(f'%"{feature}"%') for feature in filters.accessibility]
    return found


def _still_ahead(today: date):
    """Open for applications today, or opening on a later day: what a person can still act on."""
    return or_(Opportunity.window_open_on(today), Opportunity.opens_after(today))


def search(kinds: tuple[str, ...], filters: Filters, page: int = 1, per_page: int = PER_PAGE,
           today: date | None = None) -> Page:
    """One page of published items of these kinds, what can be acted on first: those open today
    (soonest deadline first), then those not open yet (soonest opening first), then, only when
    asked for, those already closed (most recently closed first)."""
    today = today or dates.today()
    where = _conditions(kinds, filters, today)
    if not filters.closed:
        where.append(_still_ahead(today))
    is_open, not_yet = Opportunity.window_open_on(today), Opportunity.opens_after(today)
    order = (case((is_open, 0), (not_yet, 1), else_=2),
             case((is_open, Opportunity.deadline), (not_yet, Opportunity.opens_on)),
             Opportunity.deadline.desc(), Opportunity.id)
    statement = select(Opportunity).where(*where).order_by(*order)
    if JOB in kinds:  # the employer's name and type on each row, from the same query
        # A many-to-one join, so no rows multiply and the page's LIMIT needs no subquery around it.
        statement = statement.outerjoin(Opportunity.employer).options(contains_eager(Opportunity.employer))
    return paginate(statement, page, per_page)


def closed_not_shown(kinds: tuple[str, ...], filters: Filters, today: date | None = None) -> int:
    """How many closed items match the filters but are left out of the list (one count query)."""
    if filters.closed or filters.open_now:
        return 0
    today = today or dates.today()
    where = [*_conditions(kinds, filters, today), not_(_still_ahead(today))]
    return db.session.scalar(select(func.count()).select_from(Opportunity).where(*where)) or 0


def courses(filters: Filters, page: int = 1, today: date | None = None) -> Page:
    return search((COURSE,), filters, page, today=today)


def opportunities(filters: Filters, page: int = 1, today: date | None = None) -> Page:
    return search(OPPORTUNITY_KINDS, filters, page, today=today)


def listed(opportunity_id: int, kinds: tuple[str, ...]) -> Opportunity | None:
    """A published or closed item of one of these kinds; None for drafts and other kinds."""
    item = db.session.get(Opportunity, opportunity_id)
    if item is None or item.kind not in kinds or not item.status.is_public:
        return None
    return item
