"""Thin views for family helpers."""
from flask import abort, current_app, flash, g, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..extensions import limiter
from ..models import Role
from ..services.common.errors import DomainError
from ..services.family import invites, links
from ..web.access import person_required, role_required
from ..web.acting import SESSION_KEY
from ..web.client import client_address
from ..web.form_pages import add_error, render_form
from . import bp
from .forms import AcceptForm


@bp.route("/me/helpers")
@role_required(Role.APPLICANT)
@person_required
def helpers():
    """The applicant's helpers: every link, live or ended, and a way to invite one."""
    return render_template("family/helpers.html", title=_("Family helpers"),
                           links=links.links_of_applicant(g.acting.person),
                           code=session.pop("invite_code", None), back_url=url_for("main.me"))


@bp.route("/me/helpers/invite", methods=["POST"])
@role_required(Role.APPLICANT)
@person_required
def invite():
    """Make a one-time code; it is shown once, on the next page."""
    session["invite_code"] = invites.create_invite(g.acting, client_address())
    return redirect(url_for("family.helpers") + "#invite-code", 303)


@bp.route("/me/helpers/<int:link_id>/revoke", methods=["POST"])
@role_required(Role.APPLICANT)
@person_required
def revoke(link_id: int):
    try:
        link = links.revoke(g.acting, link_id, client_address())
    except LookupError:
        abort(404)
    flash(_("%(name)s can no longer act for you.", name=link.helper.name), "success")
    return redirect(url_for("family.helpers"), 303)


@bp.route("/me/acting", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["RATELIMIT_LOGIN"], methods=["POST"])
@role_required(Role.HELPER)
def choose():
    """A helper's people: choose whom to act for, or add someone with their invite code."""
    form = AcceptForm()
    if form.validate_on_submit():
        try:
            link = invites.accept_invite(current_user, form.code.data, form.relationship.data, client_address())
        except DomainError as error:
            add_error(form, error)
        else:
            session[SESSION_KEY] = link.applicant_id
            flash(_("You can now act for %(name)s.", name=link.applicant.name), "success")
            return redirect(url_for("profile.overview"), 303)
    return render_form("family/choose.html", form, title=_("People I help"),
                       links=links.links_of_helper(current_user), acting_for=session.get(SESSION_KEY),
                       back_url=url_for("main.me"))


@bp.route("/me/acting/<int:applicant_id>", methods=["POST"])
@role_required(Role.HELPER)
def act_for(applicant_id: int):
    """Switch to acting for one linked person."""
    person = links.linked_person(current_user, applicant_id)
    if person is None:
        abort(404)
    session[SESSION_KEY] = person.id
    flash(_("You are now acting for %(name)s.", name=person.name), "success")
    return redirect(url_for("profile.overview"), 303)


@bp.route("/me/acting/stop", methods=["POST"])
@role_required(Role.HELPER)
def stop():
    session.pop(SESSION_KEY, None)
    flash(_("You are no longer acting for anyone."), "success")
    return redirect(url_for("family.choose"), 303)
