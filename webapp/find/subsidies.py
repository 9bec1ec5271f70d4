"""Subsidies and funding (补贴/资助): found like courses and posts, on their own list, since a
subsidy is money for what a person does rather than a place to take."""
from flask import abort, render_template, request, url_for
from flask_babel import gettext as _

from ..models import SUBSIDY
from ..services.opportunities import finding
from . import bp
from .forms import SubsidyFilterForm
from .routes import detail_context, listing_page


@bp.route("/subsidies")
def subsidies():
    """Published subsidies and funding, filtered by measure and district."""
    return listing_page("find.subsidies", SubsidyFilterForm(request.args), (SUBSIDY,), _("Subsidies and funding"),
                        "find/subsidies.html")


@bp.route("/subsidies/<int:opportunity_id>")
def subsidy(opportunity_id: int):
    """One subsidy or funding: who may apply, how much, until when; and the way to apply."""
    item = finding.listed(opportunity_id, (SUBSIDY,))
    if item is None:
        abort(404)
    return render_template("find/subsidy.html", title=item.title, back_url=url_for("find.subsidies"),
                           **detail_context(item))
