"""亲友代办: invite codes, links, choosing whom to act for, caseworker-made links."""
from flask import Blueprint

bp = Blueprint("family", __name__)

from . import routes  # noqa: E402,F401
