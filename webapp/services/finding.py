"""Finding published courses, stalls and posts, and the 收藏 (saved items) list.

Queries only, no request objects. A list page costs two queries whatever its length: one count
and one page of rows (Opportunity has no relationships, so nothing loads per row). The
(kind, status, deadline) index drives every list and its order; category and district have
their own indexes. The text search and the accessibility features are checked on the rows that
index has already narrowed down.
"""
from dataclasses import dataclass
from datetime import date

from sqlalchemy import String, cast, delete, func, or_, select
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..models import COURSE, POST, STALL, Opportunity, SavedItem
from . import audit

PER_PAGE = 10
MAX_QUERY = 50
LISTED = "published"
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

    @property
    def active(self) -> bool:
        return any((self.q, self.kind, self.category, self.district, self.accessibility, self.open_now,
                    self.rural))

    def as_args(self) -> dict:
        """Query-string arguments that reproduce these filters (for page links)."""
        args = {"q": self.q, "kind": self.kind, "category": self.category, "district": self.district,
                "accessibility": list(self.accessibility), "open": "y" if self.open_now else "",
                "rural": "y" if self.rural else ""}
        return {key: value for key, value in args.items() if value}


@dataclass(frozen=True)
class Page:
    items: list
    total: int
    number: int
    per_page: int = PER_PAGE

    @property
    def pages(self) -> int:
        return max((self.total + self.per_page - 1) // self.per_page, 1)

    @property
    def has_prev(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages


def _conditions(kinds: tuple[str, ...], filters: Filters, today: date) -> list:
    kind = (Opportunity.kind == kinds[0]) if len(kinds) == 1 else Opportunity.kind.in_(kinds)
    found = [kind, Opportunity.status == LISTED]
    if filters.kind:
        found.append(Opportunity.kind == filters.kind)
    if filters.category:
        found.append(Opportunity.category == filters.category)
    if filters.district:
        found.append(Opportunity.district == filters.district)
    if filters.open_now:
        found += [Opportunity.deadline >= today,
                  or_(Opportunity.opens_on.is_(None), Opportunity.opens_on <= today)]
    if filters.rural:
        found.append(Opportunity.rural.is_(True))
    if filters.q:
        words = filters.q[:MAX_QUERY]
        found.append(or_(Opportunity.title.icontains(words, autoescape=True),
                         Opportunity.provider.icontains(words, autoescape=True),
                         Opportunity.description.icontains(words, autoescape=True)))
    # The JSON list is stored as text (["step_free", "online"]) on SQLite and PostgreSQL alike;
    # keys come from VENUE_ACCESSIBILITY, so they hold no LIKE wildcards.
    as_text = cast(Opportunity.accessibility, String)
    found += [as_text.like(f'%"{feature}"%') for feature in filters.accessibility]
    return found


def search(kinds: tuple[str, ...], filters: Filters, page: int = 1, per_page: int = PER_PAGE,
           today: date | None = None) -> Page:
    """One page of published items of these kinds, soonest deadline first (then id)."""
    where = _conditions(kinds, filters, today or date.today())
    total = db.session.scalar(select(func.count()).select_from(Opportunity).where(*where))
    pages = max((total + per_page - 1) // per_page, 1)
    number = min(max(page, 1), pages)
    items = db.session.scalars(select(Opportunity).where(*where)
                               .order_by(Opportunity.deadline, Opportunity.id)
                               .offset((number - 1) * per_page).limit(per_page)).all()
    return Page(items=list(items), total=total, number=number, per_page=per_page)


def courses(filters: Filters, page: int = 1, today: date | None = None) -> Page:
    return search((COURSE,), filters, page, today=today)


def opportunities(filters: Filters, page: int = 1, today: date | None = None) -> Page:
    return search(OPPORTUNITY_KINDS, filters, page, today=today)


def listed(opportunity_id: int, kinds: tuple[str, ...]) -> Opportunity | None:
    """A published or closed item of one of these kinds; None for drafts and other kinds."""
    item = db.session.get(Opportunity, opportunity_id)
    if item is None or item.kind not in kinds or item.status == "draft":
        return None
    return item


def is_saved(person, opportunity: Opportunity) -> bool:
    return db.session.scalar(select(SavedItem.id).where(
        SavedItem.user_id == person.id, SavedItem.opportunity_id == opportunity.id)) is not None


def toggle_saved(acting, opportunity: Opportunity, ip: str | None = None) -> bool:
    """Save the item for the person acted for, or unsave it; True when it is now saved."""
    person = acting.person
    removed = db.session.execute(delete(SavedItem).where(
        SavedItem.user_id == person.id, SavedItem.opportunity_id == opportunity.id)).rowcount
    if removed:
        audit.record_for(acting, "saved.removed", ip, opportunity_id=opportunity.id)
        db.session.commit()
        return False
    db.session.add(SavedItem(user_id=person.id, opportunity_id=opportunity.id))
    audit.record_for(acting, "saved.added", ip, opportunity_id=opportunity.id)
    try:
        db.session.commit()
    except IntegrityError:  # saved at the same moment from another tab: it is saved either way
        db.session.rollback()
    return True


def saved_of(person) -> list[Opportunity]:
    """The person's saved items that are still listed, newest save first, in one query."""
    return list(db.session.scalars(
        select(Opportunity).join(SavedItem, SavedItem.opportunity_id == Opportunity.id)
        .where(SavedItem.user_id == person.id, Opportunity.status != "draft")
        .order_by(SavedItem.saved_at.desc(), SavedItem.id.desc())).all())
