"""政策指南: the action plan's measures in plain words and easy read, and "这项政策适合我吗？"."""
from flask import Blueprint

bp = Blueprint("policies", __name__)

from . import routes  # noqa: E402,F401
