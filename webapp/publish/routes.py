"""Thin views for publishing: the list, new and edit forms, and the status buttons."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..auth.decorators import role_required
from ..extensions import db
from ..forms import add_error, client_ip, render_form
from ..models import Opportunity, Role
from ..services import opportunities
from ..services.errors import DomainError
from . import bp
from .forms import DISTRICT_NAMES, EDIT_TITLES, FORMS, NEW_TITLES, SECTIONS, change_rows

KIND_FILTERS = [(None, _l("All")), ("course", _l("Training courses")), ("stall", _l("Stall openings")),
                ("post", _l("Public-welfare posts"))]
# Tag styles; the words carry the meaning, the style only helps.
TONES = {"draft": "warn", "published": "ok", "closed": "muted"}


def _add_errors(form, error: DomainError) -> None:
    for problem in getattr(error, "problems", [error]):
        add_error(form, problem)


def _item(opportunity_id: int) -> Opportunity:
    opportunity = db.session.get(Opportunity, opportunity_id)
    if opportunity is None:
        abort(404)
    return opportunity


@bp.route("/opportunities")
@role_required(Role.ADMIN)
def index():
    """Everything published or drafted, newest first, filtered by kind and status."""
    kind = request.args.get("kind") if request.args.get("kind") in opportunities.KINDS else None
    status = request.args.get("status") if request.args.get("status") in opportunities.STATUSES else None
    page = opportunities.listing(kind, status, page=request.args.get("page", 1, type=int))
    kind_counts, status_counts = opportunities.counts(kind, status)
    return render_template("publish/index.html", title=_("Publish opportunities"), page=page, kind=kind,
                           status=status, kind_filters=KIND_FILTERS, kind_counts=kind_counts,
                           status_filters=[(None, _l("All")), *opportunities.STATUSES.items()],
                           status_counts=status_counts, status_words=opportunities.STATUSES, tones=TONES,
                           district_names=DISTRICT_NAMES, back_url=url_for("main.me"))


@bp.route("/opportunities/new/<kind>", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def new(kind: str):
    """A new course, stall opening or post, saved as a draft."""
    if kind not in FORMS:
        abort(404)
    form = FORMS[kind]()
    if form.validate_on_submit():
        try:
            opportunity = opportunities.create(current_user, kind, form.data, client_ip())
        except DomainError as error:
            _add_errors(form, error)
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
            opportunities.update(current_user, opportunity, form.data, client_ip())
        except DomainError as error:
            _add_errors(form, error)
        else:
            flash(_("Changes saved."), "success")
            return redirect(url_for("publish.edit", opportunity_id=opportunity.id), 303)
    return _edit_page(form, opportunity)


@bp.route("/opportunities/<int:opportunity_id>/<action>", methods=["POST"])
@role_required(Role.ADMIN)
def act(opportunity_id: int, action: str):
    """Publish, take back to draft, or close applications."""
    if action not in opportunities.ACTIONS:
        abort(404)
    opportunity = _item(opportunity_id)
    try:
        opportunities.ACTIONS[action](current_user, opportunity, client_ip())
    except DomainError as error:
        form = FORMS[opportunity.kind](obj=opportunity, formdata=None)
        add_error(form, error)
        return _edit_page(form, opportunity, status=422, page_error=error.field is None)
    flash(_done_message(action), "success")
    return redirect(url_for("publish.edit", opportunity_id=opportunity.id), 303)


def _edit_page(form, opportunity: Opportunity, status: int | None = None, page_error: bool = False):
    records = opportunities.changes(opportunity)
    history = change_rows(form, opportunity.kind, records, opportunities.editor_names(records))
    return render_form("publish/form.html", form, status=status, title=EDIT_TITLES[opportunity.kind],
                       kind=opportunity.kind, sections=SECTIONS[opportunity.kind], opportunity=opportunity,
                       status_words=opportunities.STATUSES, tones=TONES, history=history, page_error=page_error,
                       back_url=url_for("publish.index", kind=opportunity.kind))


def _done_message(action: str) -> str:
    if action == "publish":
        return _("Published. People can now find it and apply.")
    if action == "unpublish":
        return _("Taken back to draft. The public can no longer see it.")
    return _("Closed. People can still see it but can no longer apply.")
