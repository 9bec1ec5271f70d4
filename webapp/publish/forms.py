"""The publishing forms: text in, rules in services.opportunities, so every refusal is said once."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, SelectChoice, StringField, TextAreaField

from ..models import COURSE, DISTRICT_LABELS, POST, STALL, SUBSIDY
from ..models.applying.kinds import SUBSIDY_KIND_LABELS
from ..services.identity.numbers import CATEGORY_LABELS
from ..vocab import STALL_KINDS, TRAINING_CATEGORIES, VENUE_ACCESSIBILITY, label, labels
from ..web.fields import CheckboxesField, choices_from

DATE_HINT = _l("Year-month-day, for example 2026-09-01.")
NEXT_STEPS_TITLE = _l("What people who are accepted are told")


def _line(text, hint=""):
    return StringField(text, description=hint, render_kw={"autocomplete": "off"})


def _date(text, hint=DATE_HINT):
    return StringField(text, description=hint, render_kw={"inputmode": "numeric", "autocomplete": "off"})


def _number(text, hint=""):
    return StringField(text, description=hint, render_kw={"inputmode": "numeric", "autocomplete": "off"})


def _district():
    return RadioField(_l("District"), choices=choices_from(DISTRICT_LABELS), validate_choice=False)


def _contact():
    return _line(_l("Whom to contact (optional)"),
                 _l("A name and a phone number, for example: Ms Wang, 0353-2021234. Sent with the good news."))


def _what_to_bring():
    return _line(_l("What to bring (optional)"),
                 _l("For example: ID card, disability certificate and two photos. Sent with the good news."))


def _accessibility(text):
    return CheckboxesField(text, choices=choices_from(VENUE_ACCESSIBILITY), validate_choice=False,
                           description=_l("Tick everything that is offered. Leave all unticked if none."))


class CourseForm(FlaskForm):
    title = _line(_l("Course title"))
    category = RadioField(_l("Training category"), choices=choices_from(TRAINING_CATEGORIES), validate_choice=False)
    provider = _line(_l("Training provider"))
    description = TextAreaField(_l("What the course teaches"),
                                description=_l("In plain words: what people learn and what they can do afterwards."))
    suits_categories = CheckboxesField(
        _l("Suits people with these disabilities"), validate_choice=False,
        choices=[SelectChoice(str(number), text) for number, text in CATEGORY_LABELS.items()],
        description=_l("Leave all unticked if the course suits everyone."))
    district = _district()
    address = _line(_l("Venue address"))
    rural = BooleanField(_l("Held in a rural area"),
                         description=_l("Counts towards the plan's target for training in rural areas."))
    accessibility = _accessibility(_l("Venue accessibility"))
    start_date = _date(_l("First day"))
    end_date = _date(_l("Last day"))
    schedule = _line(_l("Schedule (optional)"), _l("For example: weekdays 9:00 to 11:30."))
    capacity = _number(_l("Seats"))
    deadline = _date(_l("Enrolment deadline"), _l("The last day to enrol. Year-month-day, for example 2026-09-01."))
    subsidy = _line(_l("Cost and subsidy"), _l("For example: free, with a living allowance of 50 yuan a day."))
    contact = _contact()
    what_to_bring = _what_to_bring()


class StallForm(FlaskForm):
    category = RadioField(_l("Kind of stall"), choices=choices_from(STALL_KINDS), validate_choice=False)
    provider = _line(_l("Market or place name"))
    title = _line(_l("Title"), _l("For example: 12 stalls at Nanzhuang vegetable market."))
    description = TextAreaField(_l("More about the units (optional)"),
                                description=_l("For example the size, opening hours and what may be sold."))
    district = _district()
    address = _line(_l("Address"))
    total = _number(_l("Total units"))
    capacity = _number(_l("Units reserved for disabled applicants"),
                       _l("At least %(percent)d%% of the total units, rounded up (action plan, measure 7).",
                          percent=10))
    monthly_fee = _number(_l("Monthly fee in yuan"), _l("Enter 0 if there is no fee."))
    fee_reduction = _line(_l("Fee reduction for disabled applicants (optional)"),
                          _l("For example: no fee for the first year, then half."))
    opens_on = _date(_l("Applications open (optional)"),
                     _l("Leave empty to open as soon as it is published. Year-month-day, for example 2026-09-01."))
    deadline = _date(_l("Applications close"))
    contact = _contact()
    what_to_bring = _what_to_bring()


class PostForm(FlaskForm):
    title = _line(_l("Post title"), _l("For example: community cleaning assistant."))
    provider = _line(_l("Employer"))
    description = TextAreaField(_l("Duties"), description=_l("In plain words: what the person does each day."))
    physical_requirements = TextAreaField(
        _l("Physical requirements (optional)"),
        description=_l("In plain words, for example: standing for most of the day, lifting up to 10 kg."))
    district = _district()
    address = _line(_l("Workplace address (optional)"))
    accessibility = _accessibility(_l("Workplace accessibility"))
    hours = _line(_l("Working hours"), _l("For example: 8:00 to 12:00, Monday to Friday."))
    pay = _line(_l("Pay"), _l("For example: 1,900 yuan a month."))
    social_insurance = _line(_l("Social insurance subsidy (optional)"),
                             _l("For example: pension, medical and unemployment insurance paid in full."))
    total = _number(_l("Number of places"))
    capacity = _number(_l("Places reserved for disabled applicants"),
                       _l("At least %(percent)d%% of the places, rounded up (action plan, measure 8).", percent=5))
    deadline = _date(_l("Applications close"))
    contact = _contact()
    what_to_bring = _what_to_bring()


SUBSIDY_KINDS = {kind.value: text for kind, text in SUBSIDY_KIND_LABELS.items()}


class SubsidyForm(FlaskForm):
    title = _line(_l("Title"), _l("For example: 2026 social-insurance subsidy for flexible workers, 城区."))
    category = RadioField(_l("Measure of the action plan"), choices=choices_from(SUBSIDY_KINDS), validate_choice=False,
                          description=_l("Each measure asks applicants only what it needs."))
    provider = _line(_l("Given by"), _l("For example: 城区残疾人联合会."))
    description = TextAreaField(_l("Who may apply and what it pays for"),
                                description=_l("In plain words, as the policy says it."))
    district = _district()
    subsidy = _line(_l("How much it pays"), _l("For example: up to 5000 yuan once; or half of the insurance paid."))
    capacity = _number(_l("People it can fund"), _l("The plan funds at least 130 people a year across the city."))
    opens_on = _date(_l("Applications open (optional)"),
                     _l("Leave empty to open as soon as it is published. Year-month-day, for example 2026-09-01."))
    deadline = _date(_l("Applications close"))
    contact = _contact()
    what_to_bring = _what_to_bring()


FORMS = {COURSE: CourseForm, STALL: StallForm, POST: PostForm, SUBSIDY: SubsidyForm}
NEW_TITLES = {COURSE: _l("New training course"), STALL: _l("New stall opening"), POST: _l("New public-welfare post"),
              SUBSIDY: _l("New subsidy or funding")}
EDIT_TITLES = {COURSE: _l("Edit training course"), STALL: _l("Edit stall opening"),
               POST: _l("Edit public-welfare post"), SUBSIDY: _l("Edit subsidy or funding")}

# The form in sections, each under its own <h2> (admins fill it in on a PC, on one page).
SECTIONS = {
    COURSE: [(_l("About the course"), ("title", "category", "provider", "description", "suits_categories")),
             (_l("Place"), ("district", "address", "rural", "accessibility")),
             (_l("Dates, seats and cost"), ("start_date", "end_date", "schedule", "deadline", "capacity", "subsidy")),
             (NEXT_STEPS_TITLE, ("contact", "what_to_bring"))],
    STALL: [(_l("About the opening"), ("category", "provider", "title", "description")),
            (_l("Place"), ("district", "address")),
            (_l("Units and fees"), ("total", "capacity", "monthly_fee", "fee_reduction")),
            (_l("Application window"), ("opens_on", "deadline")),
            (NEXT_STEPS_TITLE, ("contact", "what_to_bring"))],
    POST: [(_l("About the post"), ("title", "provider", "description", "physical_requirements")),
           (_l("Place"), ("district", "address", "accessibility")),
           (_l("Terms"), ("hours", "pay", "social_insurance")),
           (_l("Places and applications"), ("total", "capacity", "deadline")),
           (NEXT_STEPS_TITLE, ("contact", "what_to_bring"))],
    SUBSIDY: [(_l("About the subsidy"), ("title", "category", "provider", "description")),
              (_l("Where, how much and for how many"), ("district", "subsidy", "capacity")),
              (_l("Application window"), ("opens_on", "deadline")),
              (NEXT_STEPS_TITLE, ("contact", "what_to_bring"))],
}

DISTRICT_NAMES = {district.value: text for district, text in DISTRICT_LABELS.items()}
_VOCABULARIES = {"accessibility": VENUE_ACCESSIBILITY, "suits_categories": CATEGORY_LABELS, "district": DISTRICT_NAMES}
_CATEGORY_VOCABULARIES = {COURSE: TRAINING_CATEGORIES, STALL: STALL_KINDS, SUBSIDY: SUBSIDY_KINDS}


def shown(kind: str, name: str, value) -> str:
    """A stored value in words, for the change record."""
    if value is None or value == "" or value == []:
        return _("(empty)")
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if name == "category":
        return label(_CATEGORY_VOCABULARIES.get(kind, {}), value)
    if name == "district":
        return label(_VOCABULARIES["district"], value)
    if name in _VOCABULARIES:
        return labels(_VOCABULARIES[name], value)
    return str(value)


def change_rows(form, kind: str, records, names: dict) -> list[dict]:
    """Each change record as its time, who made it and (field label, before, after) rows."""
    def label_of(name):
        return form[name].label.text if name in form else name

    return [{"at": record.at, "by": names.get(record.changed_by_id, ""),
             "fields": [(label_of(name), shown(kind, name, old), shown(kind, name, new))
                        for name, (old, new) in record.changes.items()]}
            for record in records]
