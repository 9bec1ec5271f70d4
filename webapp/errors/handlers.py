"""Every error becomes a page in the person's language with a way back."""
from flask import current_app, g, render_template
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from werkzeug.exceptions import HTTPException

from ..extensions import db, login_manager
from . import bp

MESSAGES = {
    400: (_l("Something was wrong with the request"), _l("Please go back and try again.")),
    403: (_l("You cannot see this page"), _l("Your account does not have access to this page.")),
    404: (_l("Page not found"), _l("The page may have moved, or the address may be wrong.")),
    405: (_l("This action is not allowed here"), _l("Please go back and use the buttons on the page.")),
    413: (_l("The file is too large"), _l("Please choose a smaller file and try again.")),
    429: (_l("Too many tries"), _l("Please wait a minute and try again.")),
    500: (_l("Sorry, something went wrong on our side"), _l("What you sent was not saved. Please try again in a moment, or call 12385.")),
    503: (_l("The service is briefly unavailable"),
          _l("Our database could not be reached, so what you sent was not saved. Please try again in a "
             "moment. If you go back, your answers are still on the previous page.")),
}
# Seconds a browser (or a proxy) is told to wait before trying again when the database is away.
RETRY_AFTER_SECONDS = 30


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


def _database_unreachable(error: DBAPIError) -> bool:
    """The server is down, refused us, or dropped the connection: not a fault in the request."""
    return isinstance(error, (OperationalError, InterfaceError)) or error.connection_invalidated


def _forget_the_database() -> None:
    """Undo what was half done, and render the page without asking the database anything more:
    the page is drawn for a signed-out visitor (no unread count, no acting banner)."""
    try:
        db.session.rollback()
    except DBAPIError:  # the rollback could not reach the server either; the transaction dies with the connection
        current_app.logger.warning("Rollback failed while the database was unreachable")
    g._login_user = login_manager.anonymous_user()
    g.acting_banner = None


@bp.app_errorhandler(DBAPIError)
def database_error(error):
    if not _database_unreachable(error):
        return server_error(error)
    _forget_the_database()
    current_app.logger.error("Database unreachable: %s", error.orig)
    body, code = _page(503)
    return body, code, {"Retry-After": str(RETRY_AFTER_SECONDS)}


@bp.app_errorhandler(Exception)
def server_error(error):
    db.session.rollback()
    current_app.logger.exception("Unhandled error", exc_info=error)
    return _page(500)
