"""The application state machine. Every transition is one guarded UPDATE in one transaction
with an event row and a notice; an illegal one raises and changes nothing.

    draft -submit-> submitted -claim-> under_review -approve-> approved -> enrolled | allocated | hired
    under_review -reject-> rejected; under_review -ask-> needs_info -resubmit-> submitted
    any open state -withdraw-> withdrawn
Courses: approval takes a seat (enrolled) or joins the waiting list (waitlisted); a withdrawal
frees the seat for the first on the list. Stalls: allocation of approved applicants, by the
published draw when they outnumber the units. Posts: approved applicants are the shortlist.
"""
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from ..extensions import db
from ..models import COURSE, POST, STALL, Application, ApplicationEvent, Opportunity, Profile
from ..models.base import utcnow
from . import notices
from .errors import DomainError

OPEN = ("draft", "submitted", "under_review", "needs_info", "approved", "waitlisted")
FINAL = ("rejected", "withdrawn", "enrolled", "allocated", "not_allocated", "hired")
WITHDRAWABLE = (*OPEN, "enrolled")  # leaving a course frees the seat for the waiting list


class TransitionError(DomainError):
    status = 409


def _move(application: Application, allowed, to: str, **kwargs) -> None:
    """Guarded status change, or roll everything back and say why."""
    if not _try_move(application, allowed, to, **kwargs):
        db.session.rollback()
        raise TransitionError(_l("This application can no longer be changed this way. Its status may "
                                 "have just changed: reload the page to see it."))


def _try_move(application: Application, allowed, to: str, *, actor=None, on_behalf=False, reason=None,
              **values) -> bool:
    """Change the status only from an allowed one, whatever else is happening at the same moment;
    on success add the event row and the notice to the same transaction."""
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


def _take_place(opportunity_id: int) -> bool:
    """Take one place if one is left: a guarded UPDATE, so no place is ever given twice."""
    result = db.session.execute(
        update(Opportunity).where(Opportunity.id == opportunity_id, Opportunity.taken < Opportunity.capacity)
        .values(taken=Opportunity.taken + 1).execution_options(synchronize_session=False))
    return result.rowcount == 1


def _free_place(opportunity_id: int) -> None:
    db.session.execute(update(Opportunity).where(Opportunity.id == opportunity_id, Opportunity.taken > 0)
                       .values(taken=Opportunity.taken - 1).execution_options(synchronize_session=False))


def _done(application: Application) -> Application:
    db.session.commit()
    notices.send_pending()
    return application


def submit(acting, application: Application) -> Application:
    from .apply import check_answers

    check_answers(application)
    _move(application, ("draft",), "submitted", actor=acting.actor, on_behalf=acting.on_behalf,
          submitted_at=utcnow())
    return _done(application)


def resubmit(acting, application: Application) -> Application:
    _move(application, ("needs_info",), "submitted", actor=acting.actor, on_behalf=acting.on_behalf,
          submitted_at=utcnow())
    return _done(application)


def claim(caseworker, application: Application) -> Application:
    _move(application, ("submitted",), "under_review", actor=caseworker, assigned_to_id=caseworker.id)
    return _done(application)


def unclaim(caseworker, application: Application) -> Application:
    _move(application, ("under_review",), "submitted", actor=caseworker, assigned_to_id=None)
    return _done(application)


def reject(caseworker, application: Application, reason: str) -> Application:
    if not (reason or "").strip():
        raise DomainError(_l("Give the reason, so the applicant knows why."), "reason")
    _move(application, ("under_review",), "rejected", actor=caseworker, reason=reason.strip(), decided_at=utcnow())
    return _done(application)


def ask_for_information(caseworker, application: Application, reason: str) -> Application:
    if not (reason or "").strip():
        raise DomainError(_l("Say exactly what is missing."), "reason")
    _move(application, ("under_review",), "needs_info", actor=caseworker, reason=reason.strip())
    return _done(application)


def approve(caseworker, application: Application) -> Application:
    """Approve; a course then takes a seat or puts the person on the waiting list."""
    identity_status = db.session.scalar(select(Profile.identity_status).where(
        Profile.user_id == application.applicant_id))
    if identity_status != "verified":
        raise DomainError(_l("Verify the person's identity before approving."))
    _move(application, ("under_review",), "approved", actor=caseworker, decided_at=utcnow())
    if application.opportunity.kind == COURSE:
        _enrol_or_wait(application)
    return _done(application)


def _enrol_or_wait(application: Application) -> None:
    if _take_place(application.opportunity_id):
        _move(application, ("approved", "waitlisted"), "enrolled")
    else:
        _move(application, ("approved",), "waitlisted", waitlisted_at=utcnow())


def enrol(application: Application) -> Application:
    """Give an approved course applicant a seat, or a place on the waiting list."""
    if application.opportunity.kind != COURSE:
        raise TransitionError(_l("Only training courses have seats."))
    _enrol_or_wait(application)
    return _done(application)


def allocate(application: Application, actor=None) -> Application:
    """Give an approved stall applicant a unit if one is left; otherwise they get none."""
    if application.opportunity.kind != STALL:
        raise TransitionError(_l("Only stall openings have units."))
    if _take_place(application.opportunity_id):
        _move(application, ("approved",), "allocated", actor=actor)
    else:
        _move(application, ("approved",), "not_allocated", actor=actor)
    return _done(application)


def hire(caseworker, application: Application) -> Application:
    if application.opportunity.kind != POST:
        raise TransitionError(_l("Only public-welfare posts hire."))
    if not _take_place(application.opportunity_id):
        db.session.rollback()
        raise TransitionError(_l("All reserved places of this post are filled."))
    _move(application, ("approved",), "hired", actor=caseworker)
    return _done(application)


def withdraw(acting, application: Application, reason: str | None = None) -> Application:
    """Withdraw before a final state; leaving a course frees the seat for the waiting list."""
    was_enrolled = application.status == "enrolled"
    if was_enrolled and application.opportunity.kind != COURSE:
        raise TransitionError(_l("This application is finished and cannot be withdrawn."))
    _move(application, WITHDRAWABLE if application.opportunity.kind == COURSE else OPEN, "withdrawn",
          actor=acting.actor, on_behalf=acting.on_behalf, reason=(reason or "").strip() or None)
    if was_enrolled:
        _free_place(application.opportunity_id)
        _promote(application.opportunity_id)
    return _done(application)


def _promote(opportunity_id: int) -> None:
    """Seats to the waiting list in order, while there are seats and people waiting."""
    while True:
        first = db.session.scalar(select(Application).where(
            Application.opportunity_id == opportunity_id, Application.status == "waitlisted")
            .order_by(Application.waitlisted_at, Application.id).limit(1))
        if first is None or not _take_place(opportunity_id):
            return
        if not _try_move(first, ("waitlisted",), "enrolled"):
            _free_place(opportunity_id)  # someone else moved them meanwhile; try the next


def waiting_position(application: Application) -> int | None:
    if application.status != "waitlisted":
        return None
    ahead = db.session.scalar(select(db.func.count()).select_from(Application).where(
        Application.opportunity_id == application.opportunity_id, Application.status == "waitlisted",
        (Application.waitlisted_at < application.waitlisted_at)
        | ((Application.waitlisted_at == application.waitlisted_at) & (Application.id < application.id))))
    return ahead + 1


def is_open_for_applications(opportunity: Opportunity, today: date | None = None) -> bool:
    today = today or date.today()
    return (opportunity.status == "published" and opportunity.deadline >= today
            and (opportunity.opens_on is None or opportunity.opens_on <= today))
