"""Employer forms: registration, the quota numbers, the licence photo, and the administrators'
decision. Rules live in services.employers; these only carry the fields and their labels."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import FileField, PasswordField, RadioField, SelectChoice, SelectField, StringField, TextAreaField

from ..models import DISTRICT_LABELS
from ..models.work.employer import ORG_TYPE_LABELS


def org_type_choices():
    return [SelectChoice(kind.value, label) for kind, label in ORG_TYPE_LABELS.items()]


def district_choices():
    return [SelectChoice("", _l("Choose a district")),
            *[SelectChoice(d.value, label) for d, label in DISTRICT_LABELS.items()]]


class EmployerRegisterForm(FlaskForm):
    code = StringField(_l("Code from the text message"))
    org_name = StringField(_l("Name of the organisation"))
    org_type = RadioField(_l("Type of organisation"), choices=org_type_choices, validate_choice=False)
    district = SelectField(_l("District"), choices=district_choices, validate_choice=False)
    credit_code = StringField(_l("Unified social credit code (统一社会信用代码)"))
    contact_name = StringField(_l("Contact person"))
    contact_phone = StringField(_l("Contact person's phone"))
    password = PasswordField(_l("Create a password"))

    def details(self) -> dict:
        return {name: getattr(self, name).data for name in
                ("org_name", "org_type", "district", "credit_code", "contact_name", "contact_phone")}


class NumbersForm(FlaskForm):
    staff_count = StringField(_l("Staff in all (在职职工总数)"))
    disabled_staff = StringField(_l("Disabled employees (安排残疾人就业人数)"))


class LicenceForm(FlaskForm):
    licence = FileField(_l("Photo of the business licence (营业执照)"))


class RejectForm(FlaskForm):
    reason = TextAreaField(_l("Why it cannot be verified"))
