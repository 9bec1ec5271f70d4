"""City administrators: staff accounts, the audit log, decision texts and the plan dashboard."""
from flask import Blueprint

bp = Blueprint("admin", __name__)

from . import audit_log, dashboard, decision_texts, deliveries, employers, jobs, routes, subsidies  # noqa: E402,F401
