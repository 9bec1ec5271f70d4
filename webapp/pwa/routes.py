"""The manifest and service worker are served from the root so their scope is the whole site."""
import hashlib
from functools import lru_cache
from pathlib import Path

from flask import current_app, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _

from ..config import ROOT
from ..web.serving.assets import without_comment_lines
from ..web.preferences import current_language
from . import bp

# The shell the service worker keeps for offline use: every page's CSS, JS and icons.
SHELL = ("css/app.css", "js/app.js", "vendor/htmx-2.0.11.min.js", "icons/icon.svg",
         "icons/icon-192.png")

# Why the worker shows the offline page: a page not saved, a search with no saved answer, or a
# form it could not send. The worker keeps all three from its first install.
REASONS = ("page", "search", "form")


@lru_cache(maxsize=1)
def _shell_version() -> str:
    """A hash of the shell, the worker and the offline page's making: a new release gets a new cache."""
    digest = hashlib.sha256()
    files = [ROOT / "static" / name for name in (*SHELL, "js/sw.js")]
    files += [ROOT / "webapp" / "templates" / name for name in ("base.html", "pwa/offline.html")]
    files += sorted((ROOT / "translations").glob("*/LC_MESSAGES/messages.mo"))
    for path in files:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


# The manifest a page links to names its language and a hash of everything its content comes from
# (?lang=…&v=…): this file, the catalogs and the shell. Any change is a new URL, so a browser may
# keep the one it has for good, like the static files under hashed names.
MANIFEST_CACHE = "public, max-age=31536000, immutable"


@lru_cache(maxsize=1)
def _manifest_version() -> str:
    return hashlib.sha256((_shell_version() + Path(__file__).read_text(encoding="utf-8")).encode()).hexdigest()[:12]


@bp.app_template_global()
def manifest_url() -> str:
    """The manifest in the page's language, for this release: a URL the browser may keep."""
    return url_for("pwa.manifest", lang=current_language(), v=_manifest_version())


@bp.route("/manifest.webmanifest")
def manifest():
    """Web app manifest in the language the link names (else the visitor's language)."""
    lang = request.args.get("lang")
    if lang in current_app.config["LANGUAGES"]:
        with force_locale(lang):
            response = _manifest(lang)
        response.headers["Cache-Control"] = MANIFEST_CACHE
        return response
    return _manifest(current_language())


def _manifest(lang: str):
    data = {
        "name": _("Yangquan Disability Employment"),
        "short_name": _("Disability Jobs"),
        "lang": lang.replace("_", "-"),
        "start_url": url_for("main.home"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#EDEDED",
        "theme_color": "#018942",
        "icons": [
            {"src": url_for("static", filename=f"icons/{name}"), "sizes": size, "type": "image/png", "purpose": purpose}
            for name, size, purpose in (("icon-192.png", "192x192", "any"), ("icon-512.png", "512x512", "any"),
                                        ("maskable-512.png", "512x512", "maskable"))
        ],
    }
    response = current_app.json.response(data)
    response.mimetype = "application/manifest+json"
    return response


@bp.route("/sw.js")
def service_worker():
    """The service worker script with its cache version and shell list filled in."""
    source = without_comment_lines("js/sw.js", (ROOT / "static" / "js" / "sw.js").read_bytes()).decode("utf-8")
    shell = [url_for("static", filename=name) for name in SHELL] + [
        url_for("pwa.offline", **({"for": reason} if reason != "page" else {})) for reason in REASONS]
    body = source.replace("__VERSION__", _shell_version()).replace(
        "__SHELL__", current_app.json.dumps(shell)).replace("__OFFLINE__", url_for("pwa.offline"))
    response = current_app.response_class(body, mimetype="text/javascript")
    response.headers["Cache-Control"] = "no-cache"
    return response



def _offline_texts(reason: str) -> dict:
    if reason == "search":
        message = _("There is no saved answer to this search on this phone. Older results are not shown "
                    "in its place, as they could be wrong. Try again when you are connected.")
    elif reason == "form":
        message = _("Nothing was sent: the form could not reach us. What you typed is kept on this phone "
                    "where the browser allows. Go back to the form when you are connected again and send it.")
    else:
        message = _("This page is not saved on this phone. Check your phone's connection and try again.")
    return {"title": _("You are offline"), "message": message, "home": _("Go to the home page"),
            "back": _("Back to the form")}


@bp.route("/offline")
def offline():
    """Shown by the service worker when there is no network; in both languages."""
    reason = request.args.get("for")
    reason = reason if reason in REASONS else "page"
    texts = []
    for locale in current_app.config["LANGUAGES"]:
        with force_locale(locale):
            texts.append({"lang": locale.replace("_", "-"), **_offline_texts(reason)})
    return render_template("pwa/offline.html", title=" / ".join(t["title"] for t in texts), texts=texts,
                           reason=reason)
