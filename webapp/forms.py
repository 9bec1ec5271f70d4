"""Shared view helpers for forms: attach a domain error to its field, render with a 4xx."""
from flask import flash, render_template, request


def add_error(form, error) -> None:
    """Show a DomainError beside its field, or as a flash message when it has none."""
    field = getattr(form, error.field, None) if error.field else None
    if field is None:
        flash(str(error.message), "error")
    else:
        field.errors = [*field.errors, str(error.message)]


def render_form(template: str, form, status: int | None = None, **context):
    """Render a form page: 422 when the submitted form has errors, or the given status."""
    has_errors = any(f.errors for f in form)
    if status is None:
        status = 422 if (request.method == "POST" and has_errors) else 200
    return render_template(template, form=form, **context), status


def client_ip() -> str | None:
    return request.remote_addr


def safe_next(target: str | None) -> str | None:
    """Only same-site paths may be redirect targets."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return None
