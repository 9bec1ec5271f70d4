"""回访: after a hire for a job, the caseworkers' visits at 1, 3 and 6 months; the visits due in a
district (overdue ones said in words); recording a visit; and employment found outside the service."""
import calendar
from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import false, func, select

from ...extensions import db
from ...models import Application, Opportunity, Profile, User
from ...models.work.followup import FOLLOW_UP_MONTHS, EmploymentRecord, FollowUp
from ..audit import log as audit
from ..common import dates, paging
from ..common.errors import DomainError
from ..common.text import plain
from . import scope


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day (31 January + 1 month = 28/29 February)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def schedule(application_id: int, hired_on: date) -> None:
    """The three visits of a hire, in the caller's transaction."""
    for month in FOLLOW_UP_MONTHS:
        db.session.add(FollowUp(application_id=application_id, month=month, due_on=add_months(hired_on, month)))


@dataclass(frozen=True)
class Due:
    follow_up: FollowUp
    person: User
    job: Opportunity
    overdue: bool


def _in_scope(user):
    """Follow-ups of the people `user` may see (scope.py): the district's, or the city's."""
    conditions = scope.people(user)
    return (select(FollowUp, User, Opportunity).join(Application, FollowUp.application_id == Application.id)
            .join(User, User.id == Application.applicant_id).join(Opportunity, Opportunity.id == Application.opportunity_id)
            .join(Profile, Profile.user_id == Application.applicant_id)
            .where(*(conditions if conditions is not None else [false()])))


PER_PAGE = 20


def follow_up_for(user, follow_up_id) -> FollowUp | None:
    """One visit still to make, or None when it is out of scope, done or not there."""
    row = db.session.execute(_in_scope(user).where(FollowUp.id == follow_up_id, FollowUp.done_on.is_(None))).first()
    return row[0] if row else None


def due(user, page: int = 1, today: date | None = None):
    """Visits not yet made to the people `user` may see, soonest due first; and how many are overdue."""
    today = today or dates.today()
    query = _in_scope(user).where(FollowUp.done_on.is_(None))
    overdue = db.session.scalar(select(func.count()).select_from(
        query.where(FollowUp.due_on < today).with_only_columns(FollowUp.id).subquery()))
    found = paging.paginate(query.order_by(FollowUp.due_on, FollowUp.id), page, PER_PAGE,
                            rows=lambda row: Due(row[0], row[1], row[2], row[0].due_on < today))
    return found, overdue


def record_visit(caseworker, follow_up: FollowUp, done_on: str, notes: str, ip: str | None = None) -> FollowUp:
    if follow_up.done_on is not None:
        raise DomainError(_l("This visit is already recorded."))
    follow_up.done_on = _day(done_on, "done_on")
    follow_up.notes = plain(notes, multiline=True)[:2000] or None
    follow_up.recorded_by_id = caseworker.id
    audit.record("followup.visit_recorded", actor=caseworker, subject=follow_up.application.applicant_id, ip=ip,
                 follow_up=follow_up.id, month=follow_up.month)
    db.session.commit()
    return follow_up


def record_employment(caseworker, person: User, employer_name: str, since: str, ip: str | None = None):
    name = plain(employer_name)[:100]
    if not name:
        raise DomainError(_l("Enter the employer's name."), "employer_name")
    record = EmploymentRecord(user_id=person.id, employer_name=name, since=_day(since, "since"),
                              recorded_by_id=caseworker.id)
    db.session.add(record)
    audit.record("employment.recorded", actor=caseworker, subject=person, ip=ip)
    db.session.commit()
    return record


def _day(raw: str, field: str) -> date:
    try:
        day = dates.read_date(raw)
    except ValueError:
        day = None
    if day is None:
        raise DomainError(_l("Enter the day as year, month and day, for example 2026-12-10."), field)
    if day > dates.today():
        raise DomainError(_l("This day is in the future."), field)
    return day
