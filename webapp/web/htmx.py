"""One URL, full page or fragment: decide in one place (STYLE.md #9)."""
from flask import make_response, render_template, request


def wants_fragment() -> bool:
    """An htmx request for part of a page; boosted and history-restore requests want the page."""
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-Boosted") != "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )


def render_page_or_fragment(page: str, fragment: str, **context):
    """Render the page, or for htmx the partial the page itself includes; Vary on HX-Request."""
    response = make_response(render_template(fragment if wants_fragment() else page, **context))
    response.vary.add("HX-Request")
    return response
