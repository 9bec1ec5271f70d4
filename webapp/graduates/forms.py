"""The ledger's forms: text in, the rules in services.graduates."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, StringField, TextAreaField

from ..models.work.ledger import GRADUATE_STATUS_LABELS
from ..publish.forms import DATE_HINT
from ..web.fields import choices_from


class PlanForm(FlaskForm):
    person_id = HiddenField()
    phone = StringField(_l("The person's mobile number"), description=_l("The applicant must live in your district."),
                        render_kw={"inputmode": "numeric", "autocomplete": "off"})
    school = StringField(_l("School or university"), render_kw={"autocomplete": "off"})
    graduation_year = StringField(_l("Year of graduation"), description=_l("For example 2027."),
                                  render_kw={"inputmode": "numeric", "autocomplete": "off"})
    status = RadioField(_l("Stage"), choices=choices_from(GRADUATE_STATUS_LABELS), validate_choice=False)


class ActionForm(FlaskForm):
    text = TextAreaField(_l("What is to be done"), description=_l("For example: recommend to two employers."))
    owner = StringField(_l("Who does it"), description=_l("For example: the caseworker, the school, the family."),
                        render_kw={"autocomplete": "off"})
    due_on = StringField(_l("Due by (optional)"), description=DATE_HINT,
                         render_kw={"inputmode": "numeric", "autocomplete": "off"})


class ContactForm(FlaskForm):
    notes = TextAreaField(_l("What was said or agreed"),
                          description=_l("A call, a visit or a message: in plain words, what happens next."))
