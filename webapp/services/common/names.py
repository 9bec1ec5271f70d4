"""People's names as they type them: inner spaces folded, none at the ends, at most 50 characters."""
from flask_babel import lazy_gettext as _l

from .errors import DomainError
from .text import plain

MAX_NAME = 50


def check_name(name: str, field: str = "name") -> str:
    name = plain(name)
    if not name:
        raise DomainError(_l("Enter your real name."), field)
    if len(name) > MAX_NAME:
        raise DomainError(_l("Your name must be 50 characters or fewer."), field)
    return name
