"""培训 and 机会 tabs: find courses, stalls and posts; details; saved items."""
from flask import Blueprint

bp = Blueprint("find", __name__)

from . import draw, routes, subsidies  # noqa: E402,F401
