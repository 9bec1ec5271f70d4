"""A caseworker's decisions on an application, each with its audit row, and handing one over.

Each decision is one transaction: the audit row is added first, then the state machine adds the
event and the notice and commits all three together; if the rules refuse it, it rolls back and
the audit row goes with it.
"""
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, select, update

from ...extensions import db
from ...models import Application, ApplicationStatus, DecisionTemplate, Role, User
from ...models.base import utcnow
from ..applications import machine
from ..applications.rules import Action, NotAssigned, TransitionError, refusal
from ..audit import log as audit
from ..common.errors import DomainError
from ..common.text import plain, whole_number
from . import decision_texts

MAX_REASON = 1000
MAX_ID = 2**31 - 1
REASSIGN_REFUSED = _l("Only an application that is being checked can be reassigned. Its status may have just "
                      "changed: reload the page to see it.")


def combine_reason(kind: str, template_id, text: str | None) -> str:
    """The picked template's text and the caseworker's own words, either or both, punctuated as one text."""
    parts = []
    if template_id not in (None, ""):
        number = whole_number(template_id, MAX_ID)
        template = db.session.get(DecisionTemplate, number) if number else None
        if template is None or template.kind != kind or not template.active:
            raise DomainError(_l("Choose one of the reasons in the list."), "template")
        parts.append(template.text.strip())
    own = plain(text)[:MAX_REASON]
    if own:
        parts.append(own)
    return decision_texts.as_sentences(parts)


def _decide(user, application: Application, action: str, change, ip: str | None, **detail) -> Application:
    """Audit row first, then the transition, which commits both; a refusal leaves nothing behind."""
    try:
        audit.record(action, actor=user, subject=application.applicant_id, ip=ip,
                     reference=application.reference, **detail)
        return change()
    except DomainError:
        db.session.rollback()
        raise


def claim(user, application: Application, ip: str | None = None) -> Application:
    return _decide(user, application, "application.claimed", lambda: machine.claim(user, application), ip)


def unclaim(user, application: Application, ip: str | None = None) -> Application:
    return _decide(user, application, "application.unclaimed", lambda: machine.unclaim(user, application), ip)


def approve(user, application: Application, ip: str | None = None) -> Application:
    return _decide(user, application, "application.approved", lambda: machine.approve(user, application), ip)


def reject(user, application: Application, reason: str, ip: str | None = None) -> Application:
    return _decide(user, application, "application.rejected",
                   lambda: machine.reject(user, application, reason), ip)


def ask(user, application: Application, reason: str, ip: str | None = None) -> Application:
    return _decide(user, application, "application.information_requested",
                   lambda: machine.ask_for_information(user, application, reason), ip)


def colleagues(user) -> list[User]:
    """Active caseworkers with the same district value as the user (city-wide with city-wide)."""
    same = User.district.is_(None) if user.district is None else User.district == user.district
    return db.session.scalars(select(User).where(
        User.role == Role.CASEWORKER, User.active.is_(True), User.deleted_at.is_(None), same,
        User.id != user.id).order_by(User.name, User.id)).all()


def reassign(user, application: Application, to_user_id, ip: str | None = None) -> Application:
    """Hand an application under review to a colleague of the same district."""
    target = next((c for c in colleagues(user) if str(c.id) == str(to_user_id)), None)
    if target is None:
        raise DomainError(_l("Choose a colleague of your district."), "assignee")
    refused = refusal(application, user, Action.REASSIGN)
    if isinstance(refused, NotAssigned):
        raise refused
    if refused is not None:
        raise TransitionError(REASSIGN_REFUSED)
    previous = application.assigned_to_id
    result = db.session.execute(
        update(Application).where(and_(Application.id == application.id,
                                       Application.status == ApplicationStatus.UNDER_REVIEW))
        .values(assigned_to_id=target.id, updated_at=utcnow()).execution_options(synchronize_session=False))
    if result.rowcount != 1:
        db.session.rollback()
        raise TransitionError(REASSIGN_REFUSED)
    audit.record("application.reassigned", actor=user, subject=application.applicant_id, ip=ip,
                 reference=application.reference, from_id=previous, to_id=target.id)
    db.session.commit()
    db.session.expire(application)
    return application
