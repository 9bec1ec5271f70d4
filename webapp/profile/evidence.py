"""证件照片: upload, view and remove photos of the certificate and ID card."""
from flask import abort, flash, g, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..services.common.errors import DomainError
from ..services.identity import evidence, uploads
from ..web.access import person_required
from ..web.acting import resolve
from ..web.client import client_address, safe_next
from . import bp


def _going_back() -> str | None:
    """Where the person came from (e.g. the application that asked for new photos), kept through
    uploads and removals so they can go straight back."""
    return safe_next(request.args.get("next"))


def _page(errors: dict, status: int = 200, **extra):
    going_back = _going_back()
    return render_template("profile/evidence.html", title=_("Photos of documents"), kinds=evidence.KINDS,
                           photos=evidence.current(g.acting.person), next_url=going_back,
                           back_url=going_back or url_for("profile.overview"), errors=errors, **extra), status


@bp.route("/me/evidence")
@person_required
def photos():
    """The two photos, each with an upload form."""
    return _page({})


@bp.route("/me/evidence/<kind>", methods=["POST"])
@person_required
def upload(kind: str):
    """Check, re-encode and store one photo; refusals keep the page and say what was wrong."""
    if kind not in evidence.KINDS:
        abort(404)
    try:
        evidence.add(g.acting, kind, request.files.get(kind), client_address())
    except DomainError as error:
        if error.status == 403:
            flash(str(error.message), "info")
            return redirect(url_for("profile.consent", next=url_for("profile.photos", next=_going_back())), 303)
        return _page({kind: str(error.message)}, error.status, page_error=True)
    flash(_("Photo uploaded."), "success")
    return redirect(url_for("profile.photos", next=_going_back()), 303)


@bp.route("/me/evidence/<int:evidence_id>/remove", methods=["POST"])
@person_required
def remove(evidence_id: int):
    try:
        evidence.remove(g.acting, evidence_id, client_address())
    except LookupError:
        abort(404)
    flash(_("Photo removed."), "success")
    return redirect(url_for("profile.photos", next=_going_back()), 303)


@bp.route("/evidence/<int:evidence_id>/<any(full, thumb):size>")
@login_required
def image(evidence_id: int, size: str):
    """Stream a photo to the owner, a helper acting for them, or caseworkers of their district."""
    acting = resolve()
    try:
        row = evidence.viewable(current_user, evidence_id, acting.person if acting else None)
        stored = uploads.open_stored(row.file_name if size == "full" else row.thumb_name)
    except (LookupError, FileNotFoundError):
        abort(404)
    try:
        evidence.record_view(current_user, row, client_address())
    except BaseException:
        stored.close()
        raise
    response = send_file(stored, mimetype=row.mime, max_age=0, conditional=False)
    response.headers["Cache-Control"] = "private, no-store"
    return response
