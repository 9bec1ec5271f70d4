"""招聘岗位 for jobseekers: find jobs, a job's page, and the jobs that fit a person."""
from flask import Blueprint

bp = Blueprint("jobs", __name__)

from . import routes  # noqa: E402,F401
