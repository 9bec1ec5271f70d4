"""Feedback forms. Choices are checked by the services (one message, in words, beside the field),
so WTForms' own choice check is off and a stray value is never a 5xx."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, SelectChoice, SelectField, TextAreaField

from ..models.applying.feedback import FEEDBACK_KIND_LABELS, GRADE_LABELS
from ..services.feedback import ratings, replies, sending
from ..web.fields import choices_from


class FeedbackForm(FlaskForm):
    kind = RadioField(_l("What is it?"), choices=choices_from(FEEDBACK_KIND_LABELS), validate_choice=False)
    application = SelectField(_l("About one of your applications (optional)"), choices=[], validate_choice=False)
    body = TextAreaField(_l("What do you want to ask or tell us?"),
                         description=_l("In your own words. A caseworker of your district reads it and replies."),
                         render_kw={"maxlength": str(sending.MAX_BODY), "rows": 6})
    came_from = HiddenField()

    def set_applications(self, applications) -> None:
        self.application.choices = [SelectChoice("", _l("None: not about one application")),
                                    *(SelectChoice(a.reference, f"{a.opportunity.title} · {a.reference} · "
                                                   f"{a.status.label}") for a in applications)]


class RatingForm(FlaskForm):
    grade = RadioField(_l("How was the service?"), choices=choices_from(GRADE_LABELS), validate_choice=False)
    words = TextAreaField(_l("What went well, or what should change (optional)"),
                          description=_l("If you choose poor, a caseworker of your district calls you back."),
                          render_kw={"maxlength": str(ratings.MAX_WORDS), "rows": 4})


class ReplyForm(FlaskForm):
    reply = TextAreaField(_l("Your reply"), description=_l("The person reads this in their notices. Use plain words."),
                          render_kw={"maxlength": str(replies.MAX_REPLY), "rows": 6})


class CallForm(FlaskForm):
    notes = TextAreaField(_l("What the person said and what was agreed"),
                          render_kw={"maxlength": str(ratings.MAX_NOTES), "rows": 5})
