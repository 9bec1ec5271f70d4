"""职业能力评估: a caseworker records how a person can work; its 就业困难 answer becomes the
person's current flag. Callers check scope first (casework.scope.person_for)."""
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ...extensions import db
from ...models import Assessment, Profile
from ..audit import log as audit
from ..common.dates import NotARealDate, NotYearMonthDay, read_date
from ..common.dates import today as service_today
from ..common.errors import DomainError
from ..common.text import plain

METHODS = {
    "interview": _l("Interview"),
    "practical": _l("Practical task"),
    "home_visit": _l("Home visit"),
    "records": _l("Review of records"),
}
CAPACITIES = {
    "full": _l("Can do general work fully"),
    "partial": _l("Can do some kinds of work"),
    "supported": _l("Needs supported employment"),
    "not_now": _l("Not ready for work at present"),
}
MAX_TEXT = 2000
EARLIEST_YEAR = 2000


def parse_date(raw: str | None, field: str = "assessed_on", today: date | None = None) -> date:
    """A date typed as YYYY-MM-DD (full-width digits and / or . as separators are fine)."""
    try:
        value = read_date(raw)
    except NotYearMonthDay:
        raise DomainError(_l("Enter the date as year-month-day, for example 2026-03-05."), field) from None
    except NotARealDate:
        raise DomainError(_l("Enter a real date, for example 2026-03-05."), field) from None
    if value is None:
        raise DomainError(_l("Enter the date of the assessment."), field)
    if value > (today or service_today()):
        raise DomainError(_l("The date of the assessment cannot be in the future."), field)
    if value.year < EARLIEST_YEAR:
        raise DomainError(_l("Enter a date in %(year)d or later.", year=EARLIEST_YEAR), field)
    return value


def record_assessment(caseworker, profile: Profile, *, assessed_on: str, method: str, work_capacity: str,
                      directions: str | None = "", notes: str | None = "", hard_to_employ: bool = False,
                      ip: str | None = None) -> Assessment:
    """Store a 职业能力评估; its 就业困难 flag becomes the person's current one."""
    when = parse_date(assessed_on)
    if method not in METHODS:
        raise DomainError(_l("Choose how the assessment was done."), "method")
    if work_capacity not in CAPACITIES:
        raise DomainError(_l("Choose what work the person can do."), "work_capacity")
    row = Assessment(user_id=profile.user_id, assessed_on=when, method=method, work_capacity=work_capacity,
                     directions=plain(directions, multiline=True)[:MAX_TEXT],
                     notes=plain(notes, multiline=True)[:MAX_TEXT],
                     hard_to_employ=bool(hard_to_employ), created_by_id=caseworker.id)
    db.session.add(row)
    profile.hard_to_employ = bool(hard_to_employ)
    audit.record("assessment.recorded", actor=caseworker, subject=profile.user_id, ip=ip, method=method,
                 work_capacity=work_capacity, hard_to_employ=bool(hard_to_employ))
    db.session.commit()
    return row


def latest_assessment(person_id: int) -> Assessment | None:
    return db.session.scalar(select(Assessment).where(Assessment.user_id == person_id)
                             .order_by(Assessment.assessed_on.desc(), Assessment.id.desc()).limit(1))
