"""Thin views for staff: the district's feedback waiting for a reply (overdue ones counted first
and said in words), replying, the call-backs after poor ratings, and the administrator's figures
per district. Anything outside a caseworker's district answers 404."""
from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..casework.routes import STAFF
from ..models import Role
from ..services.common import dates
from ..services.common.errors import DomainError
from ..services.feedback import ratings, replies, report
from ..web.access import role_required
from ..web.client import client_address, requested_page
from ..web.form_pages import add_error, render_form
from . import bp
from .forms import CallForm, ReplyForm


@bp.route("/casework/feedback")
@role_required(*STAFF)
def queue():
    """Questions, needs and complaints to answer, the soonest due first."""
    found, overdue = replies.waiting(current_user, requested_page())
    return render_template("feedback/queue.html", title=_("Feedback to answer"), found=found, overdue=overdue,
                           call_backs=ratings.open_call_backs(current_user), back_url=url_for("main.me"))


@bp.route("/casework/feedback/<int:feedback_id>", methods=["GET", "POST"])
@role_required(*STAFF)
def answer(feedback_id: int):
    """One feedback with its clock; the reply, written once, goes to the person's notices."""
    found = replies.feedback_for(current_user, feedback_id)
    if found is None:
        abort(404)
    feedback, profile = found
    form = ReplyForm()
    if not feedback.is_answered and form.validate_on_submit():
        try:
            replies.reply(current_user, feedback, form.reply.data, client_address())
        except DomainError as error:
            add_error(form, error)
        else:
            flash(_("The reply is sent. The person reads it in their notices."), "success")
            return redirect(url_for("feedback.queue"), 303)
    elif feedback.is_answered and form.is_submitted():
        add_error(form, replies.AlreadyAnswered(_("This has already been answered.")))
    return render_form("feedback/answer.html", form, title=_("%(kind)s from %(name)s", kind=feedback.kind.label,
                                                             name=feedback.person.name),
                       feedback=feedback, district=replies.district_label(profile.district if profile else None), overdue=feedback.overdue_on(dates.today()),
                       replied_by=replies.replied_by(feedback), back_url=url_for("feedback.queue"))


@bp.route("/casework/callbacks")
@role_required(*STAFF)
def call_backs():
    """Call-backs to make after a poor rating, the oldest first."""
    return render_template("feedback/call_backs.html", title=_("Call-backs after a poor rating"),
                           found=ratings.to_call(current_user, requested_page()), back_url=url_for("feedback.queue"))


@bp.route("/casework/callbacks/<int:call_back_id>", methods=["GET", "POST"])
@role_required(*STAFF)
def call_back(call_back_id: int):
    """The rating, the person's number, and recording the call (when, by whom, what was said)."""
    found = ratings.call_back_for(current_user, call_back_id)
    if found is None:
        abort(404)
    form = CallForm()
    if not found.call_back.is_done and form.validate_on_submit():
        try:
            ratings.record_call(current_user, found.call_back, form.notes.data, client_address())
        except DomainError as error:
            add_error(form, error)
        else:
            flash(_("The call is recorded."), "success")
            return redirect(url_for("feedback.call_backs"), 303)
    elif found.call_back.is_done and form.is_submitted():
        add_error(form, ratings.AlreadyRated(_("This call is already recorded.")))
    profile = replies.profile_of(found.person)
    return render_form("feedback/call_back.html", form, title=_("Call back %(name)s", name=found.person.name),
                       item=found, profile=profile, back_url=url_for("feedback.call_backs"))


@bp.route("/admin/feedback")
@role_required(Role.ADMIN)
def report_page():
    """Per district: received, answered, overdue, days to reply, ratings; then the overdue replies."""
    rows = report.per_district()
    return render_template("feedback/report.html", title=_("Feedback and ratings"), rows=rows,
                           total=report.totals(rows), overdue=report.overdue(current_user, requested_page()),
                           working_days=current_app.config["FEEDBACK_REPLY_WORKING_DAYS"],
                           back_url=url_for("main.me"))
