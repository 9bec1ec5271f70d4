"""The subsidy forms of the casework application page: the amount decided, the city's sign-off
steps and the payment. Text in; the services read the amounts and dates and say what is wrong."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField

from ..services.common import dates
from ..services.subsidies import awards

_NUMBER = {"inputmode": "numeric", "autocomplete": "off", "maxlength": "12"}


class AwardForm(FlaskForm):
    amount = StringField(_l("Amount in yuan"), description=_l("A whole number, for example 3000."), render_kw=_NUMBER)
    reason = TextAreaField(_l("Reason for the amount"),
                           description=_l("The applicant sees this. Say how the amount was worked out."),
                           render_kw={"maxlength": str(awards.MAX_REASON)})


class SendBackForm(FlaskForm):
    reason = TextAreaField(_l("What the district should change"),
                           description=_l("The caseworker sees this and decides again."),
                           render_kw={"maxlength": str(awards.MAX_REASON)})


class RefuseForm(FlaskForm):
    reason = TextAreaField(_l("Reason for not signing it off"),
                           description=_l("The applicant sees this. Say why, in plain words."),
                           render_kw={"maxlength": str(awards.MAX_REASON)})


class PaymentForm(FlaskForm):
    paid_on = StringField(_l("Day it was paid"), description=_l("Year-month-day, for example 2026-12-01."),
                          render_kw=_NUMBER)
    paid_amount = StringField(_l("Amount paid in yuan"), description=_l("Up to the amount approved."),
                              render_kw=_NUMBER)


def blank_forms(application) -> dict:
    """The subsidy forms, empty (the payment form starts with today and the amount approved)."""
    award = awards.of(application)
    payment = PaymentForm(prefix="payment", formdata=None, data={
        "paid_on": dates.today().isoformat(), "paid_amount": str(award.amount) if award else ""})
    return {"award": AwardForm(prefix="award", formdata=None), "send_back": SendBackForm(prefix="send_back", formdata=None),
            "refuse": RefuseForm(prefix="refuse", formdata=None), "payment": payment}
