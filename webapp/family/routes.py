"""Thin views for family helpers."""
from flask import abort, current_app, flash, g, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..acting import SESSION_KEY, person_required
from ..auth.decorators import role_required
from ..extensions import limiter
from ..forms import add_error, client_ip, render_form
from ..models import Role
from ..services import family
from ..services.errors import DomainError
from ..services.phone import normalise_phone
from . import bp
from .forms import AcceptForm, CaseworkerLinkForm


@bp.route("/me/helpers")
@role_required(Role.APPLICANT)
@person_required
def helpers():
    """The applicant's helpers: every link, live or ended, and a way to invite one."""
    return render_template("family/helpers.html", title=_("Family helpers"),
                           links=family.links_of_applicant(g.acting.person),
                           code=session.pop("invite_code", None), back_url=url_for("main.me"))


@bp.route("/me/helpers/invite", methods=["POST"])
@role_required(Role.APPLICANT)
@person_required
def invite():
    """Make a one-time code; it is shown once, on the next page."""
    session["invite_code"] = family.create_invite(g.acting, client_ip())
    return redirect(url_for("family.helpers") + "#invite-code", 303)


@bp.route("/me/helpers/<int:link_id>/revoke", methods=["POST"])
@role_required(Role.APPLICANT)
@person_required
def revoke(link_id: int):
    try:
        link = family.revoke(g.acting, link_id, client_ip())
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
            link = family.accept_invite(current_user, form.code.data, form.relationship.data, client_ip())
        except DomainError as error:
            add_error(form, error)
        else:
            session[SESSION_KEY] = link.applicant_id
            flash(_("You can now act for %(name)s.", name=link.applicant.name), "success")
            return redirect(url_for("profile.overview"), 303)
    return render_form("family/choose.html", form, title=_("People I help"),
                       links=family.links_of_helper(current_user), acting_for=session.get(SESSION_KEY),
                       back_url=url_for("main.me"))


@bp.route("/me/acting/<int:applicant_id>", methods=["POST"])
@role_required(Role.HELPER)
def act_for(applicant_id: int):
    """Switch to acting for one linked person."""
    person = family.linked_person(current_user, applicant_id)
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


@bp.route("/casework/helpers/link", methods=["GET", "POST"])
@role_required(Role.CASEWORKER)
def caseworker_link():
    """For a person who cannot use a phone: link a registered helper, with the reason."""
    form = CaseworkerLinkForm()
    if form.validate_on_submit():
        try:
            link = family.caseworker_link(
                current_user, normalise_phone(form.applicant_phone.data, "applicant_phone"),
                normalise_phone(form.helper_phone.data, "helper_phone"),
                form.relationship.data, form.reason.data, client_ip())
        except DomainError as error:
            add_error(form, error)
        else:
            flash(_("%(helper)s can now act for %(person)s.", helper=link.helper.name, person=link.applicant.name), "success")
            return redirect(url_for("family.caseworker_link"), 303)
    return render_form("family/caseworker_link.html", form, title=_("Link a family helper"),
                       back_url=url_for("main.me"))
