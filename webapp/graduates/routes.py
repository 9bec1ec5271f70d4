"""Thin views for the graduates' ledger (一人一策): the district's plans, a new plan, one plan with
its actions, contacts and the graduate-reserved jobs to offer first."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..models import Role
from ..services.common.dates import today
from ..services.common.errors import DomainError
from ..services.graduates import ledger, plans, reserved
from ..web.access import role_required
from ..web.client import client_address, requested_page
from ..web.form_pages import add_error, add_errors, render_form
from . import bp
from .forms import ActionForm, ContactForm, PlanForm

STAFF = (Role.CASEWORKER, Role.ADMIN)


def _plan(plan_id: int):
    plan = plans.plan_for(current_user, plan_id)
    if plan is None:
        abort(404)
    return plan


@bp.route("")
@role_required(*STAFF)
def index():
    """The district's plans, overdue steps counted, soonest due first."""
    return render_template("graduates/index.html", title=_("Graduates' plans"),
                           page=ledger.ledger(current_user, requested_page()), today=today(),
                           overdue=ledger.overdue_summary(current_user),
                           back_url=url_for("main.me"))


@bp.route("/new", methods=["GET", "POST"])
@role_required(*STAFF)
def new():
    """A plan for an applicant of the district, picked by phone (or from their page)."""
    form = PlanForm(person_id=request.args.get("person", ""))
    if form.validate_on_submit():
        try:
            plan = plans.start(current_user, form.data, client_address())
        except DomainError as error:
            add_errors(form, error)
        else:
            flash(_("Plan started. Add its first steps."), "success")
            return redirect(url_for("graduates.plan", plan_id=plan.id), 303)
    return render_form("graduates/new.html", form, title=_("New graduate's plan"),
                       back_url=url_for("graduates.index"))


@bp.route("/<int:plan_id>")
@role_required(*STAFF)
def plan(plan_id: int):
    """One plan: its steps, contacts, and the reserved jobs to offer first."""
    return _plan_page(_plan(plan_id))


@bp.route("/<int:plan_id>/actions", methods=["POST"])
@role_required(*STAFF)
def add_action(plan_id: int):
    """Add a step to the plan."""
    found = _plan(plan_id)
    form = ActionForm(prefix="action")
    if form.validate_on_submit():
        try:
            plans.add_action(current_user, found, form.data, client_address())
        except DomainError as error:
            add_errors(form, error)
        else:
            flash(_("Step added."), "success")
            return redirect(url_for("graduates.plan", plan_id=found.id), 303)
    return _plan_page(found, action_form=form)


@bp.route("/<int:plan_id>/actions/<int:action_id>/done", methods=["POST"])
@role_required(*STAFF)
def mark_done(plan_id: int, action_id: int):
    """Mark a step done today."""
    found = _plan(plan_id)
    try:
        plans.mark_done(current_user, found, action_id, client_address())
    except DomainError as error:
        flash(str(error.message), "error")
    else:
        flash(_("Step marked done."), "success")
    return redirect(url_for("graduates.plan", plan_id=found.id), 303)


@bp.route("/<int:plan_id>/contacts", methods=["POST"])
@role_required(*STAFF)
def record_contact(plan_id: int):
    """Record a contact with the person."""
    found = _plan(plan_id)
    form = ContactForm(prefix="contact")
    if form.validate_on_submit():
        try:
            plans.record_contact(current_user, found, form.notes.data, client_address())
        except DomainError as error:
            add_error(form, error)
        else:
            flash(_("Contact recorded."), "success")
            return redirect(url_for("graduates.plan", plan_id=found.id), 303)
    return _plan_page(found, contact_form=form)


def _plan_page(found, action_form=None, contact_form=None):
    from ..fairs.routes import job_href

    action_form = action_form or ActionForm(formdata=None, prefix="action")
    contact_form = contact_form or ContactForm(formdata=None, prefix="contact")
    failed = [form for form in (action_form, contact_form) if any(field.errors for field in form)]
    return render_form("graduates/plan.html", failed[0] if failed else action_form,
                       title=_("Plan of %(name)s", name=found.user.name),
                       plan=found, actions=ledger.actions_of(found), contacts=ledger.contacts_of(found),
                       action_form=action_form, contact_form=contact_form, jobs=reserved.reserved_jobs(),
                       job_href=job_href, today=today(), back_url=url_for("graduates.index"))
