"""The four tabs (home, training, opportunities, me) and settings."""
from flask import Blueprint

bp = Blueprint("main", __name__)

from . import routes  # noqa: E402,F401
