"""Template helpers: error lists for the summary, URLs that switch language or care mode."""
from urllib.parse import urlencode

from flask import request
from wtforms import RadioField, SelectMultipleField


def form_errors(form) -> list[tuple[str, str]]:
    """(element id, message) for each field with an error, in form order."""
    found = []
    for field in form:
        if field.errors:
            target = f"{field.id}-0" if isinstance(field, (RadioField, SelectMultipleField)) else field.id
            found.append((target, field.errors[0]))
    return found


def switch_url(**params) -> str:
    """The current page's URL with some query parameters replaced (e.g. lang=en, care=1)."""
    args = request.args.to_dict()
    args.update({k: v for k, v in params.items() if v is not None})
    return f"{request.path}?{urlencode(args)}"


def init_app(app) -> None:
    app.jinja_env.globals.update(form_errors=form_errors, switch_url=switch_url)
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
