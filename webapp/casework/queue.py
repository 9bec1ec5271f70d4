"""The district queue: filters as a plain GET form, counts per status, pages of 20."""
from flask import render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..auth.decorators import role_required
from ..models import Role
from ..models.base import utcnow
from ..services import casework
from . import bp
from .forms import QUEUE_STATUSES, QueueFilterForm

STAFF = (Role.CASEWORKER, Role.ADMIN)


@bp.route("")
@role_required(*STAFF)
def queue():
    """Applications of the caseworker's district (everyone's for city-wide staff), newest first."""
    form = QueueFilterForm(request.args)
    form.set_opportunities(casework.opportunities_in_scope(current_user))
    filters = form.filters()
    found = casework.queue(current_user, filters, request.args.get("page", 1, type=int))
    title = _("Applications to check")
    if found.page.number > 1:
        title = _("%(title)s, page %(page)d of %(pages)d", title=title, page=found.page.number,
                  pages=found.page.pages)
    scope = current_user.district_label if current_user.district else _("Whole city")
    return render_template("casework/queue.html", title=title, form=form, filters=filters, found=found.page,
                           counts=found.counts, statuses_in_queue=QUEUE_STATUSES, now=utcnow(), scope=scope,
                           back_url=url_for("main.me"))
