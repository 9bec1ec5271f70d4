"""The district caseworkers' side: the feedback waiting for a reply in their scope (soonest due
first, the overdue counted and said in words), one of it, and the reply, which reaches the
person's notices in the same transaction."""
from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import false, func, select, update

from ...extensions import db
from ...models import District, Feedback, Profile, User
from ...models.base import utcnow
from ..audit import log as audit
from ..casework import scope
from ..common import dates, notices, paging
from ..common.errors import DomainError
from .sending import checked_text

MAX_REPLY = 2000
PER_PAGE = 20


class AlreadyAnswered(DomainError):
    status = 409


def in_scope(user, *columns):
    """Feedback of the people `user` may see (scope.py): their district's, or the city's. Someone
    without a district in their profile is the city-wide caseworkers' to answer."""
    conditions = scope.people(user)
    return (select(Feedback, *columns).outerjoin(Profile, Profile.user_id == Feedback.user_id)
            .where(*(conditions if conditions is not None else [false()])))


@dataclass(frozen=True)
class Waiting:
    feedback: Feedback
    district: str | None
    overdue: bool

    @property
    def district_label(self) -> str | None:
        return district_label(self.district)


def district_label(value) -> str | None:
    """The district in words; None when the person gave none (or gave one no longer known)."""
    try:
        return District(value).label if value else None
    except ValueError:
        return None


def waiting(user, page: int = 1, today: date | None = None):
    """Feedback not yet answered, soonest due first; and how many are overdue."""
    today = today or dates.today()
    query = in_scope(user, Profile.district).where(Feedback.replied_at.is_(None))
    overdue = db.session.scalar(select(func.count()).select_from(
        query.where(Feedback.due_on < today).with_only_columns(Feedback.id).subquery()))
    found = paging.paginate(query.order_by(Feedback.due_on, Feedback.id), page, PER_PAGE,
                            rows=lambda row: Waiting(row[0], row[1], row[0].due_on < today))
    return found, overdue


def feedback_for(user, feedback_id) -> tuple[Feedback, Profile | None] | None:
    """One feedback in the user's scope with the person's profile, or None (the page 404s)."""
    row = db.session.execute(in_scope(user, Profile).where(Feedback.id == feedback_id)).first()
    return (row[0], row[1]) if row else None


def profile_of(person) -> Profile | None:
    return db.session.scalar(select(Profile).where(Profile.user_id == person.id))


def replied_by(feedback: Feedback) -> User | None:
    return db.session.get(User, feedback.replied_by_id) if feedback.replied_by_id else None


def reply(caseworker, feedback: Feedback, text: str, ip: str | None = None) -> Feedback:
    """Answer it once: the reply, who and when, a notice to the person and an audit row, together.
    The UPDATE is guarded, so two caseworkers answering at once cannot both succeed."""
    words = checked_text(text, "reply", MAX_REPLY, required=True, empty=_l("Write the reply."))
    now, today = utcnow(), dates.today()
    took = dates.working_days_between(feedback.received_on, today)
    done = db.session.execute(update(Feedback).where(Feedback.id == feedback.id, Feedback.replied_at.is_(None))
                              .values(reply=words, replied_at=now, replied_by_id=caseworker.id,
                                      reply_working_days=took))
    if done.rowcount != 1:
        db.session.rollback()
        raise AlreadyAnswered(_l("This has already been answered. Reload the page to see the reply."))
    notices.feedback_replied(feedback)
    audit.record("feedback.replied", actor=caseworker, subject=feedback.user_id, ip=ip, feedback=feedback.id,
                 working_days=took, late=today > feedback.due_on)
    db.session.commit()
    db.session.refresh(feedback)
    return feedback
