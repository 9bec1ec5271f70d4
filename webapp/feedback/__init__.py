"""需求反馈与好差评: a person's questions, needs and complaints and their ratings of the service; the
district caseworkers' replies and call-backs; the administrator's figures per district."""
from flask import Blueprint

bp = Blueprint("feedback", __name__)

from . import routes, staff  # noqa: E402,F401
