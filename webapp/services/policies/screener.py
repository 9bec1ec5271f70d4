"""这项政策适合我吗: six questions, and the measures that fit the answers, each with a one-line why.

The answers are plain keys (Answers); `check` turns what a form sent into Answers or refuses it
field by field; `fitting` says which measures fit and why. A measure that depends on something
not asked (the kind of disability) is listed apart, as one that may also fit.
"""
from dataclasses import asdict, dataclass

from flask_babel import lazy_gettext as _l

from ...models import DISTRICT_LABELS
from ...vocab import HOUSEHOLD_TYPES
from ..common.errors import DomainError
from .measures import BY_SLUG, Measure

AGE_BANDS = {
    "under_16": _l("Under 16"),
    "16_24": _l("16 to 24"),
    "25_44": _l("25 to 44"),
    "45_59": _l("45 to 59"),
    "60_plus": _l("60 or over"),
}
WORKING_AGE = ("16_24", "25_44", "45_59")
WORK = {
    "unemployed": _l("Not working, and looking for work"),
    "employed": _l("Working for an employer"),
    "flexible": _l("Working for myself or in flexible work"),
    "not_looking": _l("Not working, and not looking for work now"),
}
STUDY = {
    "student": _l("Yes, I study at a college or university"),
    "graduate": _l("Yes, I left college or university in the last two years"),
    "no": _l("No"),
}
BUSINESS = {
    "running": _l("Yes, I run one"),
    "wanting": _l("Yes, I want to start one"),
    "no": _l("No"),
}
# field -> (question, answers, what to say when the answer is missing or not one of them)
QUESTIONS = {
    "district": (_l("Where do you live?"), DISTRICT_LABELS, _l("Choose the county or district where you live.")),
    "household_type": (_l("Is your household registered as urban or rural?"), HOUSEHOLD_TYPES,
                       _l("Choose urban or rural.")),
    "age_band": (_l("How old are you?"), AGE_BANDS, _l("Choose your age.")),
    "work": (_l("Do you work now?"), WORK, _l("Choose what you do now.")),
    "study": (_l("Are you a student or a recent graduate?"), STUDY, _l("Choose whether you study.")),
    "business": (_l("Do you run a business, or want to start one?"), BUSINESS,
                 _l("Choose whether you run or want a business.")),
}
FIELDS = tuple(QUESTIONS)


@dataclass(frozen=True)
class Answers:
    district: str
    household_type: str
    age_band: str
    work: str
    study: str
    business: str

    def as_dict(self) -> dict:
        return asdict(self)

    @property
    def working_age(self) -> bool:
        return self.age_band in WORKING_AGE

    @property
    def adult(self) -> bool:
        return self.age_band != "under_16"

    @property
    def wants_work(self) -> bool:
        return self.working_age and (self.work != "not_looking" or self.study != "no")

    @property
    def own_work(self) -> bool:
        return self.business != "no" or self.work == "flexible"

    def label(self, name: str) -> str:
        return str(QUESTIONS[name][1].get(getattr(self, name), ""))


class Invalid(DomainError):
    """Some answers are missing or not among the choices: one problem per field."""

    def __init__(self, problems: list[DomainError]):
        super().__init__(problems[0].message, problems[0].field)
        self.problems = problems


def check(raw) -> Answers:
    """The answers sent, each one of its question's choices, or Invalid naming every field that is not."""
    values, problems = {}, []
    for name, (_question, choices, missing) in QUESTIONS.items():
        value = raw.get(name)
        if not isinstance(value, str) or value not in choices:
            problems.append(DomainError(missing, name))
        else:
            values[name] = value
    if problems:
        raise Invalid(problems)
    return Answers(**values)


def from_stored(data) -> Answers | None:
    """Answers kept in the session or the saved row, or None when they no longer read as answers."""
    try:
        return check(data if isinstance(data, dict) else {name: getattr(data, name, None) for name in FIELDS})
    except Invalid:
        return None


# (measure slug, fits?, why) in the order the result lists them.
_RULES = (
    ("needs-registration", lambda a: a.wants_work,
     _l("You are of working age and want work: registering your needs is the first step to the rest.")),
    ("graduates", lambda a: a.adult and a.study != "no",
     _l("You are a student or a recent graduate: you can have a plan of your own.")),
    ("training", lambda a: a.wants_work,
     _l("Free courses are open to every disabled person of working age who wants to work.")),
    ("training-subsidy", lambda a: a.wants_work,
     _l("If you take a course or a skills test, its cost can be paid back.")),
    ("welfare-posts", lambda a: a.working_age and a.work == "unemployed",
     _l("You are out of work and looking: public-welfare posts go first to people who find work hard to get.")),
    ("state-posts", lambda a: a.wants_work and (a.work == "unemployed" or a.study != "no"),
     _l("State bodies and state firms keep posts for disabled people, and recruit graduates first.")),
    ("job-fairs", lambda a: a.wants_work,
     _l("You want work: at a job fair you meet employers who want to hire disabled people.")),
    ("online-work", lambda a: a.wants_work and a.work != "employed",
     _l("You can learn e-commerce or online customer service and work from home.")),
    ("family-business", lambda a: a.adult and a.household_type == "rural",
     _l("Your household is rural: at least 130 disabled people a year are funded to grow a family business.")),
    ("self-employment", lambda a: a.adult and a.own_work,
     _l("You work for yourself or want to: a subsidy helps you start and keep going.")),
    ("stalls", lambda a: a.adult and a.own_work,
     _l("You work for yourself or want to: of the market stalls and shops, at least 10% are kept for disabled people.")),
    ("social-insurance", lambda a: a.adult and (a.work == "flexible" or a.business == "running"),
     _l("You work for yourself: part of the social insurance you pay can be paid back.")),
    ("loans", lambda a: a.working_age and a.business != "no",
     _l("You run or want to start a business: a loan with its interest paid can help, above all if you employ "
        "other disabled people.")),
)
# Fit or not depends on the kind of disability, which is not asked.
_MAYBE = (
    ("blind-massage", lambda a: a.wants_work and a.work != "employed",
     _l("If you are blind or have low vision: free massage training and help to open a massage centre.")),
    ("supported-work", lambda a: a.wants_work and a.work != "employed",
     _l("If ordinary work is hard because of an intellectual, mental or severe physical disability: work with "
        "support near home.")),
)


@dataclass(frozen=True)
class Fit:
    measure: Measure
    why: object


def _apply(rules, answers: Answers) -> list[Fit]:
    return [Fit(BY_SLUG[slug], why) for slug, fits, why in rules if fits(answers)]


def fitting(answers: Answers) -> tuple[list[Fit], list[Fit]]:
    """(measures that fit the answers, measures that may also fit depending on the disability)."""
    return _apply(_RULES, answers), _apply(_MAYBE, answers)
