"""Thin views for an employer's job posts: the list, a new job and editing one."""
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from ..models import Role
from ..services.common import dates
from ..services.common.errors import DomainError
from ..services.jobs import posting
from ..web.access import role_required
from ..web.client import client_address, requested_page
from ..web.form_pages import add_errors, render_form
from . import bp
from .access import current_employer
from .job_forms import SECTIONS, JobForm


def _sections(employer):
    """The form's sections; the state rule's box only for the employers it is for."""
    if employer.org_type in posting.STATE_ORG_TYPES:
        return SECTIONS
    return [(heading, tuple(name for name in names if name != "state_reserved")) for heading, names in SECTIONS]


def _saved_message(employer, job) -> str:
    if job.status.is_public:
        return _("Saved and published. Jobseekers can find it now.")
    if job.unpublished_reason:
        return _("Saved. The city took this job down, so it stays hidden until the city publishes it again.")
    if not employer.is_verified:
        return _("Saved. Your jobs are published once the city verifies your organisation.")
    return _("Saved.")


def _save(form, employer, save):
    """save(employer, data, ip); then the list with a message saying where the job stands, or
    None with the refusals beside their fields."""
    try:
        job = save(employer, form.data, client_address())
    except DomainError as error:
        add_errors(form, error)
        return None
    flash(_saved_message(employer, job), "success")
    return redirect(url_for("employer.jobs"), 303)


@bp.route("/jobs")
@role_required(Role.EMPLOYER)
def jobs():
    """The employer's own jobs, newest first, each with its status in words."""
    employer = current_employer()
    return render_template("employer/jobs.html", title=_("Our job posts"), employer=employer,
                           found=posting.jobs_of(employer, requested_page()), today=dates.today(),
                           back_url=url_for("main.me"))


@bp.route("/jobs/new", methods=["GET", "POST"])
@role_required(Role.EMPLOYER)
def new_job():
    """A new job post: published at once for a verified employer, else kept until verification."""
    employer = current_employer()
    form = JobForm()
    if form.validate_on_submit() and (done := _save(form, employer, posting.create)):
        return done
    return render_form("employer/job_form.html", form, title=_("New job post"), sections=_sections(employer),
                       employer=employer, back_url=url_for("employer.jobs"))


@bp.route("/jobs/<int:opportunity_id>/edit", methods=["GET", "POST"])
@role_required(Role.EMPLOYER)
def edit_job(opportunity_id: int):
    """Change one of the employer's own jobs (anyone else's answers 404)."""
    employer = current_employer()
    job = posting.job_of(employer, opportunity_id)
    if job is None:
        abort(404)
    form = JobForm(obj=job)
    save = lambda owner, data, ip: posting.update(owner, job, data, ip)  # the job is this one
    if form.validate_on_submit() and (done := _save(form, employer, save)):
        return done
    return render_form("employer/job_form.html", form, title=_("Edit job post"), sections=_sections(employer),
                       employer=employer, job=job, back_url=url_for("employer.jobs"))
