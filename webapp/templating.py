"""Template helpers: error lists for the summary, URLs that switch language or care mode."""
from urllib.parse import urlencode

from flask import request
from wtforms import RadioField, SelectMultipleField


def form_errors(form) -> list[tuple[str, str]]:
    """(element id, message) for each field with an error, in form order."""
    found = []
    for field in form:
        if field.errors:
            target = f"{field.id}-0" if isinstance(field, (RadioField, SelectMultipleField)) else field.id
            found.append((target, field.errors[0]))
    return found


def switch_url(**params) -> str:
    """The current page's URL with some query parameters replaced (e.g. lang=en, care=1)."""
    args = request.args.to_dict()
    args.update({k: v for k, v in params.items() if v is not None})
    return f"{request.path}?{urlencode(args)}"


TONES = {"approved": "ok", "enrolled": "ok", "allocated": "ok", "hired": "ok", "needs_info": "warn",
         "draft": "warn", "rejected": "muted", "withdrawn": "muted", "not_allocated": "muted"}


def status_tone(status: str) -> str:
    """A tag style for a status; the words carry the meaning, the style only helps."""
    return TONES.get(status, "info")


def unread_notice_count() -> int:
    """Unread notices of the signed-in applicant (or the person a helper acts for), for the tab bar."""
    from flask import g
    from flask_login import current_user

    from .services import notices

    if not current_user.is_authenticated or current_user.role not in ("applicant", "helper"):
        return 0
    acting = g.get("acting")
    person = acting.person if acting else (g.get("acting_banner") or current_user)
    return notices.unread_count(person)


def init_app(app) -> None:
    from .services import needs, profiles
    from .vocab import APPLICATION_STATUS, OPPORTUNITY_KINDS

    app.jinja_env.globals.update(form_errors=form_errors, switch_url=switch_url,
                                 reference=profiles.reference, needs_reference=needs.reference,
                                 statuses=APPLICATION_STATUS, kinds=OPPORTUNITY_KINDS, status_tone=status_tone,
                                 unread_notice_count=unread_notice_count)
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
