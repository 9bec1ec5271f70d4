"""我的资料: identity questions, consent, evidence photos, and the person's own data."""
from flask import Blueprint

bp = Blueprint("profile", __name__)

from . import consent, data, evidence, routes  # noqa: E402,F401
