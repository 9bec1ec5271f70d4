"""The manifest and service worker are served from the root so their scope is the whole site."""
import hashlib
from functools import lru_cache

from flask import current_app, render_template, url_for
from flask_babel import force_locale
from flask_babel import gettext as _

from ..config import ROOT
from ..web.preferences import current_language
from . import bp

# The shell the service worker keeps for offline use: every page's CSS, JS and icons.
SHELL = ("css/app.css", "js/app.js", "vendor/htmx-2.0.11.min.js", "icons/icon.svg",
         "icons/icon-192.png")


@lru_cache(maxsize=1)
def _shell_version() -> str:
    """A hash of the shell files and the worker itself: a new release gets a new cache."""
    digest = hashlib.sha256()
    for name in (*SHELL, "js/sw.js"):
        digest.update((ROOT / "static" / name).read_bytes())
    return digest.hexdigest()[:12]


@bp.route("/manifest.webmanifest")
def manifest():
    """Web app manifest in the current language."""
    data = {
        "name": _("Yangquan Disability Employment"),
        "short_name": _("Disability Jobs"),
        "lang": current_language().replace("_", "-"),
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
    source = (ROOT / "static" / "js" / "sw.js").read_text(encoding="utf-8")
    shell = [url_for("static", filename=name) for name in SHELL] + [url_for("pwa.offline")]
    body = source.replace("__VERSION__", _shell_version()).replace(
        "__SHELL__", current_app.json.dumps(shell)).replace("__OFFLINE__", url_for("pwa.offline"))
    response = current_app.response_class(body, mimetype="text/javascript")
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.route("/offline")
def offline():
    """Shown by the service worker when there is no network; in both languages."""
    texts = []
    for locale in current_app.config["LANGUAGES"]:
        with force_locale(locale):
            texts.append({
                "lang": locale.replace("_", "-"),
                "title": _("You are offline"),
                "message": _("Check your phone's connection and try again. Nothing you typed has been sent."),
                "home": _("Go to the home page"),
            })
    return render_template("pwa/offline.html", title=" / ".join(t["title"] for t in texts), texts=texts)
