"""One staff member's page: role, district or city-wide, and switching the account off or on."""
from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import SelectChoice, SelectField

from ..auth.decorators import role_required
from ..forms import add_error, client_ip, render_form
from ..models import Role
from ..services import staff
from ..services.errors import DomainError
from . import bp
from .forms import district_choices


def role_choices():
    return [SelectChoice(Role.CASEWORKER.value, Role.CASEWORKER.label),
            SelectChoice(Role.ADMIN.value, Role.ADMIN.label)]


class StaffEditForm(FlaskForm):
    role = SelectField(_l("Role"), choices=role_choices, validate_choice=False)
    district = SelectField(_l("District"), choices=district_choices, validate_choice=False)


def _switch(person, action: str):
    """Switch the account off or on, then back to the page (303)."""
    try:
        if action == "deactivate":
            staff.deactivate(current_user, person, client_ip())
            flash(_("%(name)s's account is switched off. They cannot sign in, and are signed out at their "
                    "next step.", name=person.name), "success")
        else:
            staff.reactivate(current_user, person, client_ip())
            flash(_("%(name)s's account is switched on again. They can sign in.", name=person.name), "success")
    except DomainError as error:
        flash(str(error.message), "error")
    return redirect(url_for("admin.staff_edit", user_id=person.id), 303)


@bp.route("/staff/<int:user_id>", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def staff_edit(user_id: int):
    """Set a caseworker's district (or city-wide) and role; switch the account off or on."""
    person = staff.staff_member(user_id)
    if person is None:
        abort(404)
    action = request.form.get("action", "save") if request.method == "POST" else None
    if action in ("deactivate", "reactivate"):
        return _switch(person, action)
    is_self = person.id == current_user.id
    form = StaffEditForm(obj=person)
    if form.validate_on_submit():
        try:
            changed = staff.update(current_user, person, role=person.role if is_self else form.role.data,
                                   district=form.district.data, ip=client_ip())
        except DomainError as error:
            add_error(form, error)
        else:
            flash(_("Changes saved.") if changed else _("Nothing was changed."), "success" if changed else "info")
            return redirect(url_for("admin.staff_edit", user_id=person.id), 303)
    return render_form("admin/staff_edit.html", form, title=person.name, person=person, is_self=is_self,
                       checking=staff.checking_count(person), back_url=url_for("admin.staff"))
