"""The published stall draw: results anyone can check, and the admin's button to run it."""
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..auth.decorators import role_required
from ..extensions import db
from ..forms import client_ip
from ..models import STALL, Opportunity, Role
from ..services import draw
from ..services.errors import DomainError
from . import bp


def _stall(opportunity_id: int) -> Opportunity:
    opportunity = db.session.get(Opportunity, opportunity_id)
    if opportunity is None or opportunity.kind != STALL or opportunity.status == "draft":
        abort(404)
    return opportunity


@bp.route("/opportunities/<int:opportunity_id>/draw")
def draw_results(opportunity_id: int):
    """The seed, the sorted entries, the algorithm and the outcome (names masked)."""
    opportunity = _stall(opportunity_id)
    return render_template("applying/draw.html", title=_("Allocation draw"), opportunity=opportunity,
                           results=draw.results(opportunity),
                           back_url=url_for("find.opportunity", opportunity_id=opportunity.id))


@bp.route("/admin/opportunities/<int:opportunity_id>/draw", methods=["POST"])
@role_required(Role.ADMIN)
def run_draw(opportunity_id: int):
    """Run the draw once, after the deadline."""
    opportunity = _stall(opportunity_id)
    try:
        winners = draw.run(current_user, opportunity, ip=client_ip())
    except DomainError as error:
        flash(str(error.message), "error")
    else:
        flash(_("Draw run: %(count)d units allocated.", count=len(winners)), "success")
    return redirect(url_for("applying.draw_results", opportunity_id=opportunity.id), 303)
