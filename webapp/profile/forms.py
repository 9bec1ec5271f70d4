"""One small form per identity question (GOV.UK question pages)."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectChoice, StringField
from wtforms.validators import InputRequired

from ..models import DISTRICT_LABELS
from ..vocab import COMMUNICATION_NEEDS, EDUCATION, HOUSEHOLD_TYPES, PREFERRED_CONTACT
from ..web.fields import CheckboxesField, choices_from


class NameForm(FlaskForm):
    full_name = StringField(_l("Full name"), description=_l("As on the resident ID card."),
                            render_kw={"autocomplete": "name", "maxlength": "50"})


class IdNumberForm(FlaskForm):
    id_number = StringField(_l("Resident ID number"),
                            description=_l("18 characters: 17 digits, then a digit or X. Spaces are fine."),
                            render_kw={"autocomplete": "off", "maxlength": "30", "spellcheck": "false"})


class CertificateForm(FlaskForm):
    certificate_number = StringField(
        _l("Disability certificate number"),
        description=_l("20 characters: your ID number, then the category digit and the level digit."),
        render_kw={"autocomplete": "off", "maxlength": "32", "spellcheck": "false"})


class DistrictForm(FlaskForm):
    district = RadioField(_l("District or county"), choices=choices_from(DISTRICT_LABELS),
                          validators=[InputRequired(_l("Choose your district or county."))])
    town = StringField(_l("Town, township or street"), description=_l("For example 义井镇 or 上站街道."),
                       render_kw={"autocomplete": "address-level3", "maxlength": "60"})


class HouseholdForm(FlaskForm):
    household_type = RadioField(_l("Household registration"), choices=choices_from(HOUSEHOLD_TYPES),
                                validators=[InputRequired(_l("Choose urban or rural."))])


class EducationForm(FlaskForm):
    education = RadioField(_l("Highest education"), choices=choices_from(EDUCATION),
                           validators=[InputRequired(_l("Choose the highest education."))])
    is_student = RadioField(_l("Currently a university or college student?"),
                            choices=[SelectChoice("no", _l("No")), SelectChoice("yes", _l("Yes"))],
                            validators=[InputRequired(_l("Choose yes or no."))])


class ContactForm(FlaskForm):
    contact_phone = StringField(_l("Contact phone number"), description=_l("A mobile number we can reach."),
                                render_kw={"type": "tel", "autocomplete": "tel", "inputmode": "tel",
                                           "maxlength": "20"})
    preferred_contact = RadioField(_l("How should we contact you?"), choices=choices_from(PREFERRED_CONTACT),
                                   validators=[InputRequired(_l("Choose how we should contact you."))])


class CommunicationForm(FlaskForm):
    communication_needs = CheckboxesField(_l("Communication needs"), choices=choices_from(COMMUNICATION_NEEDS),
                                          description=_l("Choose any that help. Leave all empty if none."))


STEP_FORMS = {
    "name": NameForm, "id-number": IdNumberForm, "certificate": CertificateForm, "district": DistrictForm,
    "household": HouseholdForm, "education": EducationForm, "contact": ContactForm,
    "communication": CommunicationForm,
}

STEP_TITLES = {
    "name": _l("Your name"), "id-number": _l("Resident ID number"),
    "certificate": _l("Disability certificate"), "district": _l("Where you live"),
    "household": _l("Household registration"), "education": _l("Education"),
    "contact": _l("Contact"), "communication": _l("Communication needs"),
}
