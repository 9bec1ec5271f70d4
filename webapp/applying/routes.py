"""Thin views for applying: eligibility, questions, check answers, submit, confirmation, withdrawal.

What a page offers comes from `rules.allowed_actions`; the same rule refuses the POST otherwise.
"""
from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..extensions import db
from ..models import JOB, SUBSIDY, Opportunity
from ..profile.answers import answer_rows
from ..services.applications import drafts, fit, lookup, machine, passport, questions, requests
from ..services.applications.rules import Action, allowed_actions
from ..services.common.errors import DomainError
from ..services.identity import profiles
from ..services.subsidies import photos as subsidy_photos
from ..web.access import person_required
from ..web.client import client_address
from . import bp


def _public(opportunity_id: int) -> Opportunity:
    opportunity = db.session.get(Opportunity, opportunity_id)
    if opportunity is None or not opportunity.status.is_public:
        abort(404)
    return opportunity


def own_application(reference: str):
    """The acting person's application and what they may do with it, or 404 (also for anyone else's)."""
    application = lookup.for_person(g.acting.person, reference)
    if application is None:
        abort(404)
    return application, allowed_actions(application, g.acting.actor)


@bp.route("/apply/<int:opportunity_id>", methods=["GET", "POST"])
@person_required
def start(opportunity_id: int):
    """Step 1: can I apply? Then confirm the profile details and start the draft."""
    opportunity = _public(opportunity_id)
    person = g.acting.person
    if request.method == "POST":
        try:
            application = drafts.start(g.acting, opportunity, client_address())
        except DomainError as error:
            flash(str(error.message), "error")
            return redirect(url_for("applying.start", opportunity_id=opportunity.id), 303)
        return redirect(url_for("applying.answers", reference=application.reference), 303)
    existing = drafts.existing_application(person, opportunity)
    if existing is not None and Action.SUBMIT in allowed_actions(existing, g.acting.actor):
        return redirect(url_for("applying.answers", reference=existing.reference))
    found = drafts.problems(person, opportunity)
    return render_template("applying/start.html", title=_("Apply"), opportunity=opportunity,
                           problems=found, rows=answer_rows(profiles.profile_of(person)),
                           fit_notes=fit.for_person(person, opportunity))


@bp.route("/me/applications/<reference>/answers", methods=["GET", "POST"])
@person_required
def answers(reference: str):
    """Step 2: the questions this kind of opportunity asks."""
    application, actions = own_application(reference)
    if Action.EDIT not in actions:
        return redirect(url_for("applying.detail", reference=reference))
    if application.opportunity.kind == SUBSIDY:
        from .subsidy import answers as subsidy_answers

        return subsidy_answers(application, actions)
    asked = questions.for_application(application)
    is_job = application.opportunity.kind == JOB
    values, error = dict(application.answers or {}), None
    if is_job:
        values["shared"] = passport.chosen(application)
    if request.method == "POST":
        values = {"shared": request.form.getlist("shared")} if is_job else \
            {field: request.form.get(field, "") for field in asked}
        try:
            drafts.save_answers(g.acting, application, values, client_address())
        except DomainError as caught:
            error = caught
        else:
            return redirect(url_for("applying.check", reference=reference), 303)
    return render_template("applying/answers.html", title=_("Your answers"), application=application,
                           questions=asked, values=values, error=error, page_error=error is not None,
                           passport=passport if is_job else None,
                           resubmitting=Action.RESUBMIT in actions,
                           asked=requests.latest(application) if Action.RESUBMIT in actions else None,
                           back_url=url_for("applying.start", opportunity_id=application.opportunity_id)), \
        (error.status if error else 200)


@bp.route("/me/applications/<reference>/check", methods=["GET", "POST"])
@person_required
def check(reference: str):
    """Step 3: check the answers, then send the application (again, after a request for more)."""
    application, actions = own_application(reference)
    if Action.EDIT not in actions:
        return redirect(url_for("applying.detail", reference=reference))
    if request.method == "POST":
        send = machine.resubmit if Action.RESUBMIT in actions else machine.submit
        try:
            send(g.acting, application)
        except DomainError as error:
            flash(str(error.message), "error")
            return redirect(url_for("applying.check", reference=reference), 303)
        return redirect(url_for("applying.sent", reference=reference), 303)
    return render_template("applying/check.html", title=_("Check and send"), application=application,
                           questions=questions.for_application(application),
                           shared=passport.chosen_labels(passport.chosen(application))
                           if application.opportunity.kind == JOB else None,
                           photos=subsidy_photos.of(application) if application.opportunity.kind == SUBSIDY else None,
                           back_url=url_for("applying.subsidy_photos" if application.opportunity.kind == SUBSIDY
                                            else "applying.answers", reference=reference))


@bp.route("/me/applications/<reference>/sent")
@person_required
def sent(reference: str):
    """Confirmation: the reference number and what happens next."""
    application, _actions = own_application(reference)
    return render_template("applying/sent.html", title=_("Application sent"), application=application)


@bp.route("/me/applications/<reference>/withdraw", methods=["GET", "POST"])
@person_required
def withdraw(reference: str):
    """Confirm, then withdraw."""
    application, actions = own_application(reference)
    if request.method == "POST":
        try:
            machine.withdraw(g.acting, application, request.form.get("reason"))
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(_("The application has been withdrawn."), "success")
        return redirect(url_for("applying.detail", reference=reference), 303)
    if Action.WITHDRAW not in actions:
        return redirect(url_for("applying.detail", reference=reference))
    return render_template("applying/withdraw.html", title=_("Withdraw the application"), application=application,
                           back_url=url_for("applying.detail", reference=reference))
