"""Admins publish training courses, stall openings and public-welfare posts."""
from flask import Blueprint

bp = Blueprint("publish", __name__)

from . import draw, routes  # noqa: E402,F401
