"""Thin views for the needs registration."""
from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..acting import person_required
from ..fields import speak_of_them
from ..forms import add_error, client_ip, render_form
from ..services import needs
from ..services.errors import DomainError
from . import bp
from .answers import answer_rows
from .forms import STEP_FORMS, STEP_TITLES, THIRD_PERSON


@bp.route("/me/needs")
@person_required
def overview():
    """The newest version, changes in progress, and older versions."""
    person = g.acting.person
    return render_template("needs/overview.html", title=_("Employment needs"), draft=needs.draft_of(person),
                           latest=needs.latest_submitted(person), history=needs.history(person)[1:],
                           rows=answer_rows(needs.latest_submitted(person)), back_url=url_for("profile.overview"))


@bp.route("/me/needs/<step>", methods=["GET", "POST"])
@person_required
def question(step: str):
    """One needs question, saved to the draft at once."""
    if step not in STEP_FORMS:
        abort(404)
    current = needs.working_copy(g.acting.person)
    form = STEP_FORMS[step](obj=current)
    if g.acting.on_behalf:
        speak_of_them(form, THIRD_PERSON)
    if form.validate_on_submit():
        try:
            needs.save_step(g.acting, step, form.data, client_ip())
        except DomainError as error:
            add_error(form, error)
        else:
            return redirect(_next_url(step), 303)
    index = needs.STEPS.index(step)
    back = url_for("needs.question", step=needs.STEPS[index - 1]) if index else url_for("needs.overview")
    return render_form("question.html", form, title=STEP_TITLES[step], number=index + 1, total=len(needs.STEPS),
                       later_url=url_for("needs.overview"), back_url=back)


def _next_url(step: str) -> str:
    index = needs.STEPS.index(step) + 1
    if request.args.get("change") or index == len(needs.STEPS):
        return url_for("needs.check")
    return url_for("needs.question", step=needs.STEPS[index])


@bp.route("/me/needs/check", methods=["GET", "POST"])
@person_required
def check():
    """Check the answers, then submit them as a new version."""
    draft = needs.draft_of(g.acting.person)
    if draft is None:
        return redirect(url_for("needs.overview"))
    if request.method == "POST":
        try:
            submitted = needs.submit(g.acting, client_ip())
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            return redirect(url_for("needs.done", number=submitted.version), 303)
    return render_template("needs/check.html", title=_("Check the answers"), rows=answer_rows(draft),
                           missing=needs.missing_steps(draft), step_titles=STEP_TITLES,
                           back_url=url_for("needs.question", step=needs.STEPS[-1]))


@bp.route("/me/needs/done/<int:number>")
@person_required
def done(number: int):
    """Confirmation with the reference number and what happens next."""
    registration = needs.version(g.acting.person, number)
    if registration is None:
        abort(404)
    return render_template("needs/done.html", title=_("Needs registered"), registration=registration,
                           ref=needs.reference(registration))


@bp.route("/me/needs/versions/<int:number>")
@person_required
def version(number: int):
    """An older submitted version, read only."""
    registration = needs.version(g.acting.person, number)
    if registration is None:
        abort(404)
    return render_template("needs/version.html", title=_("Version %(number)d", number=number),
                           registration=registration, rows=answer_rows(registration),
                           ref=needs.reference(registration), back_url=url_for("needs.overview"))
