"""Thin views for the needs registration."""
from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..services.common.errors import DomainError
from ..services.needs import steps, versions
from ..web.access import person_required
from ..web.client import client_address
from ..web.fields import speak_of_them
from ..web.form_pages import add_error, render_form
from . import bp
from .answers import answer_rows
from .forms import STEP_FORMS, STEP_TITLES, THIRD_PERSON


@bp.route("/me/needs")
@person_required
def overview():
    """The newest version, changes in progress, and older versions."""
    person = g.acting.person
    return render_template("needs/overview.html", title=_("Employment needs"), draft=versions.draft_of(person),
                           latest=versions.latest_submitted(person), history=versions.history(person)[1:],
                           rows=answer_rows(versions.latest_submitted(person)), back_url=url_for("profile.overview"))


@bp.route("/me/needs/<step>", methods=["GET", "POST"])
@person_required
def question(step: str):
    """One needs question, saved to the draft at once."""
    if step not in STEP_FORMS:
        abort(404)
    current = versions.working_copy(g.acting.person)
    form = STEP_FORMS[step](obj=current)
    if g.acting.on_behalf:
        speak_of_them(form, THIRD_PERSON)
    if form.validate_on_submit():
        try:
            steps.save_step(g.acting, step, form.data, client_address())
        except DomainError as error:
            add_error(form, error)
        else:
            return redirect(_next_url(step), 303)
    index = steps.STEPS.index(step)
    back = url_for("needs.question", step=steps.STEPS[index - 1]) if index else url_for("needs.overview")
    return render_form("question.html", form, title=STEP_TITLES[step], number=index + 1, total=len(steps.STEPS),
                       later_url=url_for("needs.overview"), back_url=back)


def _next_url(step: str) -> str:
    index = steps.STEPS.index(step) + 1
    if request.args.get("change") or index == len(steps.STEPS):
        return url_for("needs.check")
    return url_for("needs.question", step=steps.STEPS[index])


@bp.route("/me/needs/check", methods=["GET", "POST"])
@person_required
def check():
    """Check the answers, then submit them as a new version."""
    draft = versions.draft_of(g.acting.person)
    if draft is None:
        return redirect(url_for("needs.overview"))
    if request.method == "POST":
        try:
            submitted = versions.submit(g.acting, client_address())
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            return redirect(url_for("needs.done", number=submitted.version), 303)
    return render_template("needs/check.html", title=_("Check the answers"), rows=answer_rows(draft),
                           missing=versions.missing_steps(draft), step_titles=STEP_TITLES,
                           back_url=url_for("needs.question", step=steps.STEPS[-1]))


@bp.route("/me/needs/done/<int:number>")
@person_required
def done(number: int):
    """Confirmation with the reference number and what happens next."""
    registration = versions.version(g.acting.person, number)
    if registration is None:
        abort(404)
    return render_template("needs/done.html", title=_("Needs registered"), registration=registration,
                           ref=versions.reference(registration))


@bp.route("/me/needs/versions/<int:number>")
@person_required
def version(number: int):
    """An older submitted version, read only."""
    registration = versions.version(g.acting.person, number)
    if registration is None:
        abort(404)
    return render_template("needs/version.html", title=_("Version %(number)d", number=number),
                           registration=registration, rows=answer_rows(registration),
                           ref=versions.reference(registration), back_url=url_for("needs.overview"))
