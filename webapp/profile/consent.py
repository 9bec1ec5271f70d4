"""单独同意: the consent notice, giving consent, and withdrawing it."""
from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..services.common.errors import DomainError
from ..services.identity import consent as consents
from ..web.access import person_required
from ..web.client import client_address, safe_next
from . import bp


@bp.route("/me/consent", methods=["GET", "POST"])
@person_required
def consent():
    """The plain-language notice and one button to agree."""
    if request.method == "POST":
        consents.give(g.acting, client_address())
        flash(_("Consent recorded. You can withdraw it at any time on this page."), "success")
        return redirect(safe_next(request.args.get("next")) or url_for("profile.overview"), 303)
    return render_template("profile/consent.html", title=_("Consent to use disability information"),
                           consent=consents.active_consent(g.acting.person),
                           version=consents.NOTICE_VERSION, back_url=url_for("profile.overview"))


@bp.route("/me/consent/withdraw", methods=["GET", "POST"])
@person_required
def withdraw():
    """Confirm, then withdraw consent."""
    if request.method == "POST":
        try:
            consents.withdraw(g.acting, client_address())
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(_("Consent withdrawn. Disability information will not be used from now on."), "success")
        return redirect(url_for("profile.consent"), 303)
    return render_template("profile/withdraw.html", title=_("Withdraw consent"),
                           back_url=url_for("profile.consent"))
