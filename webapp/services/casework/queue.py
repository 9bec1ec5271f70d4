"""The district queue: filters, counts per status, pages of 20, in two queries whatever its length."""
from dataclasses import dataclass, field, replace
from datetime import timedelta

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import aliased, contains_eager

from ...extensions import db
from ...models import Application, ApplicationStatus, Opportunity, Profile, User
from ...models.applying.application import AWAITING_DECISION
from ...models.base import utcnow
from ..common.paging import Page, paginate
from . import scope

PER_PAGE = 20
MAX_QUERY = 50
# The item filter lists at most this many items; a scope with more is searched by title instead
# (a list of thousands is no use to anyone, least of all by screen reader, and costs a query).
MAX_ITEM_CHOICES = 50
MAX_WAITING_DAYS = 3650
# What the queue can hold: everything sent (a draft is still the applicant's own).
SENT_STATUSES = tuple(status for status in ApplicationStatus if status != ApplicationStatus.DRAFT)


@dataclass(frozen=True)
class QueueFilters:
    """What the caseworker asked for; values already checked by the form."""

    kind: str = ""
    status: str = ""
    opportunity_id: int | None = None
    waiting_days: int | None = None
    mine: bool = False
    unassigned: bool = False
    q: str = ""

    @property
    def active(self) -> bool:
        return any((self.kind, self.status, self.opportunity_id, self.waiting_days is not None, self.mine,
                    self.unassigned, self.q))

    def as_args(self, **changes) -> dict:
        """Query-string arguments that reproduce these filters (for page and count links)."""
        args = {"kind": self.kind, "status": self.status, "opportunity": self.opportunity_id,
                "waiting": self.waiting_days, "mine": "y" if self.mine else "",
                "unassigned": "y" if self.unassigned else "", "q": self.q}
        args.update(changes)
        return {key: value for key, value in args.items() if value not in (None, "")}


@dataclass(frozen=True)
class QueueRow:
    application: Application
    profile: Profile
    assignee_name: str | None


@dataclass(frozen=True)
class Queue:
    page: Page
    counts: dict = field(default_factory=dict)  # status -> number, for the filters except status


def _queue_conditions(user, filters: QueueFilters) -> list:
    found = scope.applications(user)
    if filters.kind:
        found.append(Opportunity.kind == filters.kind)
    if filters.opportunity_id:
        found.append(Application.opportunity_id == filters.opportunity_id)
    if filters.waiting_days is not None:
        found.append(Application.submitted_at <= utcnow() - timedelta(days=filters.waiting_days))
    if filters.mine:
        found.append(Application.assigned_to_id == user.id)
    if filters.unassigned:
        # Sent again after more information was asked: back in the queue for anyone to claim.
        found.append(or_(Application.assigned_to_id.is_(None), Application.status == ApplicationStatus.SUBMITTED))
    if filters.q:
        words = filters.q[:MAX_QUERY]
        found.append(or_(Application.reference.icontains(words, autoescape=True),
                         Profile.full_name.icontains(words, autoescape=True),
                         User.name.icontains(words, autoescape=True),
                         Opportunity.title.icontains(words, autoescape=True)))
    return found


def _joined(statement, filters: QueueFilters, assignee=None):
    """The tables the filters use, and for the rows (`assignee` given) all they show. The counts
    join only what their filters need: on a district of many thousands, each join is a lookup
    per application."""
    rows = assignee is not None
    statement = statement.join(Profile, Profile.user_id == Application.applicant_id)
    if rows or filters.q:
        statement = statement.join(User, User.id == Application.applicant_id)
    if rows or filters.q or filters.kind:
        statement = statement.join(Opportunity, Opportunity.id == Application.opportunity_id)
    return statement.outerjoin(assignee, assignee.id == Application.assigned_to_id) if rows else statement


def counts(user, filters: QueueFilters) -> dict:
    """How many sent applications in scope are in each status, for every filter except the status."""
    return dict(db.session.execute(
        _joined(select(Application.status, func.count()), filters).where(*_queue_conditions(user, filters))
        .group_by(Application.status)).all())


def counts_key(user, filters: QueueFilters) -> str:
    """What the counts depend on: who asks (their scope) and every filter except the status."""
    return repr((user.id, str(user.role), user.district, replace(filters, status="").as_args()))


def queue(user, filters: QueueFilters, page: int = 1, per_page: int = PER_PAGE,
          counted: dict | None = None) -> Queue:
    """One page of the queue and the counts per status (`counted`: from counts(), kept by the
    caller): two queries in all, one with the counts given.

    Those waiting for a decision come first, the longest waiting first (by when they were sent,
    or sent again after more information); decided ones follow in the same order. The counts
    apply every filter except the status, so they also give the page's total.
    """
    assignee = aliased(User)
    found = counts(user, filters) if counted is None else counted
    total = found.get(filters.status, 0) if filters.status else sum(found.values())
    where = _queue_conditions(user, filters)
    if filters.status:
        where = [*where, Application.status == filters.status]
    # One status asked for: its longest waiting first, in the order of the status-and-waiting index,
    # so a page reads its twenty rows instead of sorting every application of the district.
    order = () if filters.status else (case((Application.status.in_(AWAITING_DECISION), 0), else_=1),)
    # Application.applicant and .opportunity come from the joins already made (not joined a second
    # time, as lazy="joined" would): fewer tables for PostgreSQL's planner, which otherwise spends
    # more time choosing a join order than running the query.
    rows = (_joined(select(Application, Profile, assignee.name), filters, assignee).where(*where)
            .options(contains_eager(Application.applicant), contains_eager(Application.opportunity))
            .order_by(*order, Application.submitted_at, Application.id))
    return Queue(page=paginate(rows, page, per_page, total=total, rows=lambda row: QueueRow(*row)), counts=found)


def opportunities_in_scope(user, limit: int | None = None) -> list[tuple[int, str]] | None:
    """(id, title) of the items that have sent applications in the user's scope, for the filter;
    None when there are more than `limit` (the search box then finds items by title). One query,
    which stops at the first sent application in scope of each item it looks at."""
    limit = limit or MAX_ITEM_CHOICES
    in_scope = (select(Application.id).join(Profile, Profile.user_id == Application.applicant_id)
                .where(Application.opportunity_id == Opportunity.id, *scope.applications(user)).exists())
    rows = [tuple(row) for row in db.session.execute(
        select(Opportunity.id, Opportunity.title).where(in_scope)
        .order_by(Opportunity.title, Opportunity.id).limit(limit + 1)).all()]
    return None if len(rows) > limit else rows
