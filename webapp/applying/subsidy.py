"""Applying for a subsidy: the measure's own questions (a form built from them), then the photos of
the papers, checked by the same upload checks as the certificate and ID card."""
from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectChoice, StringField, TextAreaField

from ..services.applications import drafts
from ..services.applications.rules import Action
from ..services.common.errors import DomainError
from ..services.subsidies import photos, questions
from ..web.access import person_required
from ..web.client import client_address
from ..web.form_pages import add_error, render_form
from . import bp
from .routes import own_application

NUMERIC = {"months", "count", "amount", "date"}


def measure_form(application, person, **kwargs) -> FlaskForm:
    """A form with exactly the measure's questions, in its order."""
    class MeasureForm(FlaskForm):
        pass

    for field, question in questions.for_item(application.opportunity).items():
        label = question.label
        if question.kind == "words":
            made = TextAreaField(label, description=question.hint, render_kw={"maxlength": str(questions.MAX_WORDS)})
        elif question.kind == "course":
            made = RadioField(label, description=question.hint, validate_choice=False,
                              choices=[SelectChoice(value, words) for value, words in questions.course_choices(person)])
        else:
            attrs = {"autocomplete": "off", "maxlength": "12" if question.kind in NUMERIC else str(questions.MAX_TEXT)}
            if question.kind in NUMERIC:
                attrs["inputmode"] = "numeric"
            made = StringField(label, description=question.hint, render_kw=attrs)
        setattr(MeasureForm, field, made)
    return MeasureForm(**kwargs)


def answers(application, actions):
    """Step 2 of a subsidy: only what its measure needs (called by routes.answers)."""
    person = g.acting.person
    form = measure_form(application, person, data=dict(application.answers or {}))
    if form.validate_on_submit():
        data = {field.name: field.data for field in form if field.name != "csrf_token"}
        try:
            drafts.save_answers(g.acting, application, data, client_address())
        except DomainError as error:
            add_error(form, error)
        else:
            return redirect(url_for("applying.subsidy_photos", reference=application.reference), 303)
    has_courses = "course" not in form or bool(form.course.choices)
    return render_form("applying/subsidy_answers.html", form, title=_("Your answers"), application=application,
                       has_courses=has_courses, resubmitting=Action.RESUBMIT in actions,
                       back_url=url_for("applying.start", opportunity_id=application.opportunity_id))


def _subsidy_application(reference: str):
    application, actions = own_application(reference)
    if application.opportunity.subsidy_kind is None:
        abort(404)
    return application, actions


def _photos_page(application, error: str | None = None, status: int = 200):
    return render_template("applying/subsidy_photos.html", title=_("Photos of your papers"), application=application,
                           photos=photos.of(application), hint=questions.PHOTO_HINTS[application.opportunity.subsidy_kind],
                           max_photos=photos.MAX_PHOTOS, error=error, page_error=error is not None,
                           back_url=url_for("applying.answers", reference=application.reference)), status


@bp.route("/me/applications/<reference>/photos", methods=["GET", "POST"])
@person_required
def subsidy_photos(reference: str):
    """Step 3 of a subsidy: the photos its measure needs, then on to check and send."""
    application, actions = _subsidy_application(reference)
    if Action.EDIT not in actions:
        return redirect(url_for("applying.detail", reference=reference))
    if request.method == "POST":
        try:
            photos.add(g.acting, application, request.files.get(photos.FIELD), client_address())
        except DomainError as error:
            if error.status == 403:  # no consent yet: give it first, then come back
                flash(str(error.message), "info")
                return redirect(url_for("profile.consent", next=url_for("applying.subsidy_photos",
                                                                        reference=reference)), 303)
            return _photos_page(application, str(error.message), error.status)
        flash(_("Photo added."), "success")
        return redirect(url_for("applying.subsidy_photos", reference=reference), 303)
    return _photos_page(application)


@bp.route("/me/applications/<reference>/photos/<int:evidence_id>/remove", methods=["POST"])
@person_required
def remove_subsidy_photo(reference: str, evidence_id: int):
    application, _actions = _subsidy_application(reference)
    try:
        photos.remove(g.acting, application, evidence_id, client_address())
    except LookupError:
        abort(404)
    except DomainError as error:
        return _photos_page(application, str(error.message), error.status)
    flash(_("Photo removed."), "success")
    return redirect(url_for("applying.subsidy_photos", reference=reference), 303)
