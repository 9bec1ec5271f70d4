"""The fair forms: text in, the rules in services.fairs, so every refusal is said once."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, StringField, TextAreaField

from ..models import DISTRICT_LABELS
from ..models.work.fair import FAIR_MODE_LABELS
from ..publish.forms import DATE_HINT
from ..vocab import FAIR_SUPPORT, VENUE_ACCESSIBILITY
from ..web.fields import CheckboxesField, choices_from


class FairForm(FlaskForm):
    title = StringField(_l("Title"), description=_l("For example: spring job fair for disabled jobseekers."),
                        render_kw={"autocomplete": "off"})
    mode = RadioField(_l("Online or on site"), choices=choices_from(FAIR_MODE_LABELS), validate_choice=False)
    venue = StringField(_l("Venue"), description=_l("The address, or for an online fair where and how to join."),
                        render_kw={"autocomplete": "off"})
    accessibility = CheckboxesField(_l("Venue accessibility"), choices=choices_from(VENUE_ACCESSIBILITY),
                                    validate_choice=False,
                                    description=_l("Tick everything that is offered. Leave all unticked if none."))
    sign_language = BooleanField(_l("Sign language interpretation at the fair"))
    date = StringField(_l("Date"), description=DATE_HINT, render_kw={"inputmode": "numeric", "autocomplete": "off"})
    district = RadioField(_l("District"), choices=choices_from(DISTRICT_LABELS), validate_choice=False)
    description = TextAreaField(_l("About the fair (optional)"),
                                description=_l("In plain words: who it is for and what happens there."))


class JoinForm(FlaskForm):
    jobs = CheckboxesField(_l("Jobs to show at the fair"), choices=[], validate_choice=False,
                           description=_l("Only your published jobs can be shown."))


class RegisterForm(FlaskForm):
    support = CheckboxesField(_l("Support needed to take part (optional)"), choices=choices_from(FAIR_SUPPORT),
                              validate_choice=False, description=_l("Tick what you need. Leave all unticked if none."))
