"""The application state machine: every transition is one guarded UPDATE in one transaction with
its event row and notice; a refused one raises and changes nothing (see rules.py for the diagram).

Courses: approval takes a seat (enrolled) or joins the waiting list (waitlisted); a withdrawal
frees the seat for the first on the list. Stalls: allocation of approved applicants, by the
published draw when they outnumber the units. Posts: approved applicants are the shortlist.
"""
from datetime import datetime
from datetime import time as dt_time

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from ...extensions import db
from ...models import COURSE, POST, STALL, SUBSIDY, Application, Interview
from ...models import ApplicationStatus as S
from ...models.base import utcnow
from ..common import notices
from ..common.errors import DomainError
from ..common.text import plain
from ..casework import followups
from ..common import dates
from . import questions
from .guarded import free_place, move, take_place, try_move
from .rules import Action, TransitionError, from_statuses, require


def _done(application: Application) -> Application:
    db.session.commit()
    notices.send_pending()
    return application


def _move_for(application: Application, action: Action, to: S, **kwargs) -> None:
    move(application, from_statuses(action, application), to, **kwargs)


def _step(application: Application, user, action: Action, to: S, **kwargs) -> None:
    """Refuse what the rules refuse, then move from where the action may start."""
    require(application, user, action)
    _move_for(application, action, to, **kwargs)


def submit(acting, application: Application) -> Application:
    require(application, acting.actor, Action.SUBMIT)
    questions.check_answers(application)
    _move_for(application, Action.SUBMIT, S.SUBMITTED, actor=acting.actor, on_behalf=acting.on_behalf,
              submitted_at=utcnow())
    return _done(application)


def resubmit(acting, application: Application) -> Application:
    _step(application, acting.actor, Action.RESUBMIT, S.SUBMITTED, actor=acting.actor, on_behalf=acting.on_behalf,
          submitted_at=utcnow())
    return _done(application)


def claim(caseworker, application: Application) -> Application:
    _step(application, caseworker, Action.CLAIM, S.UNDER_REVIEW, actor=caseworker, assigned_to_id=caseworker.id)
    return _done(application)


def unclaim(caseworker, application: Application) -> Application:
    _step(application, caseworker, Action.UNCLAIM, S.SUBMITTED, actor=caseworker, assigned_to_id=None)
    return _done(application)


def _reason(text: str | None, missing) -> str:
    text = plain(text, multiline=True)
    if not text:
        raise DomainError(missing, "reason")
    return text


def reject(caseworker, application: Application, reason: str) -> Application:
    require(application, caseworker, Action.REJECT)
    reason = _reason(reason, _l("Give the reason, so the applicant knows why."))
    _move_for(application, Action.REJECT, S.REJECTED, actor=caseworker, reason=reason, decided_at=utcnow())
    return _done(application)


def ask_for_information(caseworker, application: Application, reason: str) -> Application:
    require(application, caseworker, Action.ASK)
    reason = _reason(reason, _l("Say exactly what is missing."))
    _move_for(application, Action.ASK, S.NEEDS_INFO, actor=caseworker, reason=reason)
    return _done(application)


def approve(caseworker, application: Application) -> Application:
    """Approve (the person's identity must be verified); a course then takes a seat or waits for one."""
    if application.opportunity.kind == SUBSIDY:
        raise DomainError(_l("Approve a subsidy with its amount, in the subsidy decision form."), "amount")
    _step(application, caseworker, Action.APPROVE, S.APPROVED, actor=caseworker, decided_at=utcnow())
    if application.opportunity.kind == COURSE:
        _enrol_or_wait(application)
    return _done(application)


def _enrol_or_wait(application: Application) -> None:
    if take_place(application.opportunity_id):
        move(application, (S.APPROVED, S.WAITLISTED), S.ENROLLED)
    else:
        move(application, (S.APPROVED,), S.WAITLISTED, waitlisted_at=utcnow())


def allocate(application: Application, actor=None) -> Application:
    """Give an approved stall applicant a unit if one is left; otherwise they get none."""
    if application.opportunity.kind != STALL:
        raise TransitionError(_l("Only stall openings have units."))
    to = S.ALLOCATED if take_place(application.opportunity_id) else S.NOT_ALLOCATED
    move(application, (S.APPROVED,), to, actor=actor)
    return _done(application)


def hire(caseworker, application: Application) -> Application:
    if application.opportunity.kind != POST:
        raise TransitionError(_l("Only public-welfare posts hire."))
    require(application, caseworker, Action.HIRE)
    if not take_place(application.opportunity_id):
        db.session.rollback()
        raise TransitionError(_l("All reserved places of this post are filled."))
    _move_for(application, Action.HIRE, S.HIRED, actor=caseworker)
    return _done(application)


# A subsidy: approved with an amount (services/subsidies/awards.py writes it), signed off by the
# city above its threshold, then paid.

def approve_subsidy(caseworker, application: Application, reason: str, *, needs_signoff: bool) -> Application:
    """Approve with the amount in `reason`; above the threshold it waits for the city's sign-off."""
    if application.opportunity.kind != SUBSIDY:
        raise TransitionError(_l("Only subsidies are approved with an amount."))
    to = S.AWAITING_SIGNOFF if needs_signoff else S.APPROVED
    _step(application, caseworker, Action.APPROVE, to, actor=caseworker, reason=reason, decided_at=utcnow())
    return _done(application)


def sign_off(admin, application: Application, reason: str | None = None) -> Application:
    _step(application, admin, Action.SIGN_OFF, S.APPROVED, actor=admin, reason=reason, decided_at=utcnow())
    return _done(application)


def send_back(admin, application: Application, reason: str) -> Application:
    """Back to the district's caseworker (still assigned) to decide again, with what to change."""
    require(application, admin, Action.SEND_BACK)
    reason = _reason(reason, _l("Say what the district should change."))
    _move_for(application, Action.SEND_BACK, S.UNDER_REVIEW, actor=admin, reason=reason)
    return _done(application)


def refuse(admin, application: Application, reason: str) -> Application:
    require(application, admin, Action.REFUSE)
    reason = _reason(reason, _l("Give the reason, so the applicant knows why."))
    _move_for(application, Action.REFUSE, S.REJECTED, actor=admin, reason=reason, decided_at=utcnow())
    return _done(application)


def pay(staff, application: Application, reason: str) -> Application:
    """The payment was made (the award row says when and how much)."""
    _step(application, staff, Action.PAY, S.PAID, actor=staff, reason=reason)
    return _done(application)


# A job: its employer's steps, and the applicant's answer to an offer.

def shortlist(employer_user, application: Application) -> Application:
    _step(application, employer_user, Action.SHORTLIST, S.SHORTLISTED, actor=employer_user)
    return _done(application)


def invite(employer_user, application: Application, *, day: str, time: str, place: str,
           arrangements: str | None = None, interpreter: bool = False) -> Application:
    """Invite to an interview: when and where, with the arrangements the person needs."""
    require(application, employer_user, Action.INVITE)
    at = _interview_time(day, time)
    place = plain(place)[:200]
    if not place:
        raise DomainError(_l("Say where the interview is."), "place")
    db.session.add(Interview(application_id=application.id, at=at, place=place,
                             arrangements=plain(arrangements, multiline=True)[:1000] or None,
                             interpreter_requested=bool(interpreter), created_by_id=employer_user.id))
    words = _("Interview on %(at)s at %(place)s.", at=at.strftime("%Y-%m-%d %H:%M"), place=place)
    if interpreter:
        words += " " + _("A sign-language interpreter will be there.")
    _move_for(application, Action.INVITE, S.INTERVIEW, actor=employer_user, reason=words)
    return _done(application)


def _interview_time(day: str, time: str) -> datetime:
    try:
        on = dates.read_date(day)
    except ValueError:
        on = None
    if on is None:
        raise DomainError(_l("Enter the day as year, month and day, for example 2026-12-10."), "day")
    try:
        hour, minute = (int(part) for part in plain(time).replace("：", ":").split(":"))
        return datetime.combine(on, dt_time(hour, minute))
    except ValueError:
        raise DomainError(_l("Enter the time as hours and minutes, for example 09:30."), "time") from None


def offer(employer_user, application: Application) -> Application:
    _step(application, employer_user, Action.OFFER, S.OFFERED, actor=employer_user, decided_at=utcnow())
    return _done(application)


def reject_by_employer(employer_user, application: Application, reason: str) -> Application:
    require(application, employer_user, Action.REJECT_BY_EMPLOYER)
    reason = _reason(reason, _l("Give the reason, so the applicant knows why."))
    _move_for(application, Action.REJECT_BY_EMPLOYER, S.REJECTED, actor=employer_user, reason=reason,
              decided_at=utcnow())
    return _done(application)


def accept(acting, application: Application) -> Application:
    """The applicant accepts the offer, which is the hire: it takes an opening and books the
    caseworkers' follow-up visits at 1, 3 and 6 months, all in one transaction."""
    require(application, acting.actor, Action.ACCEPT)
    if not take_place(application.opportunity_id):
        db.session.rollback()
        raise TransitionError(_l("All openings of this job are filled."))
    _move_for(application, Action.ACCEPT, S.HIRED, actor=acting.actor, on_behalf=acting.on_behalf)
    followups.schedule(application.id, dates.today())
    return _done(application)


def decline(acting, application: Application, reason: str | None = None) -> Application:
    _step(application, acting.actor, Action.DECLINE, S.DECLINED, actor=acting.actor, on_behalf=acting.on_behalf,
          reason=plain(reason, multiline=True)[:500] or None)
    return _done(application)


def withdraw(acting, application: Application, reason: str | None = None) -> Application:
    """Withdraw before a final state; leaving a course frees the seat for the waiting list."""
    was_enrolled = application.status == S.ENROLLED
    _step(application, acting.actor, Action.WITHDRAW, S.WITHDRAWN, actor=acting.actor, on_behalf=acting.on_behalf,
          reason=plain(reason, multiline=True)[:500] or None)
    if was_enrolled:
        free_place(application.opportunity_id)
        _promote(application.opportunity_id)
    return _done(application)


def _promote(opportunity_id: int) -> None:
    """Seats to the waiting list in order, while there are seats and people waiting."""
    while True:
        first = db.session.scalar(select(Application).where(
            Application.opportunity_id == opportunity_id, Application.status == S.WAITLISTED)
            .order_by(Application.waitlisted_at, Application.id).limit(1))
        if first is None or not take_place(opportunity_id):
            return
        if not try_move(first, (S.WAITLISTED,), S.ENROLLED):
            free_place(opportunity_id)  # someone else moved them meanwhile; try the next


def waiting_position(application: Application) -> int | None:
    if application.status != S.WAITLISTED:
        return None
    ahead = db.session.scalar(select(func.count()).select_from(Application).where(
        Application.opportunity_id == application.opportunity_id, Application.status == S.WAITLISTED,
        (Application.waitlisted_at < application.waitlisted_at)
        | ((Application.waitlisted_at == application.waitlisted_at) & (Application.id < application.id))))
    return ahead + 1
