from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField


class AcceptForm(FlaskForm):
    code = StringField(_l("Invite code"), description=_l("8 characters, from the person you will help."),
                       render_kw={"autocomplete": "off", "maxlength": "12", "autocapitalize": "characters",
                                  "spellcheck": "false"})
    relationship = StringField(_l("How are you related?"), description=_l("For example daughter, husband or neighbour."),
                               render_kw={"maxlength": "30"})


class CaseworkerLinkForm(FlaskForm):
    applicant_phone = StringField(_l("Jobseeker's mobile number"),
                                  render_kw={"type": "tel", "inputmode": "tel", "autocomplete": "off", "maxlength": "20"})
    helper_phone = StringField(_l("Helper's mobile number"), description=_l("The helper must have registered as a family helper."),
                               render_kw={"type": "tel", "inputmode": "tel", "autocomplete": "off", "maxlength": "20"})
    relationship = StringField(_l("How are they related?"), render_kw={"maxlength": "30"})
    reason = TextAreaField(_l("Why the person cannot link a helper themself"),
                           description=_l("For example: cannot use a phone because of a severe intellectual disability."),
                           render_kw={"maxlength": "500"})
