"""An employer's applicants: the list of applications to its jobs, one application (only what the
person chose to share; every view audited), and its decisions. Another employer's application,
like anyone else's, answers 404; what may be done is asked of `rules.allowed_actions`."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import SelectChoice

from ..models import Role
from ..models import ApplicationStatus as S
from ..services.applications import for_employers, machine, passport
from ..services.applications.rules import allowed_actions
from ..services.common.errors import DomainError
from ..web.access import role_required
from ..web.client import client_address
from ..web.form_pages import add_error
from . import bp
from .applicant_forms import ApplicantFilterForm, InviteForm, RejectForm


def _employer():
    found = for_employers.employer_of(current_user)
    if found is None:
        abort(404)
    return found


@bp.route("/applications")
@role_required(Role.EMPLOYER)
def applications():
    """All applications to this employer's jobs, filtered by job and status, a page at a time."""
    employer = _employer()
    jobs = for_employers.jobs_of(employer)
    form = ApplicantFilterForm(request.args)
    form.job.choices = [SelectChoice("", _("All jobs")), *(SelectChoice(str(i), title) for i, title in jobs)]
    job_id = request.args.get("job", type=int)
    job_id = job_id if job_id in {i for i, _title in jobs} else None
    status = request.args.get("status", "")
    status = S(status) if status in for_employers.SEEN else None
    page = for_employers.applications(employer, job_id, status, request.args.get("page", 1, type=int))
    return render_template("employer/applications.html", title=_("Applicants"), form=form, page=page,
                           args={"job": job_id or "", "status": status or ""})


def _load(reference: str):
    application = for_employers.one(_employer(), reference)
    if application is None:
        abort(404)
    return application


def _page(application, status: int = 200, invite=None, reject=None):
    return render_template("employer/application.html", title=_("Applicant"), application=application,
                           actions=allowed_actions(application, current_user),
                           shared=passport.for_employer(application),
                           interview=for_employers.interview_of(application),
                           invite=invite or InviteForm(formdata=None), reject=reject or RejectForm(formdata=None),
                           back_url=url_for("employer.applications")), status


@bp.route("/applications/<reference>")
@role_required(Role.EMPLOYER)
def application(reference: str):
    """One applicant: their name, what they shared, the interview, the decisions; the view is audited."""
    found = _load(reference)
    for_employers.viewed(current_user, found, client_address())
    return _page(found)


def _step(reference: str, step, done: str):
    """One button's decision; a refusal shows the page again with the reason."""
    found = _load(reference)
    try:
        step(current_user, found)
    except DomainError as error:
        flash(str(error.message), "error")
        return _page(found, error.status)
    flash(done, "success")
    return redirect(url_for("employer.application", reference=reference), 303)


@bp.route("/applications/<reference>/shortlist", methods=["POST"])
@role_required(Role.EMPLOYER)
def shortlist(reference: str):
    """Put the applicant on the shortlist."""
    return _step(reference, machine.shortlist, _("Added to the shortlist. The applicant has been told."))


@bp.route("/applications/<reference>/offer", methods=["POST"])
@role_required(Role.EMPLOYER)
def offer(reference: str):
    """Offer the job; the applicant accepts or declines it in the service."""
    return _step(reference, machine.offer, _("Job offered. The applicant has been told and will answer in the service."))


@bp.route("/applications/<reference>/invite", methods=["POST"])
@role_required(Role.EMPLOYER)
def invite(reference: str):
    """Invite to an interview: day, time, place, arrangements, interpreter."""
    found, form = _load(reference), InviteForm()
    if form.validate_on_submit():
        try:
            machine.invite(current_user, found, day=form.day.data, time=form.time.data, place=form.place.data,
                           arrangements=form.arrangements.data, interpreter=form.interpreter.data)
        except DomainError as error:
            add_error(form, error)
        else:
            flash(_("Invitation sent. The applicant has been told the day, the place and the arrangements."), "success")
            return redirect(url_for("employer.application", reference=reference), 303)
    return _page(found, getattr(form, "refusal_status", 422), invite=form)


@bp.route("/applications/<reference>/reject", methods=["POST"])
@role_required(Role.EMPLOYER)
def reject(reference: str):
    """Not this applicant, with the reason they will read."""
    found, form = _load(reference), RejectForm()
    if form.validate_on_submit():
        try:
            machine.reject_by_employer(current_user, found, form.reason.data)
        except DomainError as error:
            add_error(form, error)
        else:
            flash(_("The applicant has been told, with your reason."), "success")
            return redirect(url_for("employer.application", reference=reference), 303)
    return _page(found, getattr(form, "refusal_status", 422), reject=form)
