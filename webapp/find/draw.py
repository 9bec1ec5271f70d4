"""The published stall draw: results anyone can check, beside the stall opening they belong to."""
from flask import abort, render_template, url_for
from flask_babel import gettext as _

from ..extensions import db
from ..models import STALL, Opportunity
from ..services.applications import draw
from ..services.common.dates import today
from . import bp


def public_stall(opportunity_id: int) -> Opportunity:
    """A published or closed stall opening, or 404."""
    opportunity = db.session.get(Opportunity, opportunity_id)
    if opportunity is None or opportunity.kind != STALL or not opportunity.status.is_public:
        abort(404)
    return opportunity


@bp.route("/opportunities/<int:opportunity_id>/draw")
def draw_results(opportunity_id: int):
    """Before the draw: when and how it will run, the commitment folded away. After: the outcome
    (names masked), how it was decided, and everything needed to compute it again."""
    opportunity = public_stall(opportunity_id)
    return render_template("find/draw.html", title=_("Allocation draw"), opportunity=opportunity,
                           results=draw.results(opportunity), closed=opportunity.applications_closed_on(today()),
                           closed_on=draw.closed_day(opportunity),
                           back_url=url_for("find.opportunity", opportunity_id=opportunity.id))
