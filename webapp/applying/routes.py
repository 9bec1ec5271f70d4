"""Thin views for applying: eligibility, questions, check answers, submit, confirmation."""
from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..acting import person_required
from ..extensions import db
from ..forms import client_ip
from ..models import Opportunity
from ..services import applications, apply
from ..services.errors import DomainError
from . import bp


def _published(opportunity_id: int) -> Opportunity:
    opportunity = db.session.get(Opportunity, opportunity_id)
    if opportunity is None or opportunity.status == "draft":
        abort(404)
    return opportunity


@bp.route("/apply/<int:opportunity_id>", methods=["GET", "POST"])
@person_required
def start(opportunity_id: int):
    """Step 1: can I apply? Then confirm the profile details and start the draft."""
    opportunity = _published(opportunity_id)
    person = g.acting.person
    if request.method == "POST":
        try:
            application = apply.start(g.acting, opportunity, client_ip())
        except DomainError as error:
            flash(str(error.message), "error")
            return redirect(url_for("applying.start", opportunity_id=opportunity.id), 303)
        return redirect(url_for("applying.answers", reference=application.reference), 303)
    existing = apply.existing_application(person, opportunity)
    if existing is not None and existing.status == "draft":
        return redirect(url_for("applying.answers", reference=existing.reference))
    from ..profile.answers import answer_rows
    from ..services import profiles

    found = apply.problems(person, opportunity)
    return render_template("applying/start.html", title=_("Apply"), opportunity=opportunity,
                           problems=found, rows=answer_rows(profiles.profile_of(person)),
                           page_error=bool(found))


def _mine(reference: str):
    """The acting person's application, or 404 (also for anyone else's)."""
    application = apply.for_person(g.acting.person, reference)
    if application is None:
        abort(404)
    return application


@bp.route("/me/applications/<reference>/answers", methods=["GET", "POST"])
@person_required
def answers(reference: str):
    """Step 2: the questions this kind of opportunity asks."""
    application = _mine(reference)
    if application.status not in ("draft", "needs_info"):
        return redirect(url_for("applying.detail", reference=reference))
    questions = apply.QUESTIONS[application.opportunity.kind]
    values = dict(application.answers or {})
    error = None
    if request.method == "POST":
        values = {field: request.form.get(field, "") for field in questions}
        try:
            apply.save_answers(g.acting, application, values, client_ip())
        except DomainError as caught:
            error = caught
        else:
            return redirect(url_for("applying.check", reference=reference), 303)
    return render_template("applying/answers.html", title=_("Your answers"), application=application,
                           questions=questions, values=values, error=error, page_error=error is not None,
                           back_url=url_for("applying.start", opportunity_id=application.opportunity_id)), \
        (error.status if error else 200)


@bp.route("/me/applications/<reference>/check", methods=["GET", "POST"])
@person_required
def check(reference: str):
    """Step 3: check the answers, then send the application."""
    application = _mine(reference)
    if application.status not in ("draft", "needs_info"):
        return redirect(url_for("applying.detail", reference=reference))
    if request.method == "POST":
        try:
            if application.status == "needs_info":
                applications.resubmit(g.acting, application)
            else:
                applications.submit(g.acting, application)
        except DomainError as error:
            flash(str(error.message), "error")
            return redirect(url_for("applying.check", reference=reference), 303)
        return redirect(url_for("applying.sent", reference=reference), 303)
    return render_template("applying/check.html", title=_("Check and send"), application=application,
                           questions=apply.QUESTIONS[application.opportunity.kind],
                           back_url=url_for("applying.answers", reference=reference))


@bp.route("/me/applications/<reference>/sent")
@person_required
def sent(reference: str):
    """Confirmation: the reference number and what happens next."""
    application = _mine(reference)
    return render_template("applying/sent.html", title=_("Application sent"), application=application)


@bp.route("/me/applications/<reference>/withdraw", methods=["GET", "POST"])
@person_required
def withdraw(reference: str):
    """Confirm, then withdraw."""
    application = _mine(reference)
    if request.method == "POST":
        try:
            applications.withdraw(g.acting, application, request.form.get("reason"))
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(_("The application has been withdrawn."), "success")
        return redirect(url_for("applying.detail", reference=reference), 303)
    if application.status not in applications.WITHDRAWABLE:
        return redirect(url_for("applying.detail", reference=reference))
    return render_template("applying/withdraw.html", title=_("Withdraw the application"), application=application,
                           back_url=url_for("applying.detail", reference=reference))
