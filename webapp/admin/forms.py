from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, SelectChoice, SelectField, StringField

from ..models import DISTRICT_LABELS


def district_choices():
    return [SelectChoice("", _l("Whole city")),
            *[SelectChoice(d.value, label) for d, label in DISTRICT_LABELS.items()]]


class StaffForm(FlaskForm):
    name = StringField(_l("Real name"))
    phone = StringField(_l("Mobile number"))
    district = SelectField(_l("District"), choices=district_choices, validate_choice=False)
    password = PasswordField(_l("Initial password"))
