"""What every sign-up and sign-in page shares (the jobseekers' in auth/, the employers' in
employer/): rate limits on its POSTs, starting a fresh session, and the development copy's
on-page SMS codes."""
from flask import current_app, session
from flask_login import login_user

from ..extensions import limiter


def limit(name: str):
    """The rate limit named by config key `name`, on POSTs only."""
    return limiter.limit(lambda: current_app.config[name], methods=["POST"])


def sign_in(user) -> None:
    """A new session for `user`: nothing of the signed-out session carries over."""
    session.clear()
    login_user(user)
    session.permanent = True


def shows_codes() -> bool:
    """Only a development copy shows codes on the page (and says so on every page)."""
    return current_app.config["APP_ENV"] == "development" and current_app.config["SMS_SHOW_CODE"]


def keep_dev_code(phone: str, code: str | None) -> None:
    """Development: remember the code in this process, never in the (readable) session cookie."""
    if shows_codes():
        current_app.extensions.setdefault("dev_sms_codes", {})[phone] = code


def dev_code(phone: str) -> str | None:
    return current_app.extensions.get("dev_sms_codes", {}).get(phone) if shows_codes() else None
