"""A subsidy's decision with an amount, the city's sign-off and the payment.

Each is one transaction, as a caseworker's other decisions are: the rules are asked first, then
the award row and the audit row are written, and the state machine's guarded UPDATE adds the event
and the notice and commits all of them; a refusal rolls everything back.
"""
from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ...extensions import db
from ...models import Application, SubsidyAward
from ...models.base import utcnow
from ..applications import machine
from ..applications.rules import Action, require
from ..audit import log as audit
from ..common import dates
from ..common.dates import NotARealDate, NotYearMonthDay, read_date
from ..common.errors import DomainError
from ..common.text import plain
from . import settings
from .amounts import read_amount

MAX_REASON = 1000


def of(application: Application) -> SubsidyAward | None:
    return db.session.scalar(select(SubsidyAward).where(SubsidyAward.application_id == application.id))


def _reason(text, missing) -> str:
    reason = plain(text, multiline=True)[:MAX_REASON]
    if not reason:
        raise DomainError(missing, "reason")
    return reason


def _atomic(change):
    try:
        return change()
    except DomainError:
        db.session.rollback()
        raise


def approve(user, application: Application, amount, reason, ip: str | None = None) -> Application:
    """通过 with an amount and a reason; above the city's threshold it waits for its sign-off."""
    def change():
        require(application, user, Action.APPROVE)
        yuan = read_amount(amount, "amount")
        why = _reason(reason, _l("Give the reason for the amount, so the applicant knows how it was decided."))
        threshold = settings.threshold()
        award = of(application) or SubsidyAward(application_id=application.id, applicant_id=application.applicant_id)
        award.amount, award.reason, award.threshold = yuan, why, threshold
        award.decided_by_id, award.decided_at, award.signed_off_by_id, award.signed_off_at = user.id, utcnow(), None, None
        db.session.add(award)
        audit.record("subsidy.approved", actor=user, subject=application.applicant_id, ip=ip,
                     reference=application.reference, amount=yuan, threshold=threshold)
        words = _("%(amount)d yuan. %(reason)s", amount=yuan, reason=why)
        return machine.approve_subsidy(user, application, words, needs_signoff=yuan > threshold)
    return _atomic(change)


def sign_off(admin, application: Application, ip: str | None = None) -> Application:
    """The city signs off the district's amount: approved."""
    def change():
        require(application, admin, Action.SIGN_OFF)
        award = of(application)
        award.signed_off_by_id, award.signed_off_at = admin.id, utcnow()
        audit.record("subsidy.signed_off", actor=admin, subject=application.applicant_id, ip=ip,
                     reference=application.reference, amount=award.amount)
        return machine.sign_off(admin, application, _("Signed off by the city: %(amount)d yuan.", amount=award.amount))
    return _atomic(change)


def send_back(admin, application: Application, reason, ip: str | None = None) -> Application:
    def change():
        audit.record("subsidy.sent_back", actor=admin, subject=application.applicant_id, ip=ip,
                     reference=application.reference)
        return machine.send_back(admin, application, reason)
    return _atomic(change)


def refuse(admin, application: Application, reason, ip: str | None = None) -> Application:
    def change():
        audit.record("subsidy.refused", actor=admin, subject=application.applicant_id, ip=ip,
                     reference=application.reference)
        return machine.refuse(admin, application, reason)
    return _atomic(change)


def _paid_on(text, decided: date) -> date:
    try:
        day = read_date(text)
    except NotYearMonthDay:
        raise DomainError(_l("Enter the date as year-month-day, for example 2026-12-01."), "paid_on") from None
    except NotARealDate as error:
        raise DomainError(_l("%(value)s is not a real date. Check the month and the day.", value=str(error)),
                          "paid_on") from None
    if day is None:
        raise DomainError(_l("Enter the day it was paid."), "paid_on")
    if day > dates.today():
        raise DomainError(_l("The day it was paid cannot be after today."), "paid_on")
    if day < decided:
        raise DomainError(_l("The day it was paid cannot be before the decision, %(date)s.",
                             date=decided.isoformat()), "paid_on")
    return day


def pay(user, application: Application, paid_on, amount, ip: str | None = None) -> Application:
    """Record the payment: the day (a service day) and the amount, up to the amount decided."""
    def change():
        require(application, user, Action.PAY)
        award = of(application)
        day = _paid_on(paid_on, dates.day_of(award.decided_at))
        yuan = read_amount(amount, "paid_amount", maximum=award.amount)
        award.paid_on, award.paid_amount, award.paid_by_id, award.paid_at = day, yuan, user.id, utcnow()
        audit.record("subsidy.paid", actor=user, subject=application.applicant_id, ip=ip,
                     reference=application.reference, amount=yuan, paid_on=day.isoformat())
        return machine.pay(user, application, _("%(amount)d yuan paid on %(date)s.", amount=yuan,
                                                date=day.isoformat()))
    return _atomic(change)
