"""Accounts: sign in and out, registration and password reset by SMS code."""
from flask import Blueprint

bp = Blueprint("auth", __name__)

from . import routes  # noqa: E402,F401
