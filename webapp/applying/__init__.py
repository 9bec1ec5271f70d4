"""Applying and following: eligibility, the application steps, my applications, timeline, notices."""
from flask import Blueprint

bp = Blueprint("applying", __name__)

from . import following, offers, routes, subsidy  # noqa: E402,F401
