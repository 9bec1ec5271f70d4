"""Thin views for job fairs: the public calendar and page, staff's forms and registrations, an
employer joining, a jobseeker registering."""
from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import SelectChoice

from ..models import DISTRICT_LABELS, FairStatus, Role
from ..services.common.dates import today
from ..services.common.errors import DomainError
from ..services.fairs import editing, listing, taking_part
from ..vocab import FAIR_SUPPORT, VENUE_ACCESSIBILITY, labels
from ..web.access import person_required, role_required
from ..web.client import client_address, requested_page
from ..web.form_pages import add_error, add_errors, render_form
from . import bp
from .forms import FairForm, JoinForm, RegisterForm

STAFF = (Role.ADMIN, Role.CASEWORKER)
MOVED = {"publish": _l("Published. People can now see the fair and register."),
         "close": _l("Closed. The fair stays listed, but no one can join or register."),
         "unpublish": _l("Taken back to draft. The public can no longer see it.")}


def job_href(job_id: int) -> str:
    """The job's page."""
    return url_for("jobs.job", opportunity_id=job_id)


def _words():
    return {"districts": DISTRICT_LABELS, "venue_words": VENUE_ACCESSIBILITY, "support_words": FAIR_SUPPORT,
            "today": today(), "job_href": job_href, "labels": labels}


def _public(fair_id: int):
    fair = listing.public_fair(fair_id)
    if fair is None:
        abort(404)
    return fair


def _held(fair_id: int):
    fair = editing.fair_for_staff(current_user, fair_id)
    if fair is None:
        abort(404)
    return fair


@bp.route("")
def index():
    """Published fairs, upcoming first, then past ones."""
    return render_template("fairs/index.html", title=_("Job fairs"), page=listing.public(requested_page()),
                           back_url=url_for("main.home"), **_words())


@bp.route("/<int:fair_id>")
def detail(fair_id: int):
    """One fair in words, with the jobs shown there."""
    fair = _public(fair_id)
    return render_template("fairs/detail.html", title=fair.title, fair=fair, jobs=listing.jobs_at(fair),
                           open=taking_part.open_to_join(fair), back_url=url_for("fairs.index"), **_words())


@bp.route("/manage")
@role_required(*STAFF)
def manage():
    """The fairs this member of staff holds, drafts included."""
    return render_template("fairs/manage.html", title=_("Manage job fairs"),
                           page=listing.held_by(current_user, requested_page()), back_url=url_for("main.me"),
                           **_words())


@bp.route("/new", methods=["GET", "POST"])
@role_required(*STAFF)
def new():
    """A new fair, saved as a draft."""
    form = FairForm(district=current_user.district)
    if form.validate_on_submit():
        try:
            fair = editing.create(current_user, form.data, client_address())
        except DomainError as error:
            add_errors(form, error)
        else:
            flash(_("Saved as a draft. Check it, then publish it."), "success")
            return redirect(url_for("fairs.edit", fair_id=fair.id), 303)
    return render_form("fairs/form.html", form, title=_("New job fair"), back_url=url_for("fairs.manage"))


@bp.route("/<int:fair_id>/edit", methods=["GET", "POST"])
@role_required(*STAFF)
def edit(fair_id: int):
    """Change a fair; every change is recorded."""
    fair = _held(fair_id)
    form = FairForm(obj=fair, date=fair.date.isoformat())
    if form.validate_on_submit():
        try:
            editing.update_fair(current_user, fair, form.data, client_address())
        except DomainError as error:
            add_errors(form, error)
        else:
            flash(_("Changes saved."), "success")
            return redirect(url_for("fairs.edit", fair_id=fair.id), 303)
    return render_form("fairs/form.html", form, title=_("Edit job fair"), fair=fair, public=fair.status is not FairStatus.DRAFT,
                       moves=editing.allowed_moves(fair), back_url=url_for("fairs.manage"))


@bp.route("/<int:fair_id>/<action>", methods=["POST"])
@role_required(*STAFF)
def move(fair_id: int, action: str):
    """Publish, close, or take back to draft."""
    if action not in editing.MOVES:
        abort(404)
    fair = _held(fair_id)
    try:
        editing.move(current_user, fair, action, client_address())
    except DomainError as error:
        flash(str(error.message), "error")
    else:
        flash(str(MOVED[action]), "success")
    return redirect(url_for("fairs.edit", fair_id=fair.id), 303)


@bp.route("/<int:fair_id>/join", methods=["GET", "POST"])
@role_required(Role.EMPLOYER)
def join(fair_id: int):
    """A verified employer takes part and picks which published jobs to show."""
    fair = _public(fair_id)
    employer = taking_part.employer_of(current_user)
    if employer is None:
        abort(404)
    jobs = taking_part.published_jobs(employer)
    form = JoinForm()
    form.jobs.choices = [SelectChoice(str(job.id), job.title) for job in jobs]
    if request.method == "GET":
        form.jobs.data = [str(job_id) for job_id in taking_part.shown_job_ids(fair, employer)]
    if form.validate_on_submit():
        try:
            taking_part.join(employer, fair, form.jobs.data, client_address())
        except DomainError as error:
            add_error(form, error)
        else:
            flash(_("You are taking part. The jobs you chose are shown on the fair's page."), "success")
            return redirect(url_for("fairs.detail", fair_id=fair.id), 303)
    return render_form("fairs/join.html", form, title=_("Take part in %(fair)s", fair=fair.title), fair=fair,
                       employer=employer, has_jobs=bool(jobs), open=taking_part.open_to_join(fair),
                       back_url=url_for("fairs.detail", fair_id=fair.id))


@bp.route("/<int:fair_id>/register", methods=["GET", "POST"])
@person_required
def register(fair_id: int):
    """Register the person acted for, and ask for support to take part."""
    fair = _public(fair_id)
    found = taking_part.registration(fair, g.acting.person)
    form = RegisterForm(data={"support": list(found.support)} if found and request.method == "GET" else None)
    if form.validate_on_submit():
        try:
            taking_part.register(g.acting, fair, form.support.data, client_address())
        except DomainError as error:
            add_error(form, error)
        else:
            flash(_("Registered. You can change the support asked for or cancel until the day."), "success")
            return redirect(url_for("fairs.mine"), 303)
    return render_form("fairs/register.html", form, title=_("Register for %(fair)s", fair=fair.title), fair=fair,
                       registration=found, open=taking_part.open_to_join(fair),
                       back_url=url_for("fairs.detail", fair_id=fair.id), **_words())


@bp.route("/<int:fair_id>/cancel", methods=["POST"])
@person_required
def cancel(fair_id: int):
    """Cancel the registration of the person acted for."""
    fair = _public(fair_id)
    try:
        taking_part.cancel(g.acting, fair, client_address())
    except DomainError as error:
        flash(str(error.message), "error")
    else:
        flash(_("Registration cancelled."), "success")
    return redirect(url_for("fairs.mine"), 303)


@bp.route("/mine")
@person_required
def mine():
    """The fairs the person acted for registered for."""
    return render_template("fairs/mine.html", title=_("My job fairs"),
                           page=listing.of_person(g.acting.person, requested_page()),
                           back_url=url_for("main.me"), **_words())


@bp.route("/<int:fair_id>/registrations", methods=["GET", "POST"])
@role_required(*STAFF)
def registrations(fair_id: int):
    """Who registered and the support asked for; after the day, who attended."""
    fair = _held(fair_id)
    if request.method == "POST":
        try:
            taking_part.record_attendance(current_user, fair, _number(request.form.get("registration")),
                                          request.form.get("attended") == "yes", client_address())
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(_("Attendance recorded."), "success")
        return redirect(url_for("fairs.registrations", fair_id=fair.id, page=requested_page()), 303)
    return render_template("fairs/registrations.html", title=_("Registrations for %(fair)s", fair=fair.title),
                           fair=fair, page=listing.registrations(fair, requested_page()),
                           back_url=url_for("fairs.edit", fair_id=fair.id), **_words())


def _number(raw) -> int:
    return int(raw) if raw and str(raw).isdigit() else 0
