"""Thin views for publishing: the list, new and edit forms and the status buttons (the stall draw: draw.py)."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..extensions import db
from ..models import STALL, Opportunity, OpportunityStatus, Role
from ..services.applications import draw
from ..services.common import dates
from ..services.common.errors import DomainError
from ..services.opportunities import listing, publishing
from ..services.opportunities.fields import KINDS
from ..services.opportunities.publishing import StatusAction
from ..web.access import role_required
from ..web.client import client_address, requested_page
from ..web.form_pages import add_error, add_errors, render_form
from . import bp
from .forms import DISTRICT_NAMES, EDIT_TITLES, FORMS, NEW_TITLES, SECTIONS, change_rows

KIND_FILTERS = [(None, _l("All")), ("course", _l("Training courses")), ("stall", _l("Stall openings")),
                ("post", _l("Public-welfare posts")), ("subsidy", _l("Subsidies and funding"))]
DONE = {StatusAction.PUBLISH: _l("Published. People can now find it and apply."),
        StatusAction.UNPUBLISH: _l("Taken back to draft. The public can no longer see it."),
        StatusAction.CLOSE: _l("Closed. People can still see it but can no longer apply.")}


def _item(opportunity_id: int) -> Opportunity:
    opportunity = db.session.get(Opportunity, opportunity_id)
    if opportunity is None or opportunity.kind not in FORMS:  # an employer's job: /admin/jobs
        abort(404)
    return opportunity


@bp.route("/opportunities")
@role_required(Role.ADMIN)
def index():
    """Everything published or drafted, newest first, filtered by kind and status."""
    kind = request.args.get("kind") if request.args.get("kind") in KINDS else None
    status = request.args.get("status") if request.args.get("status") in set(OpportunityStatus) else None
    page = listing.listing(kind, status, page=requested_page())
    kind_counts, status_counts = listing.counts(kind, status)
    return render_template("publish/index.html", title=_("Publish opportunities"), page=page, kind=kind,
                           status=status, kind_filters=KIND_FILTERS, kind_counts=kind_counts,
                           status_filters=[(None, _l("All")), *((s, s.label) for s in OpportunityStatus)],
                           status_counts=status_counts, district_names=DISTRICT_NAMES, today=dates.today(),
                           back_url=url_for("main.me"))


@bp.route("/opportunities/new/<kind>", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def new(kind: str):
    """A new course, stall opening or post, saved as a draft."""
    if kind not in FORMS:
        abort(404)
    form = FORMS[kind]()
    if form.validate_on_submit():
        try:
            opportunity = publishing.create(current_user, kind, form.data, client_address())
        except DomainError as error:
            add_errors(form, error)
        else:
            flash(_("Saved as a draft. Check it, then publish it."), "success")
            return redirect(url_for("publish.edit", opportunity_id=opportunity.id), 303)
    return render_form("publish/form.html", form, title=NEW_TITLES[kind], kind=kind, sections=SECTIONS[kind],
                       back_url=url_for("publish.index", kind=kind))


@bp.route("/opportunities/<int:opportunity_id>/edit", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def edit(opportunity_id: int):
    """Change an item; once public, every change is recorded."""
    opportunity = _item(opportunity_id)
    form = FORMS[opportunity.kind](obj=opportunity)
    if form.validate_on_submit():
        try:
            publishing.update(current_user, opportunity, form.data, client_address())
        except DomainError as error:
            add_errors(form, error)
        else:
            flash(_("Changes saved."), "success")
            return redirect(url_for("publish.edit", opportunity_id=opportunity.id), 303)
    return _edit_page(form, opportunity)


@bp.route("/opportunities/<int:opportunity_id>/<action>", methods=["POST"])
@role_required(Role.ADMIN)
def act(opportunity_id: int, action: str):
    """Publish, take back to draft, or close applications."""
    if action not in set(StatusAction):
        abort(404)
    opportunity = _item(opportunity_id)
    try:
        publishing.ACTIONS[action](current_user, opportunity, client_address())
    except DomainError as error:
        form = FORMS[opportunity.kind](obj=opportunity, formdata=None)
        add_error(form, error)
        return _edit_page(form, opportunity, status=422, page_error=error.field is None)
    flash(str(DONE[action]), "success")
    return redirect(url_for("publish.edit", opportunity_id=opportunity.id), 303)


def _edit_page(form, opportunity: Opportunity, status: int | None = None, page_error: bool = False):
    records = publishing.changes(opportunity)
    history = change_rows(form, opportunity.kind, records, publishing.editor_names(records))
    return render_form("publish/form.html", form, status=status, title=EDIT_TITLES[opportunity.kind],
                       kind=opportunity.kind, sections=SECTIONS[opportunity.kind], opportunity=opportunity,
                       actions=publishing.allowed_actions(opportunity), history=history, page_error=page_error,
                       draw_state=draw.readiness(opportunity) if opportunity.kind == STALL else None,
                       back_url=url_for("publish.index", kind=opportunity.kind))
