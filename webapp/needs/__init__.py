"""就业需求登记: the needs questions, check and submit, and the history of versions."""
from flask import Blueprint

bp = Blueprint("needs", __name__)

from . import routes  # noqa: E402,F401
