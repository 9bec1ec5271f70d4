"""Text messages for administrators: how many wait, went out or failed, and why the recent failures
failed (GET only: the worker sends; a failed message is not sent again from here)."""
from flask import current_app, render_template, url_for
from flask_babel import gettext as _

from ..models import DeliveryStatus, Role
from ..services.common import outbox
from ..web.access import role_required
from . import bp


@bp.route("/deliveries")
@role_required(Role.ADMIN)
def deliveries():
    counts = outbox.counts()
    waiting = counts[DeliveryStatus.PENDING] + counts[DeliveryStatus.SENDING]
    return render_template("admin/deliveries.html", title=_("Text messages"), waiting=waiting,
                           sent=counts[DeliveryStatus.SENT], failed=counts[DeliveryStatus.FAILED],
                           recent=outbox.recent_failed(), queued=outbox.broker_configured(),
                           keep_days=current_app.config["DELIVERY_KEEP_DAYS"], back_url=url_for("main.me"))
