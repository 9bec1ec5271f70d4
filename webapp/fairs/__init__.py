"""招聘活动: job fairs, online or on site, that employers join and jobseekers register for."""
from flask import Blueprint

bp = Blueprint("fairs", __name__)

from . import routes  # noqa: E402,F401
