"""Who is acting for whom on this request: an applicant for themself, or a family helper for a
linked person. A helper picks the person in 我的 › 代办 (like switching accounts); the choice lives
in the session and is checked against a live link on every request, so a revoked link ends it at once.
"""
from flask import g, session
from flask_login import current_user

from ..services.common.acting import Acting
from ..services.family import links

SESSION_KEY = "acting_for"


def resolve() -> Acting | None:
    """The acting pair for the signed-in user, or None (staff, or a helper who has not chosen)."""
    if not current_user.is_authenticated:
        return None
    if current_user.is_applicant:
        return Acting(current_user, current_user)
    if not current_user.is_helper:
        return None
    if session.get(SESSION_KEY):
        person = links.linked_person(current_user, session[SESSION_KEY])
        if person is not None:
            return Acting(current_user, person)
        session.pop(SESSION_KEY, None)
    found = links.links_of_helper(current_user)
    if len(found) == 1 and found[0].applicant.deleted_at is None:
        # Most helpers help one person: act for them without asking.
        session[SESSION_KEY] = found[0].applicant_id
        return Acting(current_user, found[0].applicant)
    return None


def init_app(app) -> None:
    @app.before_request
    def _acting_banner():
        """Every page shows a helper whom they are acting for."""
        g.acting_banner = None
        if current_user.is_authenticated and current_user.is_helper:
            acting = resolve()
            g.acting_banner = acting.person if acting else None

    @app.context_processor
    def _you():
        def you(second_person: str, third_person: str) -> str:
            """Second-person text for the applicant, third-person for a helper acting for them."""
            acting = g.get("acting")
            return third_person if acting is not None and acting.on_behalf else second_person
        return {"you": you}
