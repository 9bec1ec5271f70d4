"""The forms of an employer's applicant pages: the list's filter (a plain GET form), the
interview invitation and the rejection with its reason."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, Form, SelectChoice, SelectField, StringField, TextAreaField

from ..models.applying.application import STATUS_LABELS
from ..services.applications.for_employers import SEEN
from ..web.fields import FixedSelectField


class ApplicantFilterForm(Form):
    """Unknown values show everything (a shared link still works)."""

    job = SelectField(_l("Job"), choices=[])
    status = FixedSelectField(_l("Status"), choices=[SelectChoice("", _l("All statuses")),
                                                     *(SelectChoice(s.value, STATUS_LABELS[s]) for s in SEEN)])


class InviteForm(FlaskForm):
    day = StringField(_l("Day of the interview"), description=_l("Year, month and day, for example 2026-12-10."),
                      render_kw={"inputmode": "numeric", "autocomplete": "off", "maxlength": 20})
    time = StringField(_l("Time"), description=_l("Hours and minutes, for example 09:30."),
                       render_kw={"inputmode": "numeric", "autocomplete": "off", "maxlength": 10})
    place = StringField(_l("Place"), render_kw={"maxlength": 200})
    arrangements = TextAreaField(_l("Accessible arrangements (optional)"),
                                 description=_l("For example: step-free entrance at the east gate, a quiet room, "
                                                "questions in writing, more time."),
                                 render_kw={"maxlength": 1000, "rows": 3})
    interpreter = BooleanField(_l("A sign-language interpreter will be there"))


class RejectForm(FlaskForm):
    reason = TextAreaField(_l("Why not (the applicant reads this)"), render_kw={"maxlength": 1000, "rows": 3})
