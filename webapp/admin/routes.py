"""Thin views for staff accounts."""
from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ..auth.decorators import role_required
from ..extensions import db
from ..forms import add_error, client_ip, render_form
from ..models import Role, User
from ..services import accounts
from ..services.errors import DomainError
from ..services.phone import normalise_phone
from . import bp
from .forms import StaffForm


@bp.route("/staff")
@role_required(Role.ADMIN)
def staff():
    """Caseworker and administrator accounts."""
    people = db.session.scalars(
        select(User).where(User.role.in_([Role.CASEWORKER.value, Role.ADMIN.value]))
        .order_by(User.role, User.district, User.name)
    ).all()
    return render_template("admin/staff.html", title=_("Staff accounts"), people=people)


@bp.route("/staff/new", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def new_caseworker():
    """Create a caseworker account for a district or the whole city."""
    form = StaffForm()
    if form.validate_on_submit():
        try:
            phone = normalise_phone(form.phone.data)
            person = accounts.create_staff(
                phone=phone, name=form.name.data, password=form.password.data,
                role=Role.CASEWORKER, district=form.district.data or None,
                actor=current_user, ip=client_ip(),
            )
        except DomainError as error:
            add_error(form, error)
        else:
            flash(_("Caseworker account created for %(name)s.", name=person.name), "success")
            return redirect(url_for("admin.staff"), 303)
    return render_form("admin/staff_new.html", form, title=_("New caseworker"))
