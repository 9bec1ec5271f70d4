"""收藏: the opportunities a person keeps for later, saved or unsaved by them or a helper for them."""
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from ...extensions import db
from ...models import Opportunity, OpportunityStatus, SavedItem
from ..audit import log as audit


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
        .where(SavedItem.user_id == person.id, Opportunity.status != OpportunityStatus.DRAFT)
        .order_by(SavedItem.saved_at.desc(), SavedItem.id.desc())).all())
