"""Account forms. Rules live in services; these only carry the fields and their labels."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, RadioField, SelectChoice, StringField


class LoginForm(FlaskForm):
    phone = StringField(_l("Mobile number"))
    password = PasswordField(_l("Password"))


class PhoneForm(FlaskForm):
    phone = StringField(_l("Mobile number"))


class RegisterForm(FlaskForm):
    code = StringField(_l("Code from the text message"))
    account_type = RadioField(_l("Who is this account for?"), default="applicant", choices=[
        SelectChoice("applicant", _l("Me: I am looking for work or training")),
        SelectChoice("helper", _l("Helping a family member or friend who is disabled")),
    ])
    name = StringField(_l("Real name"))
    password = PasswordField(_l("Create a password"))


class ResetForm(FlaskForm):
    code = StringField(_l("Code from the text message"))
    password = PasswordField(_l("New password"))
