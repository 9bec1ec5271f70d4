"""Guarded UPDATEs: a status changes only from one it may start from, and a place is taken only
while one is left, whatever else happens at the same moment. Each status change adds its event
row and its notice to the same transaction; the caller commits."""
from sqlalchemy import update

from ...extensions import db
from ...models import Application, ApplicationEvent, Opportunity
from ...models.base import utcnow
from ..common import notices
from .rules import CHANGED, TransitionError


def try_move(application: Application, allowed, to, *, actor=None, on_behalf=False, reason=None,
             **values) -> bool:
    """Change the status if it is still one of `allowed`; on success add the event and the notice."""
    result = db.session.execute(
        update(Application).where(Application.id == application.id, Application.status.in_(allowed))
        .values(status=to, updated_at=utcnow(), **values).execution_options(synchronize_session=False))
    if result.rowcount != 1:
        return False
    previous = application.status
    db.session.add(ApplicationEvent(application_id=application.id, actor_id=getattr(actor, "id", actor),
                                    on_behalf=on_behalf, from_status=previous, to_status=to, reason=reason))
    notices.add(application, to, reason)
    db.session.expire(application)
    return True


def move(application: Application, allowed, to, **kwargs) -> None:
    """Like `try_move`, or roll everything back and say why."""
    if not try_move(application, allowed, to, **kwargs):
        db.session.rollback()
        raise TransitionError(CHANGED)


def take_place(opportunity_id: int) -> bool:
    """Take one place if one is left, so no place is ever given twice."""
    result = db.session.execute(
        update(Opportunity).where(Opportunity.id == opportunity_id, Opportunity.taken < Opportunity.capacity)
        .values(taken=Opportunity.taken + 1).execution_options(synchronize_session=False))
    return result.rowcount == 1


def free_place(opportunity_id: int) -> None:
    db.session.execute(update(Opportunity).where(Opportunity.id == opportunity_id, Opportunity.taken > 0)
                       .values(taken=Opportunity.taken - 1).execution_options(synchronize_session=False))
