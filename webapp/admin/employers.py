"""用人单位审核: the administrators' list of employers (waiting first), one employer's details,
licence photo and numbers, the numbers corrected, and the decision: verify, or reject with a reason."""
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..employer.account import page_context
from ..employer.forms import NumbersForm, RejectForm
from ..extensions import db
from ..models import DISTRICT_LABELS, Employer, Role
from ..services.common.errors import DomainError
from ..services.employers import verification
from ..web.access import role_required
from ..web.client import client_address, requested_page
from ..web.form_pages import add_error, add_errors, render_form
from . import bp


def _employer(employer_id: int) -> Employer:
    employer = db.session.get(Employer, employer_id)
    if employer is None:
        abort(404)
    return employer


def _page(employer: Employer, numbers_form=None, reject_form=None, status: int | None = None):
    numbers_form = numbers_form or NumbersForm(data={"staff_count": employer.staff_count,
                                                     "disabled_staff": employer.disabled_staff})
    reject_form = reject_form or RejectForm()
    shown = reject_form if any(f.errors for f in reject_form) else numbers_form
    return render_form("admin/employer.html", shown, status=status, title=employer.name, numbers_form=numbers_form,
                       reject_form=reject_form, back_url=url_for("admin.employers"), **page_context(employer))


@bp.route("/employers")
@role_required(Role.ADMIN)
def employers():
    """Every employer, those waiting for verification first; one page at a time."""
    page = verification.listing(requested_page())
    return render_template("admin/employers.html", title=_("Employers"), page=page, district_labels=DISTRICT_LABELS,
                           back_url=url_for("main.me"))


@bp.route("/employers/<int:employer_id>")
@role_required(Role.ADMIN)
def employer(employer_id: int):
    """One employer: details, licence photo, numbers, and the decision."""
    return _page(_employer(employer_id))


@bp.route("/employers/<int:employer_id>/verify", methods=["POST"])
@role_required(Role.ADMIN)
def employer_verify(employer_id: int):
    row = _employer(employer_id)
    try:
        verification.verify(current_user, row, client_address())
    except DomainError as error:
        flash(str(error.message), "error")
    else:
        flash(_("%(name)s is verified. Its jobs can be published.", name=row.name), "success")
    return redirect(url_for("admin.employer", employer_id=row.id), 303)


@bp.route("/employers/<int:employer_id>/reject", methods=["POST"])
@role_required(Role.ADMIN)
def employer_reject(employer_id: int):
    row = _employer(employer_id)
    form = RejectForm()
    if form.validate_on_submit():
        try:
            verification.reject(current_user, row, form.reason.data, client_address())
        except DomainError as error:
            add_error(form, error)
        else:
            flash(_("%(name)s is not verified. Its page shows your reason.", name=row.name), "success")
            return redirect(url_for("admin.employer", employer_id=row.id), 303)
    return _page(row, reject_form=form, status=422)


@bp.route("/employers/<int:employer_id>/numbers", methods=["POST"])
@role_required(Role.ADMIN)
def employer_numbers(employer_id: int):
    """Correct the staff numbers the employer gave; recorded as the administrator's."""
    row = _employer(employer_id)
    form = NumbersForm()
    if form.validate_on_submit():
        try:
            verification.correct_numbers(current_user, row, form.staff_count.data, form.disabled_staff.data,
                                         client_address())
        except DomainError as error:
            add_errors(form, error)
        else:
            flash(_("The numbers are corrected."), "success")
            return redirect(url_for("admin.employer", employer_id=row.id), 303)
    return _page(row, numbers_form=form, status=422)
