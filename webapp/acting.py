"""Who is acting for whom: an applicant for themself, or a family helper for a linked person.

A helper picks the person in 我的 › 代办 (like switching accounts); the choice lives in the
session and is checked against a live link on every request, so a revoked link ends it at once.
"""
from dataclasses import dataclass
from functools import wraps

from flask import abort, g, redirect, session, url_for
from flask_login import current_user, login_required

from .models import Role, User

SESSION_KEY = "acting_for"


@dataclass(frozen=True)
class Acting:
    actor: User
    person: User

    @property
    def on_behalf(self) -> bool:
        return self.actor.id != self.person.id


def resolve() -> Acting | None:
    """The acting pair for the signed-in user, or None (staff, or a helper who has not chosen)."""
    if not current_user.is_authenticated:
        return None
    if current_user.role == Role.APPLICANT:
        return Acting(current_user, current_user)
    if current_user.role != Role.HELPER:
        return None
    from .services import family

    if session.get(SESSION_KEY):
        person = family.linked_person(current_user, session[SESSION_KEY])
        if person is not None:
            return Acting(current_user, person)
        session.pop(SESSION_KEY, None)
    links = family.links_of_helper(current_user)
    if len(links) == 1 and links[0].applicant.deleted_at is None:
        # Most helpers help one person: act for them without asking.
        session[SESSION_KEY] = links[0].applicant_id
        return Acting(current_user, links[0].applicant)
    return None


def person_required(view):
    """For pages about one applicant's record: sets g.acting, or sends a helper to choose."""
    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        acting = resolve()
        if acting is None:
            if current_user.role == Role.HELPER:
                return redirect(url_for("family.choose"))
            abort(403)
        g.acting = acting
        return view(*args, **kwargs)
    return wrapped


def init_app(app) -> None:
    @app.before_request
    def _acting_banner():
        """Every page shows a helper whom they are acting for."""
        g.acting_banner = None
        if current_user.is_authenticated and current_user.role == Role.HELPER:
            acting = resolve()
            g.acting_banner = acting.person if acting else None

    @app.context_processor
    def _you():
        def you(second_person: str, third_person: str) -> str:
            """Second-person text for the applicant, third-person for a helper acting for them."""
            acting = g.get("acting")
            return third_person if acting is not None and acting.on_behalf else second_person
        return {"you": you}
