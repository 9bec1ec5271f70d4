"""What the service worker (static/js/sw.js) may keep for reading offline, and whose it is.

Lists and details anyone may see are kept as "saved at …"; the signed-in person's own
applications, timelines and notices as "last updated …". Every page says whose it is with an
opaque owner mark: the worker keeps a signed-in person's pages apart and throws them all away as
soon as a page arrives for somebody else or for nobody (signing out). The HTTP cache still never
keeps a signed-in page (Cache-Control: private, no-store).
"""
import hashlib
import hmac

from flask import current_app, request, session
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_login import current_user

from ..models.base import utcnow
from ..web.acting import SESSION_KEY as ACTING_KEY
from . import bp

SAVED = frozenset({"main.home", "find.training", "find.opportunities", "find.course", "find.opportunity"})
PERSONAL = frozenset({"applying.mine", "applying.detail", "applying.inbox"})
KEEP_HEADER = "X-Offline-Keep"
OWNER_HEADER = "X-Offline-Owner"
NOBODY = "-"


def owner_mark() -> str:
    """Whose pages these are: a keyed hash of the session's account and the person acted for."""
    if not current_user.is_authenticated:
        return NOBODY
    who = f"{current_user.get_id()}/{session.get(ACTING_KEY, '')}".encode()
    return hmac.new(current_app.secret_key.encode(), b"offline-owner:" + who, hashlib.sha256).hexdigest()[:20]


def keep_kind() -> str | None:
    """'personal', 'saved' or None: whether this request's page may be read offline later."""
    if request.method != "GET":
        return None
    if request.endpoint in PERSONAL:
        return "personal"
    return "saved" if request.endpoint in SAVED else None


def offline_note() -> str | None:
    """The line a page shows when the worker serves it offline (hidden until then)."""
    kind = keep_kind()
    if kind is None:
        return None
    time = format_datetime(utcnow(), "short")
    if kind == "personal":
        return _("Offline — last updated %(time)s", time=time)
    return _("Offline — saved at %(time)s", time=time)


@bp.app_context_processor
def _offline_note():
    return {"offline_note": offline_note()}


@bp.after_app_request
def _mark(response):
    """Say whose every page is, which pages may be kept for reading offline, and at sign-out
    clear the browser's cache (the worker drops the person's pages when the next page is nobody's)."""
    if request.endpoint == "auth.logout":
        response.headers["Clear-Site-Data"] = '"cache"'
    if response.mimetype == "text/html":
        response.headers[OWNER_HEADER] = owner_mark()
        kind = keep_kind()
        if kind and response.status_code == 200:
            response.headers[KEEP_HEADER] = kind
    return response
