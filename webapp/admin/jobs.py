"""Thin views for the city's list of employers' jobs and taking one down with a reason."""
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import TextAreaField

from ..models import Role
from ..services.common import dates
from ..services.common.errors import DomainError
from ..services.jobs import moderation
from ..web.access import role_required
from ..web.client import client_address, requested_page
from ..web.form_pages import add_error, render_form
from . import bp


class UnpublishForm(FlaskForm):
    reason = TextAreaField(_l("Why the job is taken down"),
                           description=_l("The employer reads this on their list of jobs. Say what to change."))


@bp.route("/jobs")
@role_required(Role.ADMIN)
def jobs():
    """Every employer's job, newest first."""
    return render_template("admin/jobs.html", title=_("Employers' jobs"), found=moderation.all_jobs(requested_page()),
                           today=dates.today(), back_url=url_for("main.me"))


@bp.route("/jobs/<int:opportunity_id>/unpublish", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def unpublish_job(opportunity_id: int):
    """Take a job down; the reason is required and shown to the employer."""
    job = moderation.job(opportunity_id)
    if job is None:
        abort(404)
    form = UnpublishForm()
    if form.validate_on_submit():
        try:
            moderation.unpublish(current_user, job, form.reason.data, client_address())
        except DomainError as error:
            add_error(form, error)
        else:
            flash(_("Taken down. The employer sees your reason on their list of jobs."), "success")
            return redirect(url_for("admin.jobs"), 303)
    return render_form("admin/job_unpublish.html", form, title=_("Take down a job"), job=job,
                       back_url=url_for("admin.jobs"))
