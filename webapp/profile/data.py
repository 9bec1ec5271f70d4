"""我的数据: download everything held about the person, or ask for it to be deleted."""
from flask import current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import logout_user

from ..services.identity import mydata
from ..web.access import person_required
from ..web.client import client_address
from . import bp


def _title(own: str, theirs: str) -> str:
    """"My data" for the person themself; a helper reads whose data it is."""
    return theirs if g.acting.on_behalf else own


@bp.route("/me/data")
@person_required
def data():
    """What is held, how to download it, how to delete it."""
    title = _title(_("My data"), _("Data of %(name)s", name=g.acting.person.name))
    return render_template("profile/data.html", title=title, back_url=url_for("main.me"))


@bp.route("/me/data/download")
@person_required
def download():
    """A zip of data.json and the photos."""
    response = current_app.response_class(mydata.export(g.acting, client_address()), mimetype="application/zip")
    response.headers["Content-Disposition"] = 'attachment; filename="my-data.zip"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/me/data/delete", methods=["GET", "POST"])
@person_required
def delete():
    """Confirm, then delete: the account closes now; the data is erased after the retention period.
    Only the person themself can; a helper gets the page saying so (403)."""
    refused = mydata.deletion_refused(g.acting)
    if refused is not None:
        title = _title(_("Delete my data"), _("Delete the data of %(name)s", name=g.acting.person.name))
        return render_template("profile/delete.html", title=title, refused=refused.message,
                               page_error=True, back_url=url_for("profile.data")), refused.status
    if request.method == "GET":
        return render_template("profile/delete.html", title=_("Delete my data"), back_url=url_for("profile.data"))
    mydata.request_deletion(g.acting, client_address())
    logout_user()
    flash(_("The account is closed. Its data will be erased after the retention period."), "success")
    return redirect(url_for("main.home"), 303)
