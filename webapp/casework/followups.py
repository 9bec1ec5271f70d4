"""回访: the follow-up visits due after a hire (overdue ones counted at the top and said in words),
recording a visit, and recording employment a person found outside the service."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField, TextAreaField

from ..services.casework import followups, scope
from ..services.common.errors import DomainError
from ..web.access import role_required
from ..web.client import client_address, requested_page
from ..web.form_pages import add_error, render_form
from . import bp
from .routes import STAFF

DAY_HINT = _l("Year, month and day, for example 2026-12-10.")


class VisitForm(FlaskForm):
    follow_up = HiddenField()
    done_on = StringField(_l("Day of the visit"), render_kw={"inputmode": "numeric", "autocomplete": "off",
                                                             "maxlength": 20})
    notes = TextAreaField(_l("What you found (optional)"), render_kw={"maxlength": 2000, "rows": 3})


class EmploymentForm(FlaskForm):
    employer_name = StringField(_l("Employer"), render_kw={"maxlength": 100})
    since = StringField(_l("Working there since"), render_kw={"inputmode": "numeric", "autocomplete": "off",
                                                              "maxlength": 20})


def _list(failed=None, status: int = 200):
    page, overdue = followups.due(current_user, requested_page())
    forms = {item.follow_up.id: VisitForm(prefix=f"v{item.follow_up.id}", formdata=None) for item in page.items}
    if failed is not None and int(failed.follow_up.data) in forms:
        forms[int(failed.follow_up.data)] = failed
    for follow_up_id, form in forms.items():
        form.follow_up.data = str(follow_up_id)
    return render_template("casework/followups.html", title=_("Follow-up visits"), page=page, overdue=overdue,
                           forms=forms, day_hint=DAY_HINT, back_url=url_for("casework.queue")), status


@bp.route("/followups")
@role_required(*STAFF)
def followups_due():
    """The visits still to make in the district, soonest first; the overdue ones counted first."""
    return _list()


@bp.route("/followups/visit", methods=["POST"])
@role_required(*STAFF)
def record_visit():
    """Record one visit made (its day and what was found), with an audit row."""
    follow_up = followups.follow_up_for(current_user, request.form.get("follow_up", type=int))
    if follow_up is None:
        abort(404)
    form = VisitForm(prefix=f"v{follow_up.id}")
    form.follow_up.data = str(follow_up.id)
    if form.validate_on_submit():
        try:
            followups.record_visit(current_user, follow_up, form.done_on.data, form.notes.data, client_address())
        except DomainError as error:
            add_error(form, error)
        else:
            flash(_("The visit is recorded."), "success")
            return redirect(url_for("casework.followups_due"), 303)
    return _list(form, 422)


@bp.route("/people/<int:user_id>/employment", methods=["GET", "POST"])
@role_required(*STAFF)
def record_employment(user_id: int):
    """Employment the person found without the service: it counts as employed on the dashboard."""
    found = scope.person_for(current_user, user_id)
    if found is None:
        abort(404)
    person, profile = found
    form = EmploymentForm()
    if form.validate_on_submit():
        try:
            followups.record_employment(current_user, person, form.employer_name.data, form.since.data,
                                        client_address())
        except DomainError as error:
            add_error(form, error)
        else:
            flash(_("The employment is recorded. It counts in the employment rate."), "success")
            return redirect(url_for("casework.followups_due"), 303)
    return render_form("casework/employment.html", form,
                       title=_("Record employment: %(name)s", name=profile.full_name or person.name),
                       person=person, day_hint=DAY_HINT, back_url=url_for("casework.followups_due"))
