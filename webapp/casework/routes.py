"""Thin views for the workbench: the district queue, an application's page, linking a helper."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..models import Role
from ..models.base import utcnow
from ..services.casework import queue as queue_service
from ..services.casework import scope as casework_scope
from ..services.common.errors import DomainError
from ..services.common.phone import normalise_phone
from ..services.family import links
from ..web import page_cache
from ..web.access import role_required
from ..web.client import client_address, requested_page
from ..web.form_pages import add_error, render_form
from . import bp, page
from .forms import QUEUE_STATUSES, CaseworkerLinkForm, QueueFilterForm
from .transfers import render_kept

STAFF = (Role.CASEWORKER, Role.ADMIN)
COUNTS_SECONDS = 30  # a safety net: any committed change to an application replaces them at once


@bp.route("")
@role_required(*STAFF)
def queue():
    """Applications of the caseworker's district (everyone's for city-wide staff), newest first."""
    form = QueueFilterForm(request.args)
    # Counting a whole district's applications, and finding the items they are for, are the costly
    # parts: both are kept until an application changes.
    whose = queue_service.counts_key(current_user, queue_service.QueueFilters())
    form.set_opportunities(page_cache.cached_figure(
        ("applications", "opportunities"), "queue-items:" + whose,
        lambda: queue_service.opportunities_in_scope(current_user), seconds=COUNTS_SECONDS))
    filters = form.filters()
    counted = page_cache.cached_figure(("applications",), "queue-counts:" + queue_service.counts_key(current_user, filters),
                                       lambda: queue_service.counts(current_user, filters), seconds=COUNTS_SECONDS)
    found = queue_service.queue(current_user, filters, requested_page(), counted=counted)
    title = _("Applications to check")
    if found.page.number > 1:
        title = _("%(title)s, page %(page)d of %(pages)d", title=title, page=found.page.number,
                  pages=found.page.pages)
    scope = current_user.district_label if current_user.district else _("Whole city")
    return render_template("casework/queue.html", title=title, form=form, filters=filters, found=found.page,
                           counts=found.counts, statuses_in_queue=QUEUE_STATUSES, now=utcnow(), scope=scope,
                           back_url=url_for("main.me"))


@bp.route("/applications/<reference>")
@role_required(*STAFF)
def application(reference: str):
    """Everything needed to decide: answers, profile, photos, checks, needs, assessment, timeline;
    for an application the district decided before the person moved away, what was decided."""
    found = casework_scope.application_for(current_user, reference)
    if found is not None:
        return page.render(*found)
    kept = casework_scope.kept_application_for(current_user, reference)
    if kept is None:
        abort(404)
    return render_kept(*kept)


@bp.route("/helpers/link", methods=["GET", "POST"])
@role_required(Role.CASEWORKER)
def helper_link():
    """For a person who cannot use a phone: link a registered helper, with the reason."""
    form = CaseworkerLinkForm()
    if form.validate_on_submit():
        try:
            link = links.caseworker_link(
                current_user, normalise_phone(form.applicant_phone.data, "applicant_phone"),
                normalise_phone(form.helper_phone.data, "helper_phone"),
                form.relationship.data, form.reason.data, client_address())
        except DomainError as error:
            add_error(form, error)
        else:
            flash(_("%(helper)s can now act for %(person)s.", helper=link.helper.name, person=link.applicant.name),
                  "success")
            return redirect(url_for("casework.helper_link"), 303)
    return render_form("casework/helper_link.html", form, title=_("Link a family helper"),
                       back_url=url_for("main.me"))
