"""The stall draw as a step of the opening's admin page: what stands in the way, or the form
that takes the public number and runs it (rules in services.applications.draw)."""
from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import StringField

from ..extensions import db
from ..models import STALL, Opportunity, Role
from ..services.applications import draw
from ..services.common.errors import DomainError
from ..web.access import role_required
from ..web.client import client_address
from ..web.form_pages import add_errors, render_form
from . import bp


class DrawForm(FlaskForm):
    public_number = StringField(
        _l("Public number"), render_kw={"inputmode": "numeric", "autocomplete": "off",
                                        "maxlength": str(draw.NUMBER_MAX * 2)},
        description=_l("The full result of the first official China Welfare Lottery draw held after "
                       "applications closed, digits only, separated by spaces or commas. "
                       "For example: 03 07 12 19 25 31 09."))
    public_source = StringField(
        _l("Where anyone can check it"), render_kw={"autocomplete": "off", "maxlength": str(draw.SOURCE_MAX * 2)},
        description=_l("The lottery, the draw number and where its result is published. "
                       "For example: 双色球 2026140期, 中国福利彩票网站 and the 12 December newspaper."))


@bp.route("/opportunities/<int:opportunity_id>/draw", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def run_draw(opportunity_id: int):
    """A stall opening's draw: why it cannot run yet, or the public number and 立即抽签; it runs once."""
    opportunity = db.session.get(Opportunity, opportunity_id)
    if opportunity is None or opportunity.kind != STALL:
        abort(404)
    form = DrawForm()
    status = None
    if request.method == "POST" and form.validate_on_submit():
        try:
            winners = draw.run(current_user, opportunity, form.public_number.data, form.public_source.data,
                               ip=client_address())
        except draw.DrawRefused as error:
            flash(str(error.message), "error")
            status = error.status
        except DomainError as error:
            add_errors(form, error)
        else:
            flash(_("Draw run: %(count)d units allocated. The result and how to check it are now public.",
                    count=len(winners)), "success")
            return redirect(url_for("find.draw_results", opportunity_id=opportunity.id), 303)
    return render_form("publish/draw.html", form, status=status, title=_("Allocation draw"), opportunity=opportunity,
                       state=draw.readiness(opportunity), closed_on=draw.closed_day(opportunity),
                       back_url=url_for("publish.edit", opportunity_id=opportunity.id))
