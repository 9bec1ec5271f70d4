"""Turning what an admin typed into typed values, with a message for each thing to fix.

Also keeps the reserved shares of the action plan (measures 7 and 8).
"""
import re
from datetime import date

from flask_babel import lazy_gettext as _l

from ...models import COURSE, POST, STALL, SUBSIDY, District, Opportunity, OpportunityStatus, SubsidyKind
from ...vocab import STALL_KINDS, TRAINING_CATEGORIES, VENUE_ACCESSIBILITY
from ..common.dates import NotARealDate, NotYearMonthDay, read_date
from ..common.dates import today as service_today
from ..common.errors import DomainError
from ..common.text import plain
from ..identity.numbers import CATEGORY_LABELS

KINDS = (COURSE, STALL, POST, SUBSIDY)
# The share of units or places kept for disabled people (action plan measures 7 and 8), in percent.
RESERVED_PERCENT = {STALL: 10, POST: 5}
MAX_NUMBER = 100_000

_FULL_WIDTH = str.maketrans("０１２３４５６７８９－／．　", "0123456789-/. ")
_WHOLE = re.compile(r"[-+]?[0-9]+")


class Invalid(DomainError):
    """Every problem found in one form, so the page can show them all; the first is the message."""

    def __init__(self, problems: list[DomainError]):
        super().__init__(problems[0].message, problems[0].field)
        self.problems = problems


# Parsers: each takes what was typed (or an already typed value) and returns the stored value,
# or raises DomainError with the message; the field name is added by `clean`.

def _text(limit: int, missing=None, multiline: bool = False, empty=None):
    def parse(value):
        value = plain(value, multiline=multiline)
        if not value:
            if missing:
                raise DomainError(missing)
            return empty
        if len(value) > limit:
            raise DomainError(_l("Enter %(limit)d characters or fewer.", limit=limit))
        return value
    return parse


def _choice(vocabulary, missing, unknown):
    def parse(value):
        if not value:
            raise DomainError(missing)
        if value not in vocabulary:
            raise DomainError(unknown)
        return str(value)
    return parse


def _keys(vocabulary, convert=str):
    """Several keys from a checkbox group, stored in the vocabulary's order."""
    def parse(values):
        try:
            chosen = {convert(value) for value in values or []}
        except (TypeError, ValueError):
            chosen = {None}
        if not chosen <= set(vocabulary):
            raise DomainError(_l("Choose only from the list."))
        return [key for key in vocabulary if key in chosen]
    return parse


def _flag(value) -> bool:
    return value is True or str(value).lower() in ("y", "yes", "on", "1", "true")


def _whole(minimum: int, missing, too_small=None):
    def parse(value):
        if isinstance(value, int) and not isinstance(value, bool):
            number = value
        else:
            text = str(value or "").translate(_FULL_WIDTH).replace(",", "").replace("，", "").strip()
            if not text:
                raise DomainError(missing)
            if not _WHOLE.fullmatch(text):
                raise DomainError(_l("Enter a whole number in figures, for example 20."))
            number = int(text)
        if number < minimum:
            raise DomainError(too_small or _l("Enter 0 or more."))
        if number > MAX_NUMBER:
            raise DomainError(_l("Enter %(maximum)d or less.", maximum=MAX_NUMBER))
        return number
    return parse


def _day(missing=None):
    def parse(value):
        try:
            day = read_date(value)
        except NotYearMonthDay:
            raise DomainError(_l("Enter the date as year-month-day, for example 2026-09-01.")) from None
        except NotARealDate as error:
            raise DomainError(_l("%(value)s is not a real date. Check the month and the day.", value=str(error))) from None
        if day is None:
            if missing:
                raise DomainError(missing)
            return None
        if not 2000 <= day.year <= 2100:
            raise DomainError(_l("Enter a year between 2000 and 2100."))
        return day
    return parse


_DISTRICT = _choice([d.value for d in District], _l("Choose a district."), _l("Choose a district from the list."))
_TITLE = _text(100, _l("Enter a title."))
_SUBSIDY_ETC = _text(100)
# What a person who is accepted is told next (optional for every kind).
_NEXT_STEPS = {"contact": _text(100), "what_to_bring": _text(200)}

PARSERS = {
    COURSE: {
        "title": _TITLE,
        "category": _choice(TRAINING_CATEGORIES, _l("Choose a training category."),
                            _l("Choose a training category from the list.")),
        "provider": _text(100, _l("Enter the training provider.")),
        "description": _text(5000, _l("Say what the course teaches."), multiline=True),
        "suits_categories": _keys(CATEGORY_LABELS, int),
        "district": _DISTRICT,
        "address": _text(200, _l("Enter the venue address.")),
        "rural": _flag,
        "accessibility": _keys(VENUE_ACCESSIBILITY),
        "start_date": _day(_l("Enter the first day of the course.")),
        "end_date": _day(_l("Enter the last day of the course.")),
        "schedule": _text(200),
        "capacity": _whole(1, _l("Enter the number of seats."), _l("There must be at least 1 seat.")),
        "deadline": _day(_l("Enter the enrolment deadline.")),
        "subsidy": _text(100, _l("Say what the course costs, for example free.")),
        **_NEXT_STEPS,
    },
    STALL: {
        "category": _choice(STALL_KINDS, _l("Choose the kind of stall."), _l("Choose a kind of stall from the list.")),
        "provider": _text(100, _l("Enter the market or place name.")),
        "title": _TITLE,
        "description": _text(5000, multiline=True, empty=""),
        "district": _DISTRICT,
        "address": _text(200, _l("Enter the address.")),
        "total": _whole(1, _l("Enter the total number of units."), _l("There must be at least 1 unit.")),
        "capacity": _whole(0, _l("Enter the number of units reserved for disabled applicants.")),
        "monthly_fee": _whole(0, _l("Enter the monthly fee in yuan. Enter 0 if there is no fee.")),
        "fee_reduction": _SUBSIDY_ETC,
        "opens_on": _day(),
        "deadline": _day(_l("Enter the day applications close.")),
        **_NEXT_STEPS,
    },
    POST: {
        "title": _TITLE,
        "provider": _text(100, _l("Enter the employer.")),
        "description": _text(5000, _l("Describe the duties."), multiline=True),
        "physical_requirements": _text(2000, multiline=True),
        "district": _DISTRICT,
        "address": _text(200, empty=""),
        "accessibility": _keys(VENUE_ACCESSIBILITY),
        "hours": _text(100, _l("Enter the working hours.")),
        "pay": _text(100, _l("Enter the pay.")),
        "social_insurance": _SUBSIDY_ETC,
        "total": _whole(1, _l("Enter the number of places."), _l("There must be at least 1 place.")),
        "capacity": _whole(0, _l("Enter the number of places reserved for disabled applicants.")),
        "deadline": _day(_l("Enter the day applications close.")),
        **_NEXT_STEPS,
    },
    # A subsidy or funding: its measure (stored as the category), who gives it, how much and for how
    # many people, and until when applications are taken.
    SUBSIDY: {
        "title": _TITLE,
        "category": _choice([k.value for k in SubsidyKind], _l("Choose the measure."),
                            _l("Choose a measure from the list.")),
        "provider": _text(100, _l("Enter who gives it, for example the district's Disabled Persons' Federation.")),
        "description": _text(5000, _l("Say who may apply and what it pays for."), multiline=True),
        "district": _DISTRICT,
        "subsidy": _text(100, _l("Say how much it pays, for example up to 5000 yuan.")),
        "capacity": _whole(1, _l("Enter how many people it can fund."), _l("It must fund at least 1 person.")),
        "opens_on": _day(),
        "deadline": _day(_l("Enter the day applications close.")),
        **_NEXT_STEPS,
    },
}
FIELDS = {kind: tuple(parsers) for kind, parsers in PARSERS.items()}


def minimum_reserved(kind: str, total: int | None) -> int:
    """The fewest units or places to reserve: the plan's share of `total`, rounded up.

    Whole-number arithmetic on purpose: ceil(30 * 0.10) is 4 in floating point.
    """
    percent = RESERVED_PERCENT.get(kind)
    if not percent or not total:
        return 0
    return -(-total * percent // 100)


def _share_refusal(kind: str, minimum: int, total: int):
    if kind == STALL:
        return _l("The action plan (measure 7) reserves at least 10%% of units for disabled people: "
                  "reserve at least %(minimum)d of %(total)d.", minimum=minimum, total=total)
    return _l("The action plan (measure 8) reserves at least 5%% of public-welfare posts for disabled people: "
              "reserve at least %(minimum)d of %(total)d.", minimum=minimum, total=total)


def today() -> date:
    return service_today()


def _check_together(kind: str, values: dict, current: Opportunity | None) -> list[DomainError]:
    """Rules between fields; each runs only when the fields it needs were understood."""
    found = []
    start, end, deadline = values.get("start_date"), values.get("end_date"), values.get("deadline")
    if start and end and end < start:
        found.append(DomainError(_l("The last day must be on or after the first day."), "end_date"))
    if kind == COURSE and end and deadline and deadline > end:
        found.append(DomainError(_l("The enrolment deadline must be on or before the last day of the course."),
                                 "deadline"))
    if values.get("opens_on") and deadline and deadline < values["opens_on"]:
        found.append(DomainError(_l("Applications must close on or after the day they open."), "deadline"))
    total, reserved = values.get("total"), values.get("capacity")
    if kind in RESERVED_PERCENT and total is not None and reserved is not None:
        minimum = minimum_reserved(kind, total)
        if reserved > total:
            found.append(DomainError(_l("You cannot reserve more than %(total)d, the total.", total=total), "capacity"))
        elif reserved < minimum:
            found.append(DomainError(_share_refusal(kind, minimum, total), "capacity"))
    if current is not None and reserved is not None and reserved < current.taken:
        found.append(DomainError(_l("%(taken)d places are already taken: enter %(taken)d or more.",
                                    taken=current.taken), "capacity"))
    if (current is not None and current.status == OpportunityStatus.PUBLISHED and deadline
            and deadline != current.deadline and deadline < today()):
        found.append(DomainError(_l("That date has passed. Choose today or a later date, or close the item instead."),
                                 "deadline"))
    return found


def clean(kind: str, data: dict, current: Opportunity | None = None) -> dict:
    values, problems = {}, []
    for name, parse in PARSERS[kind].items():
        try:
            values[name] = parse(data.get(name))
        except DomainError as problem:
            problems.append(DomainError(problem.message, name))
    problems += _check_together(kind, values, current)
    if problems:
        raise Invalid(problems)
    return values
