"""The application page's actions: claim, decide, ask for more, hand over, show full numbers.

Each action is a POST and one service call. Success: 303 back to the page with a message.
Refusal: the page again with the message and the status the service gave (409, 422 ...).
Approving and not approving take two steps: the first POST shows what will happen and asks
"are you sure?" (a plain page and form, no JavaScript); only the second, with confirm=yes, decides.
"""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..services.applications.rules import Action, refusal
from ..services.casework import decisions, verification
from ..services.common.errors import DomainError
from ..web.access import role_required
from ..web.client import client_address
from . import bp, page
from .forms import AskForm, RejectForm
from .routes import STAFF


def _act(reference: str, action, done: str, **kwargs):
    """Run one decision; a refusal shows the page again with the reason and the service's status."""
    application, profile = page.load(reference)
    try:
        action(current_user, application, ip=client_address(), **kwargs)
    except DomainError as error:
        return page.render(application, profile, status=error.status, error=error)
    flash(done, "success")
    return redirect(url_for("casework.application", reference=reference), 303)


@bp.route("/applications/<reference>/claim", methods=["POST"])
@role_required(*STAFF)
def claim(reference: str):
    """Take the application to check it (one caseworker wins when two try at once)."""
    return _act(reference, decisions.claim, _("You are now checking this application."))


@bp.route("/applications/<reference>/unclaim", methods=["POST"])
@role_required(*STAFF)
def unclaim(reference: str):
    """Put it back in the queue for someone else."""
    return _act(reference, decisions.unclaim, _("The application is back in the queue."))


def _confirm(application, profile, action: Action, form=None, **shown):
    """The "are you sure?" step, once the rules allow the action; else the refusal, as `_act` gives it."""
    refused = refusal(application, current_user, action)
    if refused is not None:
        if form is not None:
            return page.render(application, profile, status=refused.status, error=_refused(form, refused),
                               reject=form)
        return page.render(application, profile, status=refused.status, error=refused)
    return render_template("casework/confirm.html", application=application, profile=profile, action=action,
                           form=form, back_url=url_for("casework.application", reference=application.reference),
                           **shown)


def _confirmed() -> bool:
    return request.form.get("confirm") == "yes"


@bp.route("/applications/<reference>/approve", methods=["POST"])
@role_required(*STAFF)
def approve(reference: str):
    """通过, in two steps: refused until the person's identity has been verified."""
    if not _confirmed():
        application, profile = page.load(reference)
        return _confirm(application, profile, Action.APPROVE, title=_("Approve this application?"))
    return _act(reference, decisions.approve, _("Approved. The applicant has been told."))


def _refused(form, error: DomainError):
    """Put the message beside its field when the form has one; else it is for the whole page."""
    field = "text" if error.field == "reason" else error.field
    if field and field in form:
        form[field].errors = [*form[field].errors, str(error.message)]
        return None
    return error


def _with_reason(reference: str, kind: str, form_class, action, done: str, confirm: Action | None = None):
    """不通过 and 退回补充材料: a reason from the list and/or in the caseworker's words; with
    `confirm`, the first POST shows the reason and asks again before deciding."""
    application, profile = page.load(reference)
    form = page.reason_form(kind, form_class)
    if not form.validate_on_submit():
        return page.render(application, profile, status=400, **{kind: form})
    try:
        reason = decisions.combine_reason(kind, form.template.data, form.text.data)
        if confirm is not None and reason and not _confirmed():
            return _confirm(application, profile, confirm, title=_("Do not approve this application?"),
                            reason=reason, form=form)
        action(current_user, application, reason, ip=client_address())
    except DomainError as error:
        return page.render(application, profile, status=error.status, error=_refused(form, error), **{kind: form})
    flash(done, "success")
    return redirect(url_for("casework.application", reference=reference), 303)


@bp.route("/applications/<reference>/reject", methods=["POST"])
@role_required(*STAFF)
def reject(reference: str):
    """不通过, with the reason the applicant is told."""
    return _with_reason(reference, "reject", RejectForm, decisions.reject,
                        _("Not approved. The applicant has been told why."), confirm=Action.REJECT)


@bp.route("/applications/<reference>/ask", methods=["POST"])
@role_required(*STAFF)
def ask(reference: str):
    """退回补充材料: say what is missing; the applicant adds it and sends again."""
    return _with_reason(reference, "ask", AskForm, decisions.ask,
                        _("Sent back. The applicant has been told what to add."))


@bp.route("/applications/<reference>/reassign", methods=["POST"])
@role_required(*STAFF)
def reassign(reference: str):
    """Hand the application to a colleague of the same district."""
    application, profile = page.load(reference)
    form = page.reassign_form()
    if not form.validate_on_submit():
        return page.render(application, profile, status=400, reassign=form)
    try:
        decisions.reassign(current_user, application, form.assignee.data, client_address())
    except DomainError as error:
        return page.render(application, profile, status=error.status, error=_refused(form, error), reassign=form)
    flash(_("The application has been handed over."), "success")
    return redirect(url_for("casework.application", reference=reference), 303)


@bp.route("/applications/<reference>/unmask", methods=["POST"])
@role_required(*STAFF)
def unmask(reference: str):
    """查看完整证件号: the page once more with the whole numbers; the look is audited."""
    application, profile = page.load(reference)
    return page.render(application, profile,
                       numbers=verification.full_numbers(current_user, profile, client_address()))
