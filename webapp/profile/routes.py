"""Thin views for the profile overview and the identity question pages."""
from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from ..models import District
from ..services.casework import own_checks
from ..services.common.errors import DomainError
from ..services.identity import consent, evidence, profiles, stored_numbers
from ..services.moving import moves
from ..services.needs import versions
from ..web.access import person_required
from ..web.client import client_address, safe_next
from ..web.form_pages import add_error, render_form
from . import bp
from .answers import answer_rows
from .forms import STEP_FORMS, STEP_TITLES


@bp.route("/me/profile")
@person_required
def overview():
    """Task list: identity, consent, needs, evidence, each with its own status."""
    person = g.acting.person
    profile = profiles.profile_of(person)
    return render_template(
        "profile/overview.html", title=_("My profile"), profile=profile,
        consent=consent.active_consent(person), missing=profiles.missing_steps(profile),
        needs_draft=versions.draft_of(person), needs_latest=versions.latest_submitted(person),
        photos=evidence.current(person), checks=own_checks.of_person(person, profile))


def _next_url(step: str) -> str:
    """The following question, or the check page; a `next` (e.g. the course being applied for)
    is carried along so that submitting comes back to it."""
    going = safe_next(request.args.get("next"))
    if request.args.get("change"):
        return url_for("profile.check", next=going)
    following = profiles.STEPS.index(step) + 1
    if following < len(profiles.STEPS):
        return url_for("profile.question", step=profiles.STEPS[following], next=going)
    return url_for("profile.check", next=going)


@bp.route("/me/identity/<step>", methods=["GET", "POST"])
@person_required
def question(step: str):
    """One identity question; each answer is saved at once, so people can leave and come back."""
    if step not in STEP_FORMS:
        abort(404)
    if step == "certificate" and consent.active_consent(g.acting.person) is None:
        flash(_("Disability information is only stored after consent. Please read and agree first."), "info")
        return redirect(url_for("profile.consent", next=request.full_path), 303)
    profile = profiles.profile_of(g.acting.person)
    form = STEP_FORMS[step](data=profiles.current_values(profile, g.acting))
    old = profile.district if step == "district" and profile else None
    moving = moves.what_moves(g.acting.person) if old else None
    if form.validate_on_submit():
        if moving and form.district.data != old and request.form.get("confirm") != "yes":
            return _confirm_move(form, old, moving)
        try:
            profiles.save_step(g.acting, step, form.data, client_address())
        except DomainError as error:
            add_error(form, error)
        else:
            if moving and form.district.data != old:
                _moved(form.district.data, moving)
            return redirect(_next_url(step), 303)
    return render_form("question.html", form, title=STEP_TITLES[step], later_url=url_for("profile.overview"),
                       number=profiles.STEPS.index(step) + 1, total=len(profiles.STEPS),
                       masked=_masked(profile, step), back_url=_back(step),
                       notice=_move_notice(moving) if moving else None)


def _move_notice(moving) -> str:
    """Said on the district question before anything is saved: what a change of district moves."""
    mine = not g.acting.on_behalf
    if not moving.applications:
        return _("If you now live in another district, your graduate plan will move to the caseworkers of the new "
                 "district.") if mine else _("If they now live in another district, their graduate plan will move "
                                             "to the caseworkers of the new district.")
    said = ngettext("If you now live in another district, your %(num)d open application will move to the "
                    "caseworkers of the new district.", "If you now live in another district, your %(num)d open "
                    "applications will move to the caseworkers of the new district.", moving.applications) if mine \
        else ngettext("If they now live in another district, their %(num)d open application will move to the "
                      "caseworkers of the new district.", "If they now live in another district, their %(num)d "
                      "open applications will move to the caseworkers of the new district.", moving.applications)
    return " ".join((said, _("So will the graduate plan."))) if moving.plan else said


def _confirm_move(form, old: str, moving):
    """The "are you sure?" step of a move: what goes to the new district, then confirm or go back."""
    new = District(form.district.data).label
    return render_template("profile/move.html", title=_("Move to %(district)s?", district=new), form=form,
                           old=District(old).label, new=new, moving=moving,
                           back_url=request.full_path.rstrip("?"))


def _moved(district: str, moving) -> None:
    """The notice after a move."""
    place, mine = District(district).label, not g.acting.on_behalf
    if moving.applications:
        said = ngettext("You now live in %(district)s: your %(num)d open application has moved to its caseworkers.",
                        "You now live in %(district)s: your %(num)d open applications have moved to its "
                        "caseworkers.", moving.applications, district=place) if mine else \
            ngettext("They now live in %(district)s: their %(num)d open application has moved to its caseworkers.",
                     "They now live in %(district)s: their %(num)d open applications have moved to its caseworkers.",
                     moving.applications, district=place)
        if moving.plan:
            said = " ".join((said, _("The graduate plan has moved too.")))
    else:
        said = _("You now live in %(district)s: your graduate plan has moved to its caseworkers.", district=place) \
            if mine else _("They now live in %(district)s: their graduate plan has moved to its caseworkers.",
                           district=place)
    flash(said, "success")


def _back(step: str) -> str:
    index = profiles.STEPS.index(step)
    return url_for("profile.question", step=profiles.STEPS[index - 1]) if index else url_for("profile.overview")


def _masked(profile, step: str) -> str | None:
    """What a helper sees instead of the number itself."""
    if profile is None or not g.acting.on_behalf:
        return None
    masked = stored_numbers.masked(profile)
    return {"id-number": masked.id_number, "certificate": masked.certificate}.get(step) or None


@bp.route("/me/identity/check", methods=["GET", "POST"])
@person_required
def check():
    """Check your answers, then confirm them."""
    profile = profiles.profile_of(g.acting.person)
    if request.method == "POST":
        try:
            profiles.submit(g.acting, client_address())
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(_("Your details have been submitted.") if not g.acting.on_behalf
                  else _("Their details have been submitted."), "success")
            return redirect(safe_next(request.args.get("next")) or url_for("profile.overview"), 303)
    return render_template("profile/check.html", title=_("Check the answers"), profile=profile,
                           rows=answer_rows(profile), missing=profiles.missing_steps(profile), step_titles=STEP_TITLES,
                           next_url=safe_next(request.args.get("next")),
                           back_url=url_for("profile.question", step=profiles.STEPS[-1]))
