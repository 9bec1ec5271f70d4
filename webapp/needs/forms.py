"""One small form per needs question."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, StringField, TextAreaField

from ..models import DISTRICT_LABELS
from ..vocab import ACCOMMODATIONS, EMPLOYMENT_STATUS, JOB_TYPES, TRAINING_CATEGORIES, WORK_PATTERNS
from ..web.fields import CheckboxesField, choices_from


class StatusForm(FlaskForm):
    employment_status = RadioField(_l("What do you do now?"), choices=choices_from(EMPLOYMENT_STATUS),
                                   validate_choice=False)


class JobTypesForm(FlaskForm):
    job_types = CheckboxesField(_l("What kinds of work do you want?"), choices=choices_from(JOB_TYPES),
                                description=_l("Choose any that fit."))
    job_types_other = StringField(_l("Other work (optional)"), render_kw={"maxlength": "100"})


class PatternForm(FlaskForm):
    work_patterns = CheckboxesField(_l("How do you want to work?"), choices=choices_from(WORK_PATTERNS),
                                    description=_l("Choose at least one."))


class DistrictsForm(FlaskForm):
    districts = CheckboxesField(_l("Where do you want to work?"), choices=choices_from(DISTRICT_LABELS),
                                description=_l("Choose any districts or counties. Leave empty if anywhere is fine."))


class PayForm(FlaskForm):
    pay_min = StringField(_l("Lowest monthly pay you would accept, in yuan (optional)"),
                          render_kw={"inputmode": "numeric", "autocomplete": "off", "maxlength": "7"})
    pay_max = StringField(_l("Monthly pay you hope for, in yuan (optional)"),
                          render_kw={"inputmode": "numeric", "autocomplete": "off", "maxlength": "7"})


class TrainingForm(FlaskForm):
    training_interests = CheckboxesField(_l("What training interests you?"), choices=choices_from(TRAINING_CATEGORIES),
                                         description=_l("Choose any. Leave empty if none."))


class AccommodationsForm(FlaskForm):
    accommodations = CheckboxesField(_l("What support do you need at work?"), choices=choices_from(ACCOMMODATIONS),
                                     description=_l("Choose any. Leave empty if none."))
    accommodations_other = StringField(_l("Other support (optional)"), render_kw={"maxlength": "200"})


class NotesForm(FlaskForm):
    notes = TextAreaField(_l("Anything else we should know? (optional)"),
                          description=_l("For example the hours you can work or how you travel."),
                          render_kw={"maxlength": "2000"})


STEP_FORMS = {
    "status": StatusForm, "job-types": JobTypesForm, "pattern": PatternForm, "districts": DistrictsForm,
    "pay": PayForm, "training": TrainingForm, "accommodations": AccommodationsForm, "notes": NotesForm,
}
STEP_TITLES = {
    "status": _l("Work now"), "job-types": _l("Kinds of work"), "pattern": _l("Way of working"),
    "districts": _l("Where to work"), "pay": _l("Pay"), "training": _l("Training"),
    "accommodations": _l("Support at work"), "notes": _l("Anything else"),
}

# A helper reads the questions about the person they act for.
THIRD_PERSON = {
    "employment_status": _l("What do they do now?"),
    "job_types": _l("What kinds of work do they want?"),
    "work_patterns": _l("How do they want to work?"),
    "districts": _l("Where do they want to work?"),
    "pay_min": _l("Lowest monthly pay they would accept, in yuan (optional)"),
    "pay_max": _l("Monthly pay they hope for, in yuan (optional)"),
    "training_interests": _l("What training interests them?"),
    "accommodations": _l("What support do they need at work?"),
    "notes": _l("Anything else we should know about them? (optional)"),
}
