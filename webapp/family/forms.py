"""The family helper's form: linking to a person with their invite code."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField


class AcceptForm(FlaskForm):
    code = StringField(_l("Invite code"), description=_l("8 characters, from the person you will help."),
                       render_kw={"autocomplete": "off", "maxlength": "12", "autocapitalize": "characters",
                                  "spellcheck": "false"})
    relationship = StringField(_l("How are you related?"), description=_l("For example daughter, husband or neighbour."),
                               render_kw={"maxlength": "30"})
