"""一人一策: caseworkers' plans for disabled university students and recent graduates."""
from flask import Blueprint

bp = Blueprint("graduates", __name__)

from . import routes  # noqa: E402,F401
