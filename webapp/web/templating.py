"""Template helpers: error lists for the summary, URLs that switch language or care mode, the
tone of a status tag, the unread notice count, the names templates ask the rules with, and a
quicker way for templates to find the current language's catalog."""
from urllib.parse import urlencode

from flask import g, request
from flask_babel import get_translations
from flask_login import current_user
from wtforms import RadioField, SelectMultipleField

from ..models import ApplicationStatus, OpportunityStatus
from ..models.applying.kinds import KIND_LABELS
from ..services.applications.rules import Action
from ..services.common import next_steps, notices
from ..services.identity.profiles import reference
from ..services.needs.versions import reference as needs_reference
from ..services.opportunities.publishing import StatusAction


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


# Tag styles; the words carry the meaning, the style only helps.
_A, _O = ApplicationStatus, OpportunityStatus
TONES = {
    _A: {_A.APPROVED: "ok", _A.ENROLLED: "ok", _A.ALLOCATED: "ok", _A.HIRED: "ok", _A.NEEDS_INFO: "warn",
         _A.DRAFT: "warn", _A.REJECTED: "muted", _A.WITHDRAWN: "muted", _A.NOT_ALLOCATED: "muted",
         _A.OFFERED: "ok", _A.DECLINED: "muted"},
    _O: {_O.DRAFT: "warn", _O.PUBLISHED: "ok", _O.CLOSED: "muted"},
}


def status_tone(status) -> str:
    """A tag style for an application's or an opportunity's status."""
    return TONES.get(type(status), {}).get(status, "info")


def unread_notice_count() -> int:
    """Unread notices of the signed-in applicant (or the person a helper acts for), for the tab bar."""
    if not current_user.is_authenticated or not (current_user.is_applicant or current_user.is_helper):
        return 0
    acting = g.get("acting")
    person = acting.person if acting else (g.get("acting_banner") or current_user)
    return notices.unread_count(person)


_CATALOGS: dict = {}  # babel Locale -> its Translations (one per language the service speaks)


def catalog():
    """The current language's catalog. Flask-Babel looks the request's context up four times
    for every message a template translates; a list page translates a few dozen. Follows
    force_locale, which swaps the request's locale."""
    try:
        locale = g._get_current_object()._flask_babel.babel_locale
    except (AttributeError, RuntimeError):  # no language chosen yet in this request, or no request
        return get_translations()
    found = _CATALOGS.get(locale)
    if found is None:
        found = _CATALOGS[locale] = get_translations()
    return found


def init_app(app) -> None:
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: catalog().ugettext(s), ngettext=lambda s, p, n: catalog().ungettext(s, p, n),
        pgettext=lambda c, s: catalog().upgettext(c, s),
        npgettext=lambda c, s, p, n: catalog().unpgettext(c, s, p, n), newstyle=True)
    app.jinja_env.globals.update(form_errors=form_errors, switch_url=switch_url, reference=reference,
                                 needs_reference=needs_reference, kinds=KIND_LABELS, status_tone=status_tone,
                                 unread_notice_count=unread_notice_count, next_step_rows=next_steps.rows, Action=Action,
                                 StatusAction=StatusAction,
                                 dev_copy=app.config["APP_ENV"] == "development")
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
