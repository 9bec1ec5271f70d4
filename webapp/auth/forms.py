"""Account forms. Rules live in services; these only carry the fields and their labels."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField


class LoginForm(FlaskForm):
    phone = StringField(_l("Mobile number"))
    password = PasswordField(_l("Password"))


class PhoneForm(FlaskForm):
    phone = StringField(_l("Mobile number"))


class RegisterForm(FlaskForm):
    code = StringField(_l("Code from the text message"))
    name = StringField(_l("Real name"))
    password = PasswordField(_l("Create a password"))


class ResetForm(FlaskForm):
    code = StringField(_l("Code from the text message"))
    password = PasswordField(_l("New password"))
