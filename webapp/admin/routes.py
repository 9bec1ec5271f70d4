"""Thin views for staff accounts: the list, a new caseworker, and one person's role, district and
whether the account is switched on."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ..extensions import db
from ..models import Role, User
from ..models.people.user import STAFF_ROLES
from ..services.accounts import staff as staff_service
from ..services.common.errors import DomainError
from ..services.common.phone import normalise_phone
from ..web.access import role_required
from ..web.client import client_address
from ..web.form_pages import add_error, render_form
from . import bp
from .forms import StaffEditForm, StaffForm


@bp.route("/staff")
@role_required(Role.ADMIN)
def staff():
    """Caseworker and administrator accounts."""
    people = db.session.scalars(
        select(User).where(User.role.in_(STAFF_ROLES)).order_by(User.role, User.district, User.name)).all()
    return render_template("admin/staff.html", title=_("Staff accounts"), people=people)


@bp.route("/staff/new", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def new_caseworker():
    """Create a caseworker account for a district or the whole city."""
    form = StaffForm()
    if form.validate_on_submit():
        try:
            person = staff_service.create_staff(
                phone=normalise_phone(form.phone.data), name=form.name.data, password=form.password.data,
                role=Role.CASEWORKER, district=form.district.data or None, actor=current_user, ip=client_address())
        except DomainError as error:
            add_error(form, error)
        else:
            flash(_("Caseworker account created for %(name)s.", name=person.name), "success")
            return redirect(url_for("admin.staff"), 303)
    return render_form("admin/staff_new.html", form, title=_("New caseworker"))


def _switch(person, action: str):
    """Switch the account off or on, then back to the page (303)."""
    try:
        if action == "deactivate":
            staff_service.deactivate(current_user, person, client_address())
            flash(_("%(name)s's account is switched off. They cannot sign in, and are signed out at their "
                    "next step.", name=person.name), "success")
        else:
            staff_service.reactivate(current_user, person, client_address())
            flash(_("%(name)s's account is switched on again. They can sign in.", name=person.name), "success")
    except DomainError as error:
        flash(str(error.message), "error")
    return redirect(url_for("admin.staff_edit", user_id=person.id), 303)


@bp.route("/staff/<int:user_id>", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def staff_edit(user_id: int):
    """Set a caseworker's district (or city-wide) and role; switch the account off or on."""
    person = staff_service.staff_member(user_id)
    if person is None:
        abort(404)
    action = request.form.get("action", "save") if request.method == "POST" else None
    if action in ("deactivate", "reactivate"):
        return _switch(person, action)
    is_self = person.id == current_user.id
    form = StaffEditForm(obj=person)
    if form.validate_on_submit():
        try:
            changed = staff_service.update(current_user, person, role=person.role if is_self else form.role.data,
                                           district=form.district.data, leads_team=form.leads_team.data,
                                           ip=client_address())
        except DomainError as error:
            add_error(form, error)
        else:
            flash(_("Changes saved.") if changed else _("Nothing was changed."), "success" if changed else "info")
            return redirect(url_for("admin.staff_edit", user_id=person.id), 303)
    return render_form("admin/staff_edit.html", form, title=person.name, person=person, is_self=is_self,
                       checking=staff_service.checking_count(person), back_url=url_for("admin.staff"))
