"""A person's 基础信息核对 (identity check) and 职业能力评估 (ability assessment)."""
from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..models import IdentityStatus
from ..services.casework import assessments, scope, verification
from ..services.common import dates
from ..services.common.errors import DomainError
from ..services.identity import evidence
from ..web.access import role_required
from ..web.client import client_address, safe_next
from ..web.form_pages import add_error, render_form
from . import bp
from .forms import AssessmentForm, VerifyForm
from .routes import STAFF
from .rows import profile_rows


def _person(user_id: int):
    """The applicant and profile, or 404 when out of the user's scope."""
    found = scope.person_for(current_user, user_id)
    if found is None:
        abort(404)
    return found


def _back(form) -> str:
    return safe_next(form.next.data) or url_for("casework.queue")


@bp.route("/people/<int:user_id>/identity", methods=["GET", "POST"])
@role_required(*STAFF)
def verify(user_id: int):
    """Check the ID and certificate numbers against the photos: verified, or not with the reason."""
    person, profile = _person(user_id)
    form = VerifyForm(prefix="verify")
    if form.validate_on_submit():
        try:
            verification.verify_identity(current_user, profile, form.outcome.data == IdentityStatus.VERIFIED,
                                         form.note.data, client_address())
        except DomainError as error:
            add_error(form, error)
        else:
            flash(_("The identity check is recorded."), "success")
            return redirect(_back(form), 303)
    elif request.method == "GET":
        form.next.data = safe_next(request.args.get("next"))
        form.outcome.data, form.note.data = profile.identity_status, profile.identity_note
    title = _("Identity check: %(name)s", name=profile.full_name or person.name)
    return render_form("casework/identity.html", form, title=title, person=person, profile=profile,
                       rows=profile_rows(profile), photos=evidence.current(person), documents=evidence.KINDS,
                       back_url=_back(form))


@bp.route("/people/<int:user_id>/assessment", methods=["GET", "POST"])
@role_required(*STAFF)
def assess(user_id: int):
    """Record a 职业能力评估; its 就业困难 answer becomes the person's current flag."""
    person, profile = _person(user_id)
    form = AssessmentForm(prefix="assess")
    if form.validate_on_submit():
        try:
            assessments.record_assessment(
                current_user, profile, assessed_on=form.assessed_on.data, method=form.method.data,
                work_capacity=form.work_capacity.data, directions=form.directions.data, notes=form.notes.data,
                hard_to_employ=form.hard_to_employ.data, ip=client_address())
        except DomainError as error:
            add_error(form, error)
        else:
            flash(_("The ability assessment is recorded."), "success")
            return redirect(_back(form), 303)
    elif request.method == "GET":
        form.next.data = safe_next(request.args.get("next"))
        form.assessed_on.data = dates.today().isoformat()
        form.hard_to_employ.data = profile.hard_to_employ
    title = _("Ability assessment: %(name)s", name=profile.full_name or person.name)
    return render_form("casework/assess.html", form, title=title, person=person, profile=profile,
                       latest=assessments.latest_assessment(person.id), methods=assessments.METHODS,
                       capacities=assessments.CAPACITIES, back_url=_back(form))
