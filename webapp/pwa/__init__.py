"""Progressive web app: manifest, service worker at the site root, offline page."""
from flask import Blueprint

bp = Blueprint("pwa", __name__)

from . import offline, routes  # noqa: E402,F401
