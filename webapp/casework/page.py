"""The application page a caseworker decides on: everything it shows, and which forms it offers.

What the page offers comes from `rules.allowed_actions`, the rule the POSTs are refused by.
"""
from flask import abort, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ..extensions import db
from ..models import SUBSIDY, User
from ..needs.answers import answer_rows as needs_rows
from ..services.applications import fit, lookup, questions
from ..services.applications.rules import allowed_actions
from ..services.casework import assessments, decision_texts, decisions, scope
from ..services.identity import evidence
from ..services.needs import versions
from ..services.subsidies import awards, photos as subsidy_photos, settings as subsidy_settings
from ..web.client import client_address
from .forms import AskForm, ReassignForm, RejectForm, VerifyForm
from .subsidy_forms import blank_forms
from .rows import profile_rows
from .transfers import MovedAway


def load(reference: str):
    """The application and profile, or 404 when out of the user's scope; 403 with the reason for
    one the user's district decided before the person moved away (it may only be read)."""
    found = scope.application_for(current_user, reference)
    if found is None:
        kept = scope.kept_application_for(current_user, reference)
        if kept is not None:
            raise MovedAway(*kept)
        abort(404)
    return found


def reason_form(kind: str, form_class, **kwargs):
    """A reject or ask form with the reason texts in use to pick from."""
    form = form_class(prefix=kind, **kwargs)
    form.set_templates(decision_texts.in_use(kind))
    return form


def reassign_form(**kwargs) -> ReassignForm:
    form = ReassignForm(prefix="reassign", **kwargs)
    form.assignee.choices = [(str(c.id), c.name) for c in decisions.colleagues(current_user)]
    return form


def _forms(application, given: dict) -> dict:
    """Every form of the page: the one just refused keeps its answers and errors, the rest start empty."""
    forms = {"reject": reason_form("reject", RejectForm, formdata=None),
             "ask": reason_form("ask", AskForm, formdata=None),
             "reassign": reassign_form(formdata=None), "verify": VerifyForm(prefix="verify", formdata=None)}
    if application.opportunity.kind == SUBSIDY:
        forms.update(blank_forms(application))
    forms.update(given)
    forms["verify"].next.data = url_for("casework.application", reference=application.reference)
    return forms


def render(application, profile, *, status: int = 200, error=None, numbers=None, **given_forms):
    """The application page; after a refusal with the message, after unmasking with the numbers."""
    person = application.applicant
    registration = versions.latest_submitted(person)
    names = dict(db.session.execute(select(User.id, User.name).where(User.id.in_(
        {application.assigned_to_id, profile.identity_checked_by_id} - {None}))).all())
    refused = error is not None or any(form.errors for form in given_forms.values())
    photos = evidence.current(person)
    is_subsidy = application.opportunity.kind == SUBSIDY
    if not refused:  # after a refusal nothing is committed here; the images record themselves
        evidence.record_views(current_user, person, photos, client_address(), application.reference)
    return render_template(
        "casework/application.html", title=_("Application %(ref)s", ref=application.reference),
        application=application, profile=profile, person=person, numbers=numbers,
        actions=allowed_actions(application, current_user, identity_verified=profile.identity_verified),
        rows=profile_rows(profile, numbers), questions=questions.for_application(application),
        photos=photos, documents=evidence.KINDS, registration=registration,
        needs_rows=needs_rows(registration), fit_notes=fit.notes(application.opportunity, profile, registration),
        assessment=assessments.latest_assessment(person.id),
        events=lookup.timeline(application), names=names, methods=assessments.METHODS,
        capacities=assessments.CAPACITIES, forms=_forms(application, given_forms), error=error,
        award=awards.of(application) if is_subsidy else None,
        subsidy_photos=subsidy_photos.of(application) if is_subsidy else None,
        threshold=subsidy_settings.threshold() if is_subsidy else None,
        page_error=refused, back_url=url_for("casework.queue")), status
