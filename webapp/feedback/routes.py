"""Thin views for the person (or a helper acting for them): send a question, need or complaint,
read one's own with its reply, and rate the service after a reply or a decision.

The form at /feedback is linked from every page's footer and remembers the page it was opened from. A
visitor who is not signed in is asked to sign in (and back to the form), or told to call 12385;
staff and employers are told the form is for jobseekers and their family helpers (403)."""
from urllib.parse import urlsplit

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user

from ..applying.routes import own_application
from ..services.common import dates
from ..services.common.errors import DomainError
from ..services.feedback import ratings, sending
from ..web.access import person_required
from ..web.acting import resolve
from ..web.client import client_address, requested_page, safe_next
from ..web.form_pages import add_error, render_form
from . import bp
from .forms import FeedbackForm, RatingForm


def _came_from(raw) -> str | None:
    """The page the form was opened from, when it is a page of this site (at most 200 characters)."""
    found = safe_next(raw)
    return found if found and len(found) <= 200 and urlsplit(found).path != url_for("feedback.new") else None


def _referred() -> str | None:
    """The page of this site the footer's link was followed from. The footer links to the one URL
    /feedback (cached, and one page for a crawler), and the browser names the page it came from
    (Referrer-Policy: same-origin); a page that links here with ?came_from= says so itself."""
    parts = urlsplit(request.referrer or "")
    if parts.netloc != request.host:
        return None
    return _came_from(parts.path + (f"?{parts.query}" if parts.query else ""))


@bp.route("/feedback", methods=["GET", "POST"])
def new():
    """A question, a need or a complaint, optionally about one of the person's own applications."""
    came_from = _came_from(request.values.get("came_from")) or (_referred() if request.method == "GET" else None)
    if not current_user.is_authenticated:
        return render_template("feedback/sign_in.html", title=_("Questions, needs and complaints"),
                               sign_in=url_for("auth.login", next=url_for("feedback.new", came_from=came_from)),
                               back_url=came_from)
    acting = resolve()
    if acting is None:
        if current_user.is_helper:
            return redirect(url_for("family.choose"))
        abort(403)
    g.acting = acting
    form = FeedbackForm(came_from=came_from)
    form.set_applications(sending.applications_to_choose(acting.person))
    if form.validate_on_submit():
        try:
            feedback = sending.send(acting, form.kind.data, form.body.data, form.application.data or None,
                                    came_from, client_address())
        except DomainError as error:
            add_error(form, error)
        else:
            flash(_("Sent. A caseworker will reply by %(date)s. The reply comes to your notices.",
                    date=format_date(feedback.due_on)), "success")
            return redirect(url_for("feedback.detail", feedback_id=feedback.id), 303)
    return render_form("feedback/new.html", form, title=_("Questions, needs and complaints"),
                       back_url=came_from or url_for("feedback.mine"))


@bp.route("/me/feedback")
@person_required
def mine():
    """The person's questions, needs and complaints, newest first, each answered or when it is due."""
    found = sending.mine(g.acting.person, requested_page())
    title = _("My questions and complaints")
    if found.number > 1:
        title = _("%(title)s, page %(page)d of %(pages)d", title=title, page=found.number, pages=found.pages)
    return render_template("feedback/mine.html", title=title, found=found,
                           rated=ratings.ratings_of(g.acting.person), today=dates.today(), back_url=url_for("main.me"))


def _own(feedback_id: int):
    feedback = sending.own(g.acting.person, feedback_id)
    if feedback is None:
        abort(404)
    return feedback


def _detail(feedback, form=None, status: int = 200):
    rating = ratings.rating_of(feedback=feedback)
    if form is None and rating is None and ratings.may_rate_feedback(feedback):
        form = RatingForm()
    return render_template("feedback/detail.html", title=feedback.kind.label, feedback=feedback, rating=rating,
                           form=form, today=dates.today(), back_url=url_for("feedback.mine")), status


@bp.route("/me/feedback/<int:feedback_id>")
@person_required
def detail(feedback_id: int):
    """One of the person's own: what was sent, the reply when there is one, and rating the reply."""
    return _detail(_own(feedback_id))


@bp.route("/me/feedback/<int:feedback_id>/rate", methods=["POST"])
@person_required
def rate_feedback(feedback_id: int):
    """Rate the reply once: good, fair or poor, with words."""
    feedback = _own(feedback_id)
    form = RatingForm()
    if form.validate_on_submit():
        try:
            ratings.rate(g.acting, form.grade.data, form.words.data, feedback=feedback, ip=client_address())
        except DomainError as error:
            add_error(form, error)
            return _detail(feedback, form, getattr(form, "refusal_status", 422))
        flash(_thanks(form.grade.data), "success")
        return redirect(url_for("feedback.detail", feedback_id=feedback.id), 303)
    return _detail(feedback, form, 422)


def _thanks(grade: str) -> str:
    if grade == "poor":
        return _("Thank you. A caseworker of your district will call you back about it.")
    return _("Thank you for rating the service.")


@bp.route("/me/applications/<reference>/rate", methods=["GET", "POST"])
@person_required
def rate_application(reference: str):
    """Rate the service once, after a decision on the application."""
    application, _actions = own_application(reference)
    rating = ratings.rating_of(application=application)
    form = RatingForm()
    if rating is None and form.validate_on_submit():
        try:
            ratings.rate(g.acting, form.grade.data, form.words.data, application=application, ip=client_address())
        except DomainError as error:
            add_error(form, error)
        else:
            flash(_thanks(form.grade.data), "success")
            return redirect(url_for("applying.detail", reference=reference), 303)
    elif rating is not None and request.method == "POST":
        flash(str(ratings.ALREADY), "error")
        form.refusal_status = 409
    return render_form("feedback/rate_application.html", form, title=_("Rate the service"), application=application,
                       rating=rating, may_rate=ratings.may_rate_application(application),
                       back_url=url_for("applying.detail", reference=reference))
