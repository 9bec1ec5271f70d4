"""用人单位: an employer's own pages — its account and quota position, its job posts, and the
applicants of its jobs (only what each chose to share)."""
from flask import Blueprint

bp = Blueprint("employer", __name__)

from . import account, applicants, jobs  # noqa: E402,F401
