"""Casework (残联工作台): the district queue, the application page with its decisions, and the
identity check and ability assessment of a person."""
from flask import Blueprint

bp = Blueprint("casework", __name__)

from . import decisions, followups, people, routes, subsidies, transfers  # noqa: E402,F401
