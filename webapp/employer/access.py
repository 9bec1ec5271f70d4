"""The employer behind the signed-in employer account."""
from flask import abort
from flask_login import current_user
from sqlalchemy import select

from ..extensions import db
from ..models import Employer


def current_employer() -> Employer:
    """The Employer row of the signed-in employer user (views use it under role_required(Role.EMPLOYER)).

    403 for anyone who is not an employer; 404 for an employer account whose organisation row is
    missing (an account made by hand), which has nothing to show."""
    if not getattr(current_user, "is_employer", False):
        abort(403)
    found = db.session.scalar(select(Employer).where(Employer.user_id == current_user.id))
    if found is None:
        abort(404)
    return found
