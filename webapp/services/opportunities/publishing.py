"""Publishing courses, stall openings and posts: drafts, edits, and moving between draft, published
and closed, with who changed what once an item is public.

Admins type everything as text; `fields.clean` turns it into typed values with a message for each
thing to fix, and keeps the reserved shares of the action plan (measures 7 and 8).
"""
from datetime import date
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy import update as sql_update

from ...extensions import db
from ...models import STALL, Application, ApplicationStatus, Opportunity, OpportunityChange, User
from ...models import OpportunityStatus as Status
from ...models.base import utcnow
from ..audit import log as audit
from ..common.errors import DomainError
from .commitment import sealed_seed
from .fields import KINDS, clean, today


class StatusAction(StrEnum):
    PUBLISH = "publish"
    UNPUBLISH = "unpublish"
    CLOSE = "close"


# From which statuses each button moves an item, and where to.
MOVES = {
    StatusAction.PUBLISH: (frozenset({Status.DRAFT, Status.CLOSED}), Status.PUBLISHED),
    StatusAction.UNPUBLISH: (frozenset({Status.PUBLISHED, Status.CLOSED}), Status.DRAFT),
    StatusAction.CLOSE: (frozenset({Status.PUBLISHED}), Status.CLOSED),
}
REFUSALS = {
    StatusAction.PUBLISH: _l("This is already published."),
    StatusAction.UNPUBLISH: _l("This is already a draft."),
    StatusAction.CLOSE: _l("Only a published item can be closed."),
}
AUDITED_AS = {StatusAction.PUBLISH: "published", StatusAction.UNPUBLISH: "unpublished",
              StatusAction.CLOSE: "closed"}


def allowed_actions(opportunity: Opportunity) -> frozenset[StatusAction]:
    """The status buttons that apply to the item now (each is refused by the same table otherwise)."""
    return frozenset(action for action, (allowed, _to) in MOVES.items() if opportunity.status in allowed)


def create(actor, kind: str, data: dict, ip: str | None = None) -> Opportunity:
    """Save a new item as a draft (a stall opening gets its draw's seed when it is published)."""
    if kind not in KINDS:
        raise DomainError(_l("There is no such kind of item."))
    opportunity = Opportunity(kind=kind, status=Status.DRAFT, created_by_id=actor.id, taken=0, **clean(kind, data))
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
    values = clean(opportunity.kind, data, opportunity)
    changed = {name: [_stored(getattr(opportunity, name)), _stored(value)]
               for name, value in values.items() if getattr(opportunity, name) != value}
    if not changed:
        return opportunity
    for name in changed:
        setattr(opportunity, name, values[name])
    if opportunity.status.is_public:
        db.session.add(OpportunityChange(opportunity_id=opportunity.id, changed_by_id=actor.id, changes=changed))
    audit.record("opportunity.updated", actor=actor, ip=ip, opportunity_id=opportunity.id,
                 fields=sorted(changed), status=opportunity.status)
    db.session.commit()
    return opportunity


def _refuse_unless_allowed(opportunity: Opportunity, action: StatusAction) -> None:
    if action not in allowed_actions(opportunity):
        raise DomainError(REFUSALS[action])


def _move(actor, opportunity: Opportunity, action: StatusAction, ip, **values) -> None:
    """Change the status with a guarded UPDATE, so two admins at once cannot both move it."""
    allowed, to = MOVES[action]
    result = db.session.execute(
        sql_update(Opportunity).where(Opportunity.id == opportunity.id, Opportunity.status.in_(allowed))
        .values(status=to, updated_at=utcnow(), **values).execution_options(synchronize_session=False))
    if result.rowcount != 1:
        db.session.rollback()
        raise DomainError(REFUSALS[action])
    audit.record(f"opportunity.{AUDITED_AS[action]}", actor=actor, ip=ip, opportunity_id=opportunity.id,
                 from_status=opportunity.status, to_status=to)
    db.session.commit()
    db.session.refresh(opportunity)


def publish(actor, opportunity: Opportunity, ip: str | None = None) -> None:
    """Show a draft (or a closed item again) to the public and open it for applications."""
    _refuse_unless_allowed(opportunity, StatusAction.PUBLISH)
    if opportunity.draw_run_at is not None:
        raise DomainError(_l("The draw has been run, so this opening cannot take applications again. "
                             "Publish a new opening for more units."))
    if opportunity.deadline < today():
        raise DomainError(_l("The closing date has passed. Choose today or a later date, save, then publish."),
                          "deadline")
    # A stall opening's draw seed is made once, at its first publication; only its commitment is shown.
    sealed = sealed_seed() if opportunity.kind == STALL and opportunity.draw_seed is None else {}
    _move(actor, opportunity, StatusAction.PUBLISH, ip, published_at=utcnow(), closed_at=None, **sealed)


def unpublish(actor, opportunity: Opportunity, ip: str | None = None) -> None:
    """Take an item back to draft, hidden from the public, while nobody has applied."""
    _refuse_unless_allowed(opportunity, StatusAction.UNPUBLISH)
    applied = db.session.scalar(select(func.count()).select_from(Application).where(
        Application.opportunity_id == opportunity.id, Application.status != ApplicationStatus.DRAFT))
    if applied:
        raise DomainError(_l("People have applied already, so it cannot go back to draft. "
                             "Close it to stop new applications."))
    _move(actor, opportunity, StatusAction.UNPUBLISH, ip)


def close(actor, opportunity: Opportunity, ip: str | None = None) -> None:
    """Stop applications; the item stays visible so applicants can follow what happens. When
    applications stopped is kept (`closed_at`): a stall's draw may run from then on."""
    _refuse_unless_allowed(opportunity, StatusAction.CLOSE)
    _move(actor, opportunity, StatusAction.CLOSE, ip, closed_at=utcnow())


ACTIONS = {StatusAction.PUBLISH: publish, StatusAction.UNPUBLISH: unpublish, StatusAction.CLOSE: close}


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
