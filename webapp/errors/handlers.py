"""Every error becomes a page in the person's language with a way back."""
from flask import current_app, render_template
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from ..extensions import db
from . import bp

MESSAGES = {
    400: (_l("Something was wrong with the request"), _l("Please go back and try again.")),
    403: (_l("You cannot see this page"), _l("Your account does not have access to this page.")),
    404: (_l("Page not found"), _l("The page may have moved, or the address may be wrong.")),
    405: (_l("This action is not allowed here"), _l("Please go back and use the buttons on the page.")),
    413: (_l("The file is too large"), _l("Please choose a smaller file and try again.")),
    429: (_l("Too many tries"), _l("Please wait a minute and try again.")),
    500: (_l("Sorry, something went wrong on our side"), _l("What you sent was not saved. Please try again in a moment, or call 12385.")),
}


def _page(code: int, detail=None):
    title, message = MESSAGES.get(code, MESSAGES[400] if code < 500 else MESSAGES[500])
    return render_template("errors/error.html", title=title, message=detail or message,
                           code=code, page_error=True), code


@bp.app_errorhandler(CSRFError)
def csrf_error(_error):
    return _page(400, _l("This page had expired, so nothing was sent. Please go back, refresh the page and try again."))


@bp.app_errorhandler(HTTPException)
def http_error(error):
    return _page(error.code or 500)


@bp.app_errorhandler(Exception)
def server_error(error):
    db.session.rollback()
    current_app.logger.exception("Unhandled error", exc_info=error)
    return _page(500)
