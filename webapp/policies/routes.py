"""Thin views for the policy guide: the index, one page per measure (plain or easy read), and the
screener, whose answers stay in the visit's session unless a signed-in person saves them."""
from flask import abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..extensions import db
from ..models import Profile
from ..services.policies import measures, saved, screener
from ..web.client import client_address
from ..web.form_pages import add_errors, render_form
from . import bp
from .forms import ScreenerForm
from .links import can_open, href

SESSION_KEY = "policy_answers"  # the screener's answers, for this visit only


def _easy_by_default() -> bool:
    """Whether the signed-in person's profile asks for easy-read material."""
    if not current_user.is_authenticated:
        return False
    profile = db.session.get(Profile, current_user.id)
    return bool(profile and "easy_read" in (profile.communication_needs or []))


def _reading() -> dict:
    """Easy read when asked for (?read=easy, ?read=plain), else as the profile asks. Anonymous pages
    depend on the URL only, so the page cache keeps both. The plain page's own URL has no ?read=
    unless the person's default is easy read."""
    by_default = _easy_by_default()
    asked = request.args.get("read")
    easy = asked == "easy" if asked in ("easy", "plain") else by_default
    plain_args = {"read": "plain"} if by_default else {}
    return {"easy": easy, "read_args": {"read": "easy"} if easy else plain_args,
            "plain_url": _url_with(read="plain" if by_default else None), "href": href, "can_open": can_open,
            "contacts": measures.CONTACTS, "hotline": measures.HOTLINE}


def _url_with(**params) -> str:
    """This page's URL with query parameters replaced, and removed where given None."""
    args = {name: value for name, value in {**request.args.to_dict(), **params}.items()
            if value is not None and not name.startswith("_")}  # url_for's own options are not the visitor's
    return url_for(request.endpoint, **{**args, **(request.view_args or {})})


@bp.route("")
def index():
    """The measures, grouped for residents and for employers."""
    return render_template("policies/index.html", title=_("Policy guide"), groups=measures.grouped(),
                           back_url=url_for("main.home"), **_reading())


@bp.route("/<slug>")
def measure(slug: str):
    """One measure in plain words, or in easy read: who, what, what you need, how, who answers."""
    found = measures.find(slug)
    if found is None:
        abort(404)
    reading = _reading()
    return render_template("policies/measure.html", title=str(found.title), measure=found,
                           back_url=url_for("policies.index", **reading["read_args"]), **reading)


def _kept() -> screener.Answers | None:
    """This visit's answers, else the ones the signed-in person saved."""
    answers = screener.from_stored(session.get(SESSION_KEY) or {})
    if answers is None and current_user.is_authenticated:
        row = saved.saved_for(current_user)
        answers = screener.from_stored(row) if row else None
    return answers


def _check_page(form, **context):
    signed_in = current_user.is_authenticated
    return render_form("policies/check.html", form, title=_("Is this policy for me?"),
                       offer_records=signed_in and saved.has_records(current_user),
                       saved_row=saved.saved_for(current_user) if signed_in else None,
                       has_answers=_kept() is not None, back_url=url_for("policies.index"), **context)


@bp.route("/check", methods=["GET", "POST"])
def check():
    """Six questions; the answers are kept for this visit and lead to the measures that fit."""
    if request.method == "GET":
        kept = _kept()
        data = kept.as_dict() if kept else {}
        filled = request.args.get("from") == "records" and current_user.is_authenticated
        if filled:
            data.update(saved.from_records(current_user))
        return _check_page(ScreenerForm(data=data), filled=filled)
    form = ScreenerForm()
    if form.validate_on_submit():
        try:
            answers = screener.check(form.data)
        except screener.Invalid as error:
            add_errors(form, error)
        else:
            session[SESSION_KEY] = answers.as_dict()
            return redirect(url_for("policies.result"), 303)
    return _check_page(form)


@bp.route("/check/result")
def result():
    """The measures that fit this visit's answers (or the ones in the link, after signing in)."""
    answers = screener.from_stored(request.args.to_dict()) if request.args else None
    if answers is not None:
        session[SESSION_KEY] = answers.as_dict()
    answers = answers or _kept()
    if answers is None:
        return redirect(url_for("policies.check"))
    fits, maybe = screener.fitting(answers)
    row = saved.saved_for(current_user) if current_user.is_authenticated else None
    response = render_template("policies/result.html", title=_("Measures that fit your answers"), answers=answers,
                               answer_rows=[(name, question, answers.label(name))
                                            for name, (question, _choices, _missing) in screener.QUESTIONS.items()],
                               fits=fits, maybe=maybe, saved_row=row,
                               saved_now=row is not None and screener.from_stored(row) == answers,
                               back_url=url_for("policies.check"), **_reading())
    return response, 200, {"Cache-Control": "private, no-store"}


@bp.route("/check/save", methods=["POST"])
@login_required
def save():
    """Keep the answers shown on the result page for the signed-in person."""
    form = ScreenerForm()
    if form.validate_on_submit():
        try:
            answers = screener.check(form.data)
        except screener.Invalid as error:
            add_errors(form, error)
        else:
            saved.save(current_user, answers, client_address())
            session[SESSION_KEY] = answers.as_dict()
            flash(_("Your answers are saved. They are shown here when you come back."), "success")
            return redirect(url_for("policies.result"), 303)
    return _check_page(form)


@bp.route("/check/forget", methods=["POST"])
@login_required
def forget():
    """Delete the saved answers and this visit's answers."""
    session.pop(SESSION_KEY, None)
    if saved.forget(current_user, client_address()):
        flash(_("Your saved answers are deleted."), "success")
    else:
        flash(_("There were no saved answers to delete."), "info")
    return redirect(url_for("policies.check"), 303)
