"""The subsidy decisions on the casework application page: approve with an amount (the district),
sign off, send back or refuse (the city's administrators), and record the payment.

Each is a POST and one service call; a refusal shows the page again with the message beside its
field and the service's status (422 for what was typed, 409 for a status that changed, 403 ...).
"""
from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..models import SUBSIDY, Role
from ..services.common.errors import DomainError
from ..services.subsidies import awards
from ..web.access import role_required
from ..web.client import client_address
from . import bp, page
from .routes import STAFF
from .subsidy_forms import AwardForm, PaymentForm, RefuseForm, SendBackForm


def _load(reference: str):
    application, profile = page.load(reference)
    if application.opportunity.kind != SUBSIDY:
        abort(404)
    return application, profile


def _decide(reference: str, name: str, form_class, call, done: str):
    """Validate the form's CSRF, run the service with the form's fields; errors beside their fields."""
    application, profile = _load(reference)
    form = form_class(prefix=name)
    if not form.validate_on_submit():
        return page.render(application, profile, status=400, **{name: form})
    try:
        call(application, form)
    except DomainError as error:
        field = getattr(form, error.field, None) if error.field else None
        if field is not None:
            field.errors = [*field.errors, str(error.message)]
            return page.render(application, profile, status=error.status, **{name: form})
        return page.render(application, profile, status=error.status, error=error, **{name: form})
    flash(done, "success")
    return redirect(url_for("casework.application", reference=reference), 303)


@bp.route("/applications/<reference>/award", methods=["POST"])
@role_required(*STAFF)
def award(reference: str):
    """通过 a subsidy with its amount and reason; above the city's threshold it goes to the city."""
    return _decide(reference, "award", AwardForm, lambda application, form: awards.approve(
        current_user, application, form.amount.data, form.reason.data, client_address()),
        _("Decided. The applicant has been told the amount."))


@bp.route("/applications/<reference>/sign-off", methods=["POST"])
@role_required(Role.ADMIN)
def sign_off(reference: str):
    """The city signs off an amount above its threshold."""
    application, profile = _load(reference)
    try:
        awards.sign_off(current_user, application, client_address())
    except DomainError as error:
        return page.render(application, profile, status=error.status, error=error)
    flash(_("Signed off. The applicant has been told."), "success")
    return redirect(url_for("casework.application", reference=reference), 303)


@bp.route("/applications/<reference>/send-back", methods=["POST"])
@role_required(Role.ADMIN)
def send_back(reference: str):
    """Back to the district's caseworker, to decide the amount again."""
    return _decide(reference, "send_back", SendBackForm, lambda application, form: awards.send_back(
        current_user, application, form.reason.data, client_address()),
        _("Sent back to the district's caseworker."))


@bp.route("/applications/<reference>/refuse", methods=["POST"])
@role_required(Role.ADMIN)
def refuse(reference: str):
    """The city does not sign it off: not approved, with the reason."""
    return _decide(reference, "refuse", RefuseForm, lambda application, form: awards.refuse(
        current_user, application, form.reason.data, client_address()),
        _("Not signed off. The applicant has been told why."))


@bp.route("/applications/<reference>/payment", methods=["POST"])
@role_required(*STAFF)
def payment(reference: str):
    """Record the payment: the day and the amount."""
    return _decide(reference, "payment", PaymentForm, lambda application, form: awards.pay(
        current_user, application, form.paid_on.data, form.paid_amount.data, client_address()),
        _("Payment recorded. The applicant has been told."))
