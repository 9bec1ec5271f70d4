"""What each subsidy measure asks, and nothing more; answers are checked and stored as text.

Each question: (label, hint, required, kind). The kind says how it is typed and read:
text (a line), words (a few sentences), date (year-month-day), months and count (whole numbers),
amount (yuan) and course (one of the applicant's own enrolled course applications).
"""
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ...extensions import db
from ...models import COURSE, Application, Opportunity, SubsidyKind
from ...models import ApplicationStatus as S
from ..common import dates
from ..common.dates import NotARealDate, NotYearMonthDay, read_date
from ..common.errors import DomainError
from ..common.text import plain, whole_number
from .amounts import read_amount

MAX_TEXT = 100
MAX_WORDS = 1000
MAX_MONTHS = 60
MAX_STAFF = 10_000
MAX_LOAN = 3_000_000  # 创业担保贷款: well above what a small business may borrow


@dataclass(frozen=True)
class Question:
    label: str
    hint: str | None
    required: bool
    kind: str  # text | words | date | months | count | amount | course


K = SubsidyKind
QUESTIONS = {
    K.SELF_EMPLOYMENT: {
        "business_name": Question(_l("Name of your business or work"),
                                  _l("As on the business licence, or for flexible work what you do, "
                                     "for example 网约车 driver."), True, "text"),
        "started_on": Question(_l("When did you start?"), _l("Year-month-day, for example 2026-03-01."), True, "date"),
    },
    K.SOCIAL_INSURANCE: {
        "insurance_months": Question(_l("How many months of social insurance have you paid?"),
                                     _l("In the period you apply for, for example 12."), True, "months"),
        "insured_as": Question(_l("Paid as a self-employed or flexible worker, or by an employer?"),
                               _l("For example: flexible worker; or the employer's name."), False, "text"),
    },
    K.FAMILY_BUSINESS: {
        "business": Question(_l("What is the family business?"),
                             _l("For example: raising sheep, a small grocery, handicrafts at home."), True, "text"),
        "use_of_funds": Question(_l("What would the funding pay for?"),
                                 _l("A sentence or two, for example seedlings and a greenhouse film."), True, "words"),
    },
    K.TRAINING: {
        "course": Question(_l("Which course did you take?"),
                           _l("One of your own courses that you were enrolled on."), True, "course"),
        "certificate": Question(_l("Certificate gained (optional)"),
                                _l("For example: 保健按摩师 (level 5). Add a photo of it on the next page."),
                                False, "text"),
    },
    K.LOAN: {
        "business_name": Question(_l("Name of your business"), _l("As on the business licence."), True, "text"),
        "disabled_staff": Question(_l("How many disabled people do you employ?"),
                                   _l("Not counting yourself."), True, "count"),
        "loan_amount": Question(_l("Loan amount you are seeking, in yuan"),
                                _l("A whole number, for example 200000."), True, "amount"),
    },
}
# What the photos should show, said on the photos page of each measure.
PHOTO_HINTS = {
    K.SELF_EMPLOYMENT: _l("A photo of the business licence, or of proof of the flexible work."),
    K.SOCIAL_INSURANCE: _l("A photo of the social-insurance payment record for the months you apply for."),
    K.FAMILY_BUSINESS: _l("A photo of the family business, or of what it needs."),
    K.TRAINING: _l("A photo of the course's completion record or of the certificate."),
    K.LOAN: _l("A photo of the business licence and of the disabled staff's employment contracts."),
}
NO_MEASURE = _l("This subsidy item names no measure. Ask the Disabled Persons' Federation.")


def for_item(opportunity: Opportunity) -> dict[str, Question]:
    return QUESTIONS.get(opportunity.subsidy_kind, {})


def as_rows(opportunity: Opportunity) -> dict[str, tuple]:
    """(label, hint, required) of each question, as the other kinds' questions are listed."""
    return {field: (q.label, q.hint, q.required) for field, q in for_item(opportunity).items()}


def course_choices(person) -> list[tuple[str, str]]:
    """The person's own course applications that hold (or held) a seat: (reference, words)."""
    rows = db.session.execute(
        select(Application.reference, Opportunity.title, Opportunity.end_date)
        .join(Opportunity, Opportunity.id == Application.opportunity_id)
        .where(Application.applicant_id == person.id, Opportunity.kind == COURSE, Application.status == S.ENROLLED)
        .order_by(Opportunity.end_date.desc(), Application.id.desc())).all()
    today = dates.today()
    return [(reference, str(_l("%(title)s (%(ref)s), ended %(date)s", title=title, ref=reference,
                               date=end.isoformat()) if end and end < today else
                            _l("%(title)s (%(ref)s), enrolled", title=title, ref=reference)))
            for reference, title, end in rows]


def _read(question: Question, value, person) -> str:
    if question.kind == "words":
        return plain(value, multiline=True)[:MAX_WORDS]
    text = plain(value)
    if not text:
        return ""
    if question.kind == "text":
        if len(text) > MAX_TEXT:
            raise DomainError(_l("Enter %(limit)d characters or fewer.", limit=MAX_TEXT))
        return text
    if question.kind == "date":
        try:
            day = read_date(text)
        except NotYearMonthDay:
            raise DomainError(_l("Enter the date as year-month-day, for example 2026-03-01.")) from None
        except NotARealDate as error:
            raise DomainError(_l("%(value)s is not a real date. Check the month and the day.",
                                 value=str(error))) from None
        if day is None or not 1950 <= day.year or day > dates.today():
            raise DomainError(_l("Enter a day between 1950 and today."))
        return day.isoformat()
    if question.kind in ("months", "count"):
        low, high = (1, MAX_MONTHS) if question.kind == "months" else (1, MAX_STAFF)
        number = whole_number(text, high)
        if number is None or number < low:
            raise DomainError(_l("Enter a whole number from %(low)d to %(high)d.", low=low, high=high))
        return str(number)
    if question.kind == "amount":
        return str(read_amount(text, "", maximum=MAX_LOAN))
    if question.kind == "course":
        if text not in dict(course_choices(person)):
            raise DomainError(_l("Choose one of your courses from the list."))
        return text
    raise ValueError(question.kind)


def cleaned(application: Application, data: dict) -> dict:
    """The answers to store; the first problem is refused on its field."""
    asked = for_item(application.opportunity)
    if not asked:
        raise DomainError(NO_MEASURE)
    answers = {}
    for field, question in asked.items():
        try:
            value = _read(question, data.get(field), application.applicant)
        except DomainError as error:
            raise DomainError(error.message, field) from None
        if question.required and not value:
            raise DomainError(_l("Answer this question."), field)
        answers[field] = value
    return answers


def shown(application: Application) -> dict[str, str]:
    """Each answer in words, for the check page, the caseworker and the applicant's page."""
    answers = application.answers or {}
    words = {}
    for field, question in for_item(application.opportunity).items():
        value = answers.get(field) or ""
        if value and question.kind == "amount":
            value = str(_l("%(amount)s yuan", amount=value))
        elif value and question.kind == "months":
            value = str(_l("%(num)s months", num=value))
        words[field] = value
    return words
