"""Form pages: attach a domain error to its field, render with a 4xx when something needs fixing."""
from flask import flash, render_template, request


def add_error(form, error) -> None:
    """Show a DomainError beside its field, or as a flash message when it has none (the page is a
    refusal either way, so it answers with a 4xx)."""
    field = getattr(form, error.field, None) if error.field else None
    if field is None:
        flash(str(error.message), "error")
        form.refusal_status = getattr(error, "status", 422)
    else:
        field.errors = [*field.errors, str(error.message)]


def add_errors(form, error) -> None:
    """Every problem of an error that found several (the publishing forms), each beside its field."""
    for problem in getattr(error, "problems", [error]):
        add_error(form, problem)


def render_form(template: str, form, status: int | None = None, **context):
    """Render a form page: 422 when the submitted form has errors, or the given status."""
    has_errors = any(f.errors for f in form)
    if status is None:
        refused = getattr(form, "refusal_status", None)
        status = refused or (422 if (request.method == "POST" and has_errors) else 200)
    return render_template(template, form=form, **context), status
