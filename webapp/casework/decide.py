"""The application page and its actions: claim, decide, ask for more, hand over, show full numbers.

Each action is a POST and one service call. Success: 303 back to the page with a message.
Refusal: the page again with the message and the status the service gave (409, 422 ...).
"""
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ..auth.decorators import role_required
from ..extensions import db
from ..forms import client_ip
from ..models import User
from ..needs.answers import answer_rows as needs_rows
from ..services import apply, casework, evidence, needs, verification
from ..services.errors import DomainError
from . import bp
from .forms import AskForm, ReassignForm, RejectForm, VerifyForm
from .queue import STAFF
from .rows import profile_rows


def _load(reference: str):
    """The application and profile, or 404 when out of the user's scope."""
    found = casework.application_for(current_user, reference)
    if found is None:
        abort(404)
    return found


def _forms(application, given: dict) -> dict:
    """Every form of the page: the one just refused keeps its answers and errors, the rest start empty."""
    forms = {"reject": RejectForm(prefix="reject", formdata=None), "ask": AskForm(prefix="ask", formdata=None),
             "reassign": ReassignForm(prefix="reassign", formdata=None),
             "verify": VerifyForm(prefix="verify", formdata=None)}
    forms.update(given)
    forms["reject"].set_templates(casework.templates("reject"))
    forms["ask"].set_templates(casework.templates("ask"))
    forms["reassign"].assignee.choices = [(str(c.id), c.name) for c in casework.colleagues(current_user)]
    forms["verify"].next.data = url_for("casework.application", reference=application.reference)
    return forms


def _page(application, profile, *, status: int = 200, error=None, numbers=None, **given_forms):
    """The application page; after a refusal with the message, after unmasking with the numbers."""
    person = application.applicant
    registration = needs.latest_submitted(person)
    assessment = verification.latest_assessment(person.id)
    names = dict(db.session.execute(select(User.id, User.name).where(User.id.in_(
        {application.assigned_to_id, profile.identity_checked_by_id} - {None}))).all())
    forms = _forms(application, given_forms)
    refused = error is not None or any(form.errors for form in given_forms.values())
    return render_template(
        "casework/application.html", title=_("Application %(ref)s", ref=application.reference),
        application=application, profile=profile, person=person, numbers=numbers,
        rows=profile_rows(profile, numbers), questions=apply.QUESTIONS[application.opportunity.kind],
        photos=evidence.current(person), documents=evidence.KINDS, registration=registration,
        needs_rows=needs_rows(registration), assessment=assessment, events=apply.timeline(application),
        names=names, identity_status=verification.IDENTITY_STATUS, methods=verification.METHODS,
        capacities=verification.CAPACITIES, forms=forms, error=error, page_error=refused,
        back_url=url_for("casework.queue")), status


@bp.route("/applications/<reference>")
@role_required(*STAFF)
def application(reference: str):
    """Everything needed to decide: answers, profile, photos, checks, needs, assessment, timeline."""
    return _page(*_load(reference))


def _act(reference: str, action, done: str, **kwargs):
    """Run one decision; a refusal shows the page again with the reason and the service's status."""
    application, profile = _load(reference)
    try:
        action(current_user, application, ip=client_ip(), **kwargs)
    except DomainError as error:
        return _page(application, profile, status=error.status, error=error)
    flash(done, "success")
    return redirect(url_for("casework.application", reference=reference), 303)


@bp.route("/applications/<reference>/claim", methods=["POST"])
@role_required(*STAFF)
def claim(reference: str):
    """Take the application to check it (one caseworker wins when two try at once)."""
    return _act(reference, casework.claim, _("You are now checking this application."))


@bp.route("/applications/<reference>/unclaim", methods=["POST"])
@role_required(*STAFF)
def unclaim(reference: str):
    """Put it back in the queue for someone else."""
    return _act(reference, casework.unclaim, _("The application is back in the queue."))


@bp.route("/applications/<reference>/approve", methods=["POST"])
@role_required(*STAFF)
def approve(reference: str):
    """通过: refused until the person's identity has been verified."""
    return _act(reference, casework.approve, _("Approved. The applicant has been told."))


def _refused(form, error: DomainError):
    """Put the message beside its field when the form has one; else it is for the whole page."""
    field = "text" if error.field == "reason" else error.field
    if field and field in form:
        form[field].errors = [*form[field].errors, str(error.message)]
        return None
    return error


def _with_reason(reference: str, kind: str, form_class, action, done: str):
    """不通过 and 退回补充材料: a reason from the list and/or in the caseworker's words."""
    application, profile = _load(reference)
    form = form_class(prefix=kind)
    form.set_templates(casework.templates(kind))
    if not form.validate_on_submit():
        return _page(application, profile, status=400, **{kind: form})
    try:
        reason = casework.combine_reason(kind, form.template.data, form.text.data)
        action(current_user, application, reason, ip=client_ip())
    except DomainError as error:
        return _page(application, profile, status=error.status, error=_refused(form, error), **{kind: form})
    flash(done, "success")
    return redirect(url_for("casework.application", reference=reference), 303)


@bp.route("/applications/<reference>/reject", methods=["POST"])
@role_required(*STAFF)
def reject(reference: str):
    return _with_reason(reference, "reject", RejectForm, casework.reject,
                        _("Not approved. The applicant has been told why."))


@bp.route("/applications/<reference>/ask", methods=["POST"])
@role_required(*STAFF)
def ask(reference: str):
    return _with_reason(reference, "ask", AskForm, casework.ask,
                        _("Sent back. The applicant has been told what to add."))


@bp.route("/applications/<reference>/reassign", methods=["POST"])
@role_required(*STAFF)
def reassign(reference: str):
    """Hand the application to a colleague of the same district."""
    application, profile = _load(reference)
    form = ReassignForm(prefix="reassign")
    form.assignee.choices = [(str(c.id), c.name) for c in casework.colleagues(current_user)]
    if not form.validate_on_submit():
        return _page(application, profile, status=400, reassign=form)
    try:
        casework.reassign(current_user, application, form.assignee.data, client_ip())
    except DomainError as error:
        return _page(application, profile, status=error.status, error=_refused(form, error), reassign=form)
    flash(_("The application has been handed over."), "success")
    return redirect(url_for("casework.application", reference=reference), 303)


@bp.route("/applications/<reference>/unmask", methods=["POST"])
@role_required(*STAFF)
def unmask(reference: str):
    """查看完整证件号: the page once more with the whole numbers; the look is audited."""
    application, profile = _load(reference)
    return _page(application, profile, numbers=verification.full_numbers(current_user, profile, client_ip()))
