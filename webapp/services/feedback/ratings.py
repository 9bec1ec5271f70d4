"""好/中/差: a person rates the service once after a decision on an application, or once after a
reply to their feedback. A poor rating books a call-back for the district's caseworkers, who record
the call (when, by whom, what was said)."""
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import false, func, select, update
from sqlalchemy.exc import IntegrityError

from ...extensions import db
from ...models import Application, CallBack, Feedback, Grade, Profile, Rating, User
from ...models.base import utcnow
from ..audit import log as audit
from ..casework import scope
from ..common import paging
from ..common.errors import DomainError
from .sending import checked_text

MAX_WORDS = 1000
MAX_NOTES = 2000
PER_PAGE = 20


class AlreadyRated(DomainError):
    status = 409


ALREADY = _l("This has already been rated. Thank you: each service is rated once.")


def may_rate_application(application: Application) -> bool:
    """Decided (the state machine's rule, ApplicationStatus.is_decided)."""
    return application.status.is_decided


def may_rate_feedback(feedback: Feedback) -> bool:
    return feedback.is_answered


def rating_of(application: Application | None = None, feedback: Feedback | None = None) -> Rating | None:
    if application is not None:
        return db.session.scalar(select(Rating).where(Rating.application_id == application.id))
    return db.session.scalar(select(Rating).where(Rating.feedback_id == feedback.id))


def rate(acting, grade: str, words: str, *, application: Application | None = None,
         feedback: Feedback | None = None, ip: str | None = None) -> Rating:
    """One rating of the person's own decided application or answered feedback (the caller has
    checked it is theirs), and for a poor one its call-back, with an audit row, in one transaction."""
    if application is not None and not may_rate_application(application):
        raise DomainError(_l("You can rate the service once this application has been decided."))
    if feedback is not None and not may_rate_feedback(feedback):
        raise DomainError(_l("You can rate the service once you have a reply."))
    if rating_of(application, feedback) is not None:
        raise AlreadyRated(ALREADY)
    try:
        grade = Grade(grade)
    except ValueError:
        raise DomainError(_l("Choose good, fair or poor."), "grade") from None
    text = checked_text(words, "words", MAX_WORDS, required=False, empty=None)
    rating = Rating(user_id=acting.person.id, created_by_id=acting.actor.id, on_behalf=acting.on_behalf,
                    application_id=application.id if application else None,
                    feedback_id=feedback.id if feedback else None, grade=grade, words=text)
    db.session.add(rating)
    try:
        db.session.flush()
    except IntegrityError:  # rated a moment ago in another request
        db.session.rollback()
        raise AlreadyRated(ALREADY) from None
    if grade == Grade.POOR:
        db.session.add(CallBack(rating_id=rating.id))
    audit.record_for(acting, "rating.given", ip, rating=rating.id, grade=grade.value,
                     application=application.reference if application else None,
                     feedback=feedback.id if feedback else None)
    db.session.commit()
    return rating


def ratings_of(person) -> dict:
    """The person's ratings keyed by ("application", id) and ("feedback", id), in one query."""
    rows = db.session.execute(select(Rating.application_id, Rating.feedback_id, Rating.grade)
                              .where(Rating.user_id == person.id)).all()
    found = {}
    for application_id, feedback_id, grade in rows:
        found[("application", application_id) if application_id else ("feedback", feedback_id)] = grade
    return found


# -- call-backs ------------------------------------------------------------------------------------

def _in_scope(user):
    conditions = scope.people(user)
    return (select(CallBack, User).join(Rating, Rating.id == CallBack.rating_id)
            .join(User, User.id == Rating.user_id).outerjoin(Profile, Profile.user_id == Rating.user_id)
            .where(*(conditions if conditions is not None else [false()])))


@dataclass(frozen=True)
class ToCall:
    call_back: CallBack
    person: User


def to_call(user, page: int = 1) -> paging.Page:
    """Call-backs not yet made to the people `user` may see, oldest first."""
    return paging.paginate(_in_scope(user).where(CallBack.called_at.is_(None))
                           .order_by(CallBack.created_at, CallBack.id), page, PER_PAGE,
                           rows=lambda row: ToCall(row[0], row[1]))


def open_call_backs(user) -> int:
    return db.session.scalar(select(func.count()).select_from(
        _in_scope(user).where(CallBack.called_at.is_(None)).with_only_columns(CallBack.id).subquery()))


def call_back_for(user, call_back_id) -> ToCall | None:
    row = db.session.execute(_in_scope(user).where(CallBack.id == call_back_id)).first()
    return ToCall(row[0], row[1]) if row else None


def record_call(caseworker, call_back: CallBack, notes: str, ip: str | None = None) -> CallBack:
    """The call made: when (now), by whom, what was said; once (a guarded UPDATE), with an audit row."""
    text = checked_text(notes, "notes", MAX_NOTES, required=True,
                        empty=_l("Write what the person said and what was agreed."))
    done = db.session.execute(update(CallBack).where(CallBack.id == call_back.id, CallBack.called_at.is_(None))
                              .values(called_at=utcnow(), called_by_id=caseworker.id, notes=text))
    if done.rowcount != 1:
        db.session.rollback()
        raise AlreadyRated(_l("This call is already recorded. Reload the page to see it."))
    audit.record("rating.called_back", actor=caseworker, subject=call_back.rating.user_id, ip=ip,
                 call_back=call_back.id, rating=call_back.rating_id)
    db.session.commit()
    db.session.refresh(call_back)
    return call_back
