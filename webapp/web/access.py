"""Access checks for views: a role, or an applicant's record (the person themself or their helper)."""
from functools import wraps

from flask import abort, g, redirect, url_for
from flask_login import current_user, login_required

from .acting import resolve


def role_required(*roles: str):
    """Signed in with one of the roles, else 403 (signed out: to the sign-in page)."""
    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)
        return wrapped
    return decorator


def person_required(view):
    """For pages about one applicant's record: sets g.acting, or sends a helper to choose."""
    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        acting = resolve()
        if acting is None:
            if current_user.is_helper:
                return redirect(url_for("family.choose"))
            abort(403)
        g.acting = acting
        return view(*args, **kwargs)
    return wrapped
