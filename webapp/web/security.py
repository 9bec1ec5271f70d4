"""Security headers, the signed-in user loader, and the idle sign-out for staff."""
import time

from flask import flash, g, redirect, request, session, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, logout_user

from ..extensions import db, login_manager
from ..models import User
from ..services.accounts.signin import record_logout
from ..services.common.text import whole_number
from .client import client_address
from .converters import MAX_ID

CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "manifest-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])


def init_app(app) -> None:
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please sign in to see this page.")
    login_manager.login_message_category = "info"
    # "basic" rather than "strong": phones hop between Wi-Fi and 4G, and a changed address
    # must not throw an older person out in the middle of a form.
    login_manager.session_protection = "basic"

    @login_manager.user_loader
    def _load(session_id: str):
        """The account of a session id "<user id>:<session version>", if the session still holds."""
        user_id, _colon, version = str(session_id).partition(":")
        number = whole_number(user_id, MAX_ID)
        user = db.session.get(User, number) if number else None
        # Switched off, deleted, or signed out since (the version moved on): signed out here too.
        if user is None or not user.active or version != str(user.session_version or 0):
            return None
        return user

    @app.before_request
    def _staff_idle_timeout():
        """Sign staff out after 30 idle minutes; pages warn them after 15 (static/js/app.js)."""
        if not (current_user.is_authenticated and current_user.is_staff):
            return None
        if request.endpoint in ("static", "pwa.service_worker", "pwa.manifest"):
            return None
        now = int(time.time())
        last = session.get("last_seen", now)
        if now - last > app.config["STAFF_IDLE_LOGOUT_SECONDS"]:
            record_logout(current_user, client_address(), reason="idle")
            logout_user()
            session.clear()
            flash(_l("You were signed out after 30 minutes without activity, to keep people's data safe. Please sign in again."), "info")
            return redirect(url_for("auth.login"))
        session["last_seen"] = now
        g.idle_warning_seconds = app.config["STAFF_IDLE_WARNING_SECONDS"]
        return None

    @app.after_request
    def _headers(response):
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Permissions-Policy", "geolocation=(), microphone=(), payment=()")
        if current_user.is_authenticated and response.mimetype == "text/html":
            response.headers["Cache-Control"] = "private, no-store"
        return response
