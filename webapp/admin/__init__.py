"""City administrators: staff accounts (later: publishing and the plan dashboard)."""
from flask import Blueprint

bp = Blueprint("admin", __name__)

from . import routes  # noqa: E402,F401
