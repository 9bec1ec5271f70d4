"""Publishing training courses, stall openings and public-welfare posts.

Admins type everything as text; this module turns it into typed values with a message for each
thing to fix, keeps the reserved shares of the action plan (measures 7 and 8), moves items
between draft, published and closed, and records who changed what once an item is public.
"""
import secrets
from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update as sql_update

from ..extensions import db
from ..models import STALL, Application, Opportunity, OpportunityChange, User
from ..models.base import utcnow
from . import audit
from .errors import DomainError
# The form rules live in opportunity_fields; these names are part of this module's API too.
from .opportunity_fields import (FIELDS, KINDS, RESERVED_PERCENT, Invalid, _clean, _today,  # noqa: F401
                                 minimum_reserved)

DRAFT, PUBLISHED, CLOSED = "draft", "published", "closed"
STATUSES = {DRAFT: _l("Draft"), PUBLISHED: _l("Published"), CLOSED: _l("Closed")}

def create(actor, kind: str, data: dict, ip: str | None = None) -> Opportunity:
    """Save a new item as a draft; a stall opening gets the seed of its published draw."""
    if kind not in KINDS:
        raise DomainError(_l("There is no such kind of item."))
    opportunity = Opportunity(kind=kind, status=DRAFT, created_by_id=actor.id, taken=0, **_clean(kind, data))
    if kind == STALL:
        opportunity.draw_seed = secrets.token_hex(16)
    db.session.add(opportunity)
    db.session.flush()
    audit.record("opportunity.created", actor=actor, ip=ip, opportunity_id=opportunity.id, kind=kind)
    db.session.commit()
    return opportunity


def _stored(value):
    """A value as JSON keeps it in the change record."""
    return value.isoformat() if isinstance(value, date) else value


def update(actor, opportunity: Opportunity, data: dict, ip: str | None = None) -> Opportunity:
    """Save edits; once the public can see the item, record each changed field's old and new value."""
    values = _clean(opportunity.kind, data, opportunity)
    changed = {name: [_stored(getattr(opportunity, name)), _stored(value)]
               for name, value in values.items() if getattr(opportunity, name) != value}
    if not changed:
        return opportunity
    for name in changed:
        setattr(opportunity, name, values[name])
    if opportunity.status != DRAFT:
        db.session.add(OpportunityChange(opportunity_id=opportunity.id, changed_by_id=actor.id, changes=changed))
    audit.record("opportunity.updated", actor=actor, ip=ip, opportunity_id=opportunity.id,
                 fields=sorted(changed), status=opportunity.status)
    db.session.commit()
    return opportunity


def _move(actor, opportunity: Opportunity, action: str, allowed: tuple, to: str, refusal, ip, **values) -> None:
    """Change the status with a guarded UPDATE, so two admins at once cannot both move it."""
    result = db.session.execute(
        sql_update(Opportunity).where(Opportunity.id == opportunity.id, Opportunity.status.in_(allowed))
        .values(status=to, updated_at=utcnow(), **values).execution_options(synchronize_session=False))
    if result.rowcount != 1:
        db.session.rollback()
        raise DomainError(refusal)
    audit.record(f"opportunity.{action}", actor=actor, ip=ip, opportunity_id=opportunity.id,
                 from_status=opportunity.status, to_status=to)
    db.session.commit()
    db.session.refresh(opportunity)


def publish(actor, opportunity: Opportunity, ip: str | None = None) -> None:
    """Show a draft (or a closed item again) to the public and open it for applications."""
    if opportunity.status == PUBLISHED:
        raise DomainError(_l("This is already published."))
    if opportunity.deadline < _today():
        raise DomainError(_l("The closing date has passed. Choose today or a later date, save, then publish."),
                          "deadline")
    _move(actor, opportunity, "published", (DRAFT, CLOSED), PUBLISHED, _l("This is already published."), ip,
          published_at=utcnow())


def unpublish(actor, opportunity: Opportunity, ip: str | None = None) -> None:
    """Take an item back to draft, hidden from the public, while nobody has applied."""
    if opportunity.status == DRAFT:
        raise DomainError(_l("This is already a draft."))
    applied = db.session.scalar(select(func.count()).select_from(Application).where(
        Application.opportunity_id == opportunity.id, Application.status != "draft"))
    if applied:
        raise DomainError(_l("People have applied already, so it cannot go back to draft. "
                             "Close it to stop new applications."))
    _move(actor, opportunity, "unpublished", (PUBLISHED, CLOSED), DRAFT, _l("This is already a draft."), ip)


def close(actor, opportunity: Opportunity, ip: str | None = None) -> None:
    """Stop applications; the item stays visible so applicants can follow what happens."""
    if opportunity.status != PUBLISHED:
        raise DomainError(_l("Only a published item can be closed."))
    _move(actor, opportunity, "closed", (PUBLISHED,), CLOSED, _l("Only a published item can be closed."), ip)


ACTIONS = {"publish": publish, "unpublish": unpublish, "close": close}


def changes(opportunity: Opportunity) -> list[OpportunityChange]:
    """The change record of a public item, newest first."""
    return list(db.session.scalars(select(OpportunityChange).where(
        OpportunityChange.opportunity_id == opportunity.id).order_by(OpportunityChange.id.desc())))


def editor_names(records: list[OpportunityChange]) -> dict[int, str]:
    """Names of the people who made the changes, in one query."""
    ids = {record.changed_by_id for record in records}
    if not ids:
        return {}
    return dict(db.session.execute(select(User.id, User.name).where(User.id.in_(ids))).all())


@dataclass
class Page:
    items: list[Opportunity]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def listing(kind: str | None = None, status: str | None = None, page: int = 1, per_page: int = 20) -> Page:
    """The admin list, newest first: one query brings the page's rows and the total with them."""
    page = max(page, 1)
    conditions = [Opportunity.kind == kind] if kind else []
    if status:
        conditions.append(Opportunity.status == status)
    rows = db.session.execute(
        select(Opportunity, func.count().over().label("total")).where(*conditions)
        .order_by(Opportunity.id.desc()).limit(per_page).offset((page - 1) * per_page)).all()
    if rows:
        total = rows[0].total
    else:  # past the last page (or nothing at all): count on its own
        total = db.session.scalar(select(func.count()).select_from(Opportunity).where(*conditions)) if page > 1 else 0
    return Page([row.Opportunity for row in rows], total, page, per_page)


def counts(kind: str | None = None, status: str | None = None) -> tuple[dict, dict]:
    """Numbers for the filter links, from one grouped query: per kind within the chosen status, and
    per status within the chosen kind; the key None counts them all."""
    rows = db.session.execute(select(Opportunity.kind, Opportunity.status, func.count())
                              .group_by(Opportunity.kind, Opportunity.status)).all()
    by_kind = {key: sum(n for k, s, n in rows if key in (None, k) and status in (None, s)) for key in (None, *KINDS)}
    by_status = {key: sum(n for k, s, n in rows if kind in (None, k) and key in (None, s))
                 for key in (None, *STATUSES)}
    return by_kind, by_status
