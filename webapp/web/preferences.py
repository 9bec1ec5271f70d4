"""Language and care mode: chosen by ?lang= / ?care=, remembered in a cookie and the profile.

Locale order: ?lang= > cookie (or the signed-in profile) > Accept-Language > zh_CN.
"""
from flask import current_app, g, has_request_context, request
from flask_babel import get_locale
from flask_login import current_user

from ..services.accounts.users import set_preferences
from .client import client_address

LANG_COOKIE = "lang"
CARE_COOKIE = "care"


def _supported(app_config, value: str | None) -> str | None:
    if not value:
        return None
    value = value.replace("-", "_")
    for lang in app_config["LANGUAGES"]:
        if value.lower() == lang.lower() or value.lower() == lang.split("_")[0].lower():
            return lang
    return None


def select_locale() -> str:
    cfg = current_app.config
    if not has_request_context():  # CLI and background work: the default language
        return cfg["BABEL_DEFAULT_LOCALE"]
    chosen = _supported(cfg, request.args.get("lang"))
    if chosen:
        return chosen
    profile = getattr(current_user, "locale", None) if current_user else None
    chosen = _supported(cfg, request.cookies.get(LANG_COOKIE)) or _supported(cfg, profile)
    if chosen:
        return chosen
    best = request.accept_languages.best_match(["zh_CN", "zh", "en"])
    if best and best.startswith("en"):
        return "en"
    return cfg["BABEL_DEFAULT_LOCALE"]


def care_mode() -> bool:
    """Care mode is on when asked for (?care=1), else as remembered in the cookie or profile."""
    asked = request.args.get("care")
    if asked in ("0", "1"):
        return asked == "1"
    cookie = request.cookies.get(CARE_COOKIE)
    if cookie in ("0", "1"):
        return cookie == "1"
    return bool(getattr(current_user, "care_mode", False))


def in_wechat() -> bool:
    """Inside WeChat's own browser, which draws its own title bar (our top bar then shrinks)."""
    return "MicroMessenger" in request.headers.get("User-Agent", "")


def current_language() -> str:
    """The active catalog's code as we name it ("zh_CN" or "en"); Babel says zh_Hans_CN."""
    return "en" if get_locale().language == "en" else "zh_CN"


def remember(response, lang: str | None = None, care: str | None = None) -> None:
    """Set the preference cookies for the choices given ("0"/"1" for care mode)."""
    options = {"max_age": current_app.config["PREFERENCE_COOKIE_DAYS"] * 86400, "samesite": "Lax",
               "secure": current_app.config["SESSION_COOKIE_SECURE"], "httponly": True}
    if lang:
        response.set_cookie(LANG_COOKIE, lang, **options)
    if care is not None:
        response.set_cookie(CARE_COOKIE, care, **options)


def init_app(app) -> None:
    @app.before_request
    def _choose():
        g.care_mode = care_mode()

    @app.after_request
    def _remember(response):
        """Store an explicit ?lang= or ?care= choice in cookies and the signed-in profile."""
        lang = _supported(app.config, request.args.get("lang"))
        care = request.args.get("care")
        if not lang and care not in ("0", "1"):
            return response
        remember(response, lang=lang, care=care if care in ("0", "1") else None)
        if current_user.is_authenticated and response.status_code < 400:
            set_preferences(current_user, locale=lang, care_mode=(care == "1") if care in ("0", "1") else None,
                            ip=client_address())
        return response

    @app.context_processor
    def _inject():
        locale = current_language()
        return {
            "care_mode": g.get("care_mode", False),
            "current_locale": locale,
            "html_lang": locale.replace("_", "-"),
            "in_wechat": in_wechat(),
        }
