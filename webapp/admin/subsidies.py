"""The city's subsidy page: the sign-off threshold, and the decisions waiting for its sign-off."""
from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import StringField

from ..models import Role
from ..services.common.errors import DomainError
from ..services.subsidies import listing, settings
from ..web.access import role_required
from ..web.client import client_address, requested_page
from ..web.form_pages import add_error
from . import bp


class ThresholdForm(FlaskForm):
    threshold = StringField(_l("Sign-off threshold in yuan"),
                            description=_l("A district's decision above this amount needs the city's sign-off "
                                           "before it can be paid. A whole number, for example 5000."),
                            render_kw={"inputmode": "numeric", "autocomplete": "off", "maxlength": "12"})


@bp.route("/subsidies", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def subsidies():
    """Set the threshold (audited); see what waits for the city's sign-off."""
    form = ThresholdForm()
    status = 200
    if form.validate_on_submit():
        try:
            value = settings.set_threshold(current_user, form.threshold.data, client_address())
        except DomainError as error:
            add_error(form, error)
            status = 422
        else:
            flash(_("Saved. Decisions above %(amount)d yuan now need the city's sign-off.", amount=value), "success")
            return redirect(url_for("admin.subsidies"), 303)
    elif form.errors:
        status = 400
    current = settings.threshold()
    if not form.is_submitted():
        form.threshold.data = str(current)
    found = listing.awaiting_signoff(requested_page())
    return render_template("admin/subsidies.html", title=_("Subsidies: the city's sign-off"), form=form,
                           current=current, found=found, back_url=url_for("main.me")), status
