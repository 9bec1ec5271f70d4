"""Thin views for jobseekers: the jobs list (the filters of the 培训 tab), a job's page, and jobs that fit."""
from flask import abort, g, render_template, request, url_for
from flask_babel import gettext as _

from ..find.routes import detail_context, finding_words, listing_page
from ..models import JOB
from ..services.common import dates
from ..services.graduates import reserved
from ..services.jobs import finding as fit
from ..services.opportunities import finding
from ..web.access import person_required
from ..web.client import requested_page
from . import bp
from .forms import JobFilterForm

bp.context_processor(finding_words)


@bp.route("")
def index():
    """Published jobs with search, filters and pages (htmx swaps only the results)."""
    return listing_page("jobs.index", JobFilterForm(request.args), (JOB,), _("Jobs"), "jobs/index.html")


@bp.route("/<int:opportunity_id>")
def job(opportunity_id: int):
    """One job: what the work is, pay, place, support offered, and how to apply."""
    item = finding.listed(opportunity_id, (JOB,))
    if item is None:
        abort(404)
    return render_template("jobs/job.html", title=item.title, back_url=url_for("jobs.index"),
                           **detail_context(item))


@bp.route("/fit")
@person_required
def fitting():
    """Jobs that fit the person acted for, from their newest needs registration, best fit first."""
    person, today = g.acting.person, dates.today()
    needs = fit.registration_of(person)
    found = fit.fitting_jobs(needs, requested_page(), today=today, graduate=reserved.in_ledger(person)) \
        if needs else None
    return render_template("jobs/fit.html", title=_("Jobs that fit me"), needs=needs, found=found, today=today,
                           back_url=url_for("jobs.index"))
