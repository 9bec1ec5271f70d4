"""Thin views for answering a job offer: accept (the hire) or decline; shown on the application's
page when `rules.allowed_actions` offers them, refused by the same rule otherwise."""
from flask import flash, g, redirect, request, url_for
from flask_babel import gettext as _

from ..services.applications import machine
from ..services.common.errors import DomainError
from ..web.access import person_required
from . import bp
from .routes import own_application


def _answer(reference: str, answer, done: str):
    application, _actions = own_application(reference)
    try:
        answer(application)
    except DomainError as error:
        flash(str(error.message), "error")
    else:
        flash(done, "success")
    return redirect(url_for("applying.detail", reference=reference), 303)


@bp.route("/me/applications/<reference>/accept", methods=["POST"])
@person_required
def accept(reference: str):
    """Accept the job offered: hired."""
    return _answer(reference, lambda application: machine.accept(g.acting, application),
                   _("You accepted the job. The employer sees your answer; your caseworker will visit you "
                     "after you start."))


@bp.route("/me/applications/<reference>/decline", methods=["POST"])
@person_required
def decline(reference: str):
    """Decline the job offered."""
    return _answer(reference, lambda application: machine.decline(g.acting, application, request.form.get("reason")),
                   _("You declined the offer. The employer sees your answer."))
