"""The audit log for administrators: search and read, never change (GET only)."""
from datetime import date

from flask import render_template, request, url_for
from flask_babel import gettext as _
from wtforms import SelectChoice

from ..models import Role
from ..services.audit import actions as audit_actions
from ..services.audit import search as audit_search
from ..services.common.dates import read_date
from ..services.common.text import plain
from ..web.access import role_required
from ..web.client import requested_page
from . import bp
from .forms import AuditSearchForm

EARLIEST, LATEST = 2000, 2100  # the log starts with the service; its days fit any clock


def parse_date(field) -> date | None:
    """YYYY-MM-DD (also with / or full-width digits); a field error when it is not a real date."""
    try:
        day = read_date(field.data)
    except ValueError:
        field.errors = [*field.errors, _("Enter a real date like 2026-03-01 (year-month-day).")]
        return None
    if day is not None and not EARLIEST <= day.year <= LATEST:
        field.errors = [*field.errors, _("Enter a date between %(first)d and %(last)d.",
                                         first=EARLIEST, last=LATEST)]
        return None
    return day


def _filters(form, actions: list) -> audit_search.Filters | None:
    """The search, or None when a field needs correcting."""
    found = audit_search.Filters(person=plain(form.person.data)[:50], actor=plain(form.actor.data)[:50])
    if form.action.data and form.action.data not in {code for code, _words in actions}:
        form.action.errors = [*form.action.errors, _("Choose an action from the list.")]
    else:
        found.action = form.action.data or ""
    found.date_from, found.date_to = parse_date(form.date_from), parse_date(form.date_to)
    if found.date_from and found.date_to and found.date_from > found.date_to:
        form.date_to.errors = [*form.date_to.errors, _("The end date must be the same as or after the start date.")]
    return None if any(field.errors for field in form) else found


@bp.route("/audit")
@role_required(Role.ADMIN)
def audit():
    """Who did what, to whose record, when and from where: newest first, 50 to a page."""
    form = AuditSearchForm(request.args)
    actions = audit_actions.known_actions()
    form.action.choices = [SelectChoice("", _("Any action")), *(SelectChoice(c, w) for c, w in actions)]
    filters = _filters(form, actions)
    page = None
    if filters is not None:
        page = audit_search.search(filters, page=requested_page())
    query = {name: request.args[name] for name in ("person", "actor", "action", "date_from", "date_to")
             if request.args.get(name)}
    searched = bool(query)
    return render_template("admin/audit.html", title=_("Audit log"), form=form, page=page, query=query,
                           searched=searched, back_url=url_for("main.me"))
