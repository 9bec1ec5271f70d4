"""Moves between districts, for staff: the list of transfers into and out of the district, one
transfer with what it moved, and the read-only page of an application the district decided before
the person moved away."""
from flask import abort, make_response, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.exceptions import Forbidden

from ..services.applications import lookup, questions
from ..services.moving import listing
from ..web.access import role_required
from ..web.client import requested_page
from ..models import Role, TransferItemKind
from . import bp

STAFF = (Role.CASEWORKER, Role.ADMIN)  # as routes.STAFF (which imports this module)


@bp.route("/transfers")
@role_required(*STAFF)
def transfers():
    """People who moved into or out of the district, newest first."""
    found = listing.transfers(current_user, requested_page())
    title = _("Moves between districts")
    if found.number > 1:
        title = _("%(title)s, page %(page)d of %(pages)d", title=title, page=found.number, pages=found.pages)
    return render_template("casework/transfers.html", title=title, found=found, Kind=TransferItemKind,
                           back_url=url_for("main.me"))


@bp.route("/transfers/<int:transfer_id>")
@role_required(*STAFF)
def transfer(transfer_id: int):
    """One move: who, when, from where to where, and what went with the person."""
    found = listing.details(current_user, transfer_id)
    if found is None:
        abort(404)
    return render_template("casework/transfer.html", title=_("Move of %(name)s", name=found.name), found=found,
                           Kind=TransferItemKind, back_url=url_for("casework.transfers"))


def render_kept(application, profile, status: int = 200):
    """An application the district decided before the person moved away: to read, not to change."""
    return make_response(render_template(
        "casework/kept_application.html", title=_("Application %(ref)s", ref=application.reference),
        application=application, profile=profile, moved=listing.moved_away(current_user, application),
        questions=questions.for_application(application), events=lookup.timeline(application),
        refused=status != 200, back_url=url_for("casework.transfers")), status)


class MovedAway(Forbidden):
    """An action on an application the user's district decided before the person moved away."""

    def __init__(self, application, profile):
        super().__init__()
        self.found = (application, profile)


@bp.errorhandler(MovedAway)
def moved_away(error: MovedAway):
    """403, on the page that says why and shows what may still be read."""
    return render_kept(*error.found, status=403)
