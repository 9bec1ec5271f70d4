"""Administrators' forms: staff accounts, the audit log search, decision texts."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, RadioField, SelectChoice, SelectField, StringField, TextAreaField

from ..models import DISTRICT_LABELS, Role
from ..models.people.user import ROLE_LABELS


def district_choices():
    return [SelectChoice("", _l("Whole city")),
            *[SelectChoice(d.value, label) for d, label in DISTRICT_LABELS.items()]]


def role_choices():
    return [SelectChoice(role.value, ROLE_LABELS[role]) for role in (Role.CASEWORKER, Role.ADMIN)]


class StaffForm(FlaskForm):
    name = StringField(_l("Real name"))
    phone = StringField(_l("Mobile number"))
    district = SelectField(_l("District"), choices=district_choices, validate_choice=False)
    password = PasswordField(_l("Initial password"))


class StaffEditForm(FlaskForm):
    role = SelectField(_l("Role"), choices=role_choices, validate_choice=False)
    district = SelectField(_l("District"), choices=district_choices, validate_choice=False)
    leads_team = BooleanField(_l("Team lead (组长)"),
                              description=_l("May hand over any application of the district to a colleague, not only "
                                             "the ones they are checking."))


class AuditSearchForm(FlaskForm):
    class Meta:
        csrf = False  # a GET search changes nothing

    person = StringField(_l("Whose record"))
    actor = StringField(_l("Done by"))
    action = SelectField(_l("Action"), validate_choice=False)
    date_from = StringField(_l("From date"))
    date_to = StringField(_l("To date"))


def kind_choices():
    return [SelectChoice("reject", _l("A reason for not approving an application")),
            SelectChoice("ask", _l("A request for more information or documents"))]


class TemplateForm(FlaskForm):
    kind = RadioField(_l("What is the text for?"), choices=kind_choices, validate_choice=False)
    text = TextAreaField(_l("Text"))
