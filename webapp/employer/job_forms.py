"""The job post form: text in, rules in services.jobs.posting, so every refusal is said once."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, TextAreaField

from ..models.applying.kinds import JOB_KIND_LABELS
from ..publish.forms import _date, _district, _line, _number
from ..vocab import JOB_ACCOMMODATIONS, WORKPLACE_ACCESSIBILITY
from ..web.fields import CheckboxesField, choices_from


class JobForm(FlaskForm):
    title = _line(_l("Job title"), _l("For example: online customer service assistant."))
    job_kind = RadioField(_l("Kind of work"), choices=choices_from({k.value: v for k, v in JOB_KIND_LABELS.items()}),
                          validate_choice=False)
    duties = TextAreaField(_l("What the work involves"),
                           description=_l("In plain words: what the person does on a normal day."))
    suits = TextAreaField(_l("Whom it suits (optional)"),
                          description=_l("For example: people who can type, whatever their disability."))
    district = _district()
    address = _line(_l("Workplace address"))
    pay_min = _number(_l("Lowest pay, yuan a month"), _l("Whole yuan, for example 2500."))
    pay_max = _number(_l("Highest pay, yuan a month"), _l("The same as the lowest if the pay is fixed."))
    hours = _line(_l("Working hours"), _l("For example: 9:00 to 17:00, Monday to Friday."))
    accommodations = CheckboxesField(_l("Support you offer"), choices=choices_from(JOB_ACCOMMODATIONS),
                                     validate_choice=False, description=_l("Tick everything you offer."))
    accessibility = CheckboxesField(_l("Workplace accessibility"), choices=choices_from(WORKPLACE_ACCESSIBILITY),
                                    validate_choice=False, description=_l("Tick everything the workplace has."))
    for_graduates = BooleanField(_l("Reserved for graduates"),
                                 description=_l("Only disabled people who graduated recently can apply (the plan's "
                                                "measure 12)."))
    state_reserved = BooleanField(_l("Set aside by a state body"),
                                  description=_l("For government bodies, public institutions and state-owned "
                                                 "enterprises: a post kept for a disabled person (measure 1)."))
    capacity = _number(_l("Number of openings"))
    deadline = _date(_l("Closing date"), _l("The last day to apply. Year-month-day, for example 2026-09-01."))


SECTIONS = [
    (_l("About the job"), ("title", "job_kind", "duties", "suits")),
    (_l("Place"), ("district", "address", "accessibility")),
    (_l("Pay and hours"), ("pay_min", "pay_max", "hours")),
    (_l("Support for disabled staff"), ("accommodations",)),
    (_l("Openings and applications"), ("capacity", "deadline", "for_graduates", "state_reserved")),
]
