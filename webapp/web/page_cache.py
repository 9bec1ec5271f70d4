"""The page cache: public pages, as an anonymous visitor sees them, kept as rendered HTML in a cache
that every app server shares (Flask-Caching).

Which pages: the endpoints in PAGES, and only those (opt in here, never a blanket rule). A page is
served from the cache, or fills it, only for an anonymous GET with no message waiting in the session;
a signed-in person (and so a family helper acting for someone) always gets a page made for them.

The key holds everything that changes such a page's HTML: the host, the path, the query string
(parameters sorted by name), the language, care mode, the in-WeChat layout, full page or htmx
fragment, and the service's day (so "open now" and "deadline passed" turn over at midnight at
once). A page is stored only if the response, once final (after the session is saved), is a 200
HTML page that sets no cookie and is not `no-store`, and no CSRF token was made while rendering it:
so a page carrying a flash message, a per-visitor token or a session change never reaches a second
person. The offline note's "saved at" time is the time the page was made, which is when its
content is from.

Invalidation has one home, here: every key starts with a generation token kept in the same cache.
Any transaction that writes a table a cached page shows (PUBLIC_TABLES: publishing, edits, closing,
places taken by an application, the draw) marks its session; after its commit, the token is
replaced, on every server at once, and every cached page is out of reach. A rolled-back change
invalidates nothing. A new random token (not a counter) means two servers changing things at the
same moment can never leave one change unseen; a token lost (evicted) only costs misses. The same
mechanism keeps a few costly signed-in figures (cached_figure: the queue's counts per status)
under a token of their own per table (FIGURE_GENERATIONS), replaced after any commit writing it.

Every page also expires after PAGE_CACHE_SECONDS (60 s): the safety net for what no session sees,
such as a change typed into the database by hand, a restore, or a bulk load past the ORM. The
service's day is in the key, so the lists' "open now" turns over at midnight without waiting for it.

Where the cache lives: Redis at CACHE_REDIS_URL (default REDIS_URL) when configured, which is what
several machines need. Otherwise files under instance/page-cache, shared by all the worker
processes gunicorn runs on this machine: a cache inside each process would keep serving a page
another worker had just invalidated. Files are written whole and renamed into place, so a reader
never sees half a page. A cache that fails (Redis down) is a miss, never an error page.
"""
import hashlib
import logging
import secrets
from functools import wraps
from urllib.parse import urlencode

from flask import current_app, g, has_app_context, request, request_finished, session
from flask_login import current_user
from sqlalchemy import event
from sqlalchemy.orm import Session

from ..extensions import cache
from ..services.common import dates
from .htmx import wants_fragment
from .preferences import current_language, in_wechat
from .serving.compression import carries_secret

log = logging.getLogger(__name__)

PAGES = frozenset({"main.home", "find.training", "find.opportunities", "find.course", "find.opportunity",
                   "jobs.index", "jobs.job", "fairs.index", "fairs.detail", "pwa.offline",
                   "policies.index", "policies.measure"})
# The tables those pages read (a job and a fair show their employers' names). A transaction writing
# one of them invalidates every cached page.
PUBLIC_TABLES = frozenset({"opportunities", "employers", "fairs", "fair_employers", "fair_jobs"})

GENERATION = "generation"
# Other figures kept in the same cache, each under a generation token of its own that a commit
# writing its table replaces: table -> token key (see cached_figure).
FIGURE_GENERATIONS = {"applications": "generation:applications"}
TOKENS = {**{table: GENERATION for table in PUBLIC_TABLES}, **FIGURE_GENERATIONS}
# Long but not endless: a full local cache evicts first what never expires (cachelib sorts by expiry),
# and an evicted token would empty the cache at every write. Expired, it is simply made anew.
GENERATION_SECONDS = 7 * 86400
CHANGED = "page_cache_changed"  # in session.info: the tokens this transaction's writes replace
PENDING = "page_cache_pending"  # in g: the key and page to store once the response is final
STATUS_HEADER = "X-Page-Cache"


def _safely(what: str, action, default=None):
    """Run a cache operation; a cache that is down is a miss and a warning, never an error page."""
    try:
        return action()
    except Exception:  # noqa: BLE001 - any backend's failure (Redis, disk) means "no cache now"
        log.warning("page cache: %s failed", what, exc_info=True)
        return default


def _generation(name: str = GENERATION) -> str:
    token = cache.get(name)
    if token is None:  # first use, or evicted: a new token, agreed between servers by add()
        cache.add(name, secrets.token_hex(8), timeout=GENERATION_SECONDS)
        token = cache.get(name)
    return token


def _forget(name: str) -> None:
    if has_app_context() and current_app.extensions.get("page_cache"):
        _safely("invalidation", lambda: cache.set(name, secrets.token_hex(8), timeout=GENERATION_SECONDS))


def forget_pages() -> None:
    """Put every cached page out of reach, on every server sharing the cache. Called after a commit
    that changed public content; code writing past the ORM session (a bulk load) calls it itself."""
    _forget(GENERATION)


def cached_figure(tables: tuple[str, ...], key: str, compute, seconds: int = 60):
    """`compute()`, or what it gave before for `key` while nothing has been committed to any of
    `tables` since (on any server sharing the cache) and at most `seconds` ago. No shared cache, or
    one that fails: computed each time. For figures that are costly to count and read far more
    often than their tables change, such as the queue's counts of a whole district."""
    if not current_app.extensions.get("page_cache"):
        return compute()
    full = _safely("lookup", lambda: ":".join([*(_generation(TOKENS[table]) for table in tables), "figure", key]))
    kept = _safely("read", lambda: cache.get(full)) if full else None
    if kept is not None:
        return kept[0]
    found = compute()
    if full:  # kept in a tuple: a figure that is None is kept too
        _safely("write", lambda: cache.set(full, (found,), timeout=seconds))
    return found


def _may_use_cache() -> bool:
    """Only an anonymous GET with no flash message waiting may be served from or fill the cache."""
    return request.method == "GET" and not current_user.is_authenticated and "_flashes" not in session


def _variant() -> str:
    """What, besides the content, makes this request's page what it is."""
    query = urlencode(sorted(request.args.items(multi=True), key=lambda pair: pair[0]))  # stable sort
    parts = (request.host_url, request.path, query, current_language(), "care" if g.get("care_mode") else "",
             "wechat" if in_wechat() else "", "fragment" if wants_fragment() else "page",
             dates.today().isoformat())
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def cached_page(view):
    """The view, answered from the cache when it may be, its page kept for the next visitor."""
    @wraps(view)
    def cached_view(*args, **kwargs):
        if not _may_use_cache():
            return view(*args, **kwargs)
        key = _safely("lookup", lambda: f"{_generation()}:{_variant()}")
        entry = _safely("read", lambda: cache.get(key)) if key else None
        if entry is not None:
            body, headers = entry
            response = current_app.response_class(body, status=200, headers=headers)
            response.headers[STATUS_HEADER] = "hit"
            return response
        response = current_app.make_response(view(*args, **kwargs))
        if key and response.status_code == 200 and not response.is_streamed:
            headers = [(name, value) for name, value in response.headers
                       if name.lower() not in ("content-length", "set-cookie")]
            g.setdefault(PENDING, (key, (response.get_data(), headers)))
            response.headers[STATUS_HEADER] = "miss"
        return response

    return cached_view


def _storable(response) -> bool:
    """Whether the final response is the same for every anonymous visitor with the same key."""
    cache_control = response.headers.get("Cache-Control", "")
    return (response.status_code == 200 and response.mimetype == "text/html"
            and "Set-Cookie" not in response.headers and not session.modified and not carries_secret()
            and "no-store" not in cache_control and "private" not in cache_control)


def _store(app, response, **_extra) -> None:
    """After the session is saved and every after_request hook has run: keep the page if it may be."""
    pending = g.pop(PENDING, None)
    if pending is not None and _storable(response):
        key, entry = pending
        _safely("write", lambda: cache.set(key, entry, timeout=app.extensions["page_cache"]["seconds"]))


# --- invalidation: after the commit of a transaction that wrote public content -------------------

def _mark(session, table) -> None:
    token = TOKENS.get(table)
    if token is not None:
        session.info.setdefault(CHANGED, set()).add(token)


def _mark_flushed(session, _flush_context) -> None:
    for instance in (*session.new, *session.dirty, *session.deleted):
        _mark(session, getattr(instance, "__tablename__", None))


def _mark_statement(state) -> None:
    """Bulk and guarded UPDATEs (places taken, status moves, the draw) bypass the flush."""
    if state.is_update or state.is_delete or state.is_insert:
        _mark(state.session, getattr(getattr(state.statement, "table", None), "name", None))


def _after_commit(session) -> None:
    for token in session.info.pop(CHANGED, ()):
        _forget(token)


def _after_rollback(session) -> None:
    session.info.pop(CHANGED, None)


_LISTENERS = (("after_flush", _mark_flushed), ("do_orm_execute", _mark_statement),
              ("after_commit", _after_commit), ("after_rollback", _after_rollback))


def init_app(app) -> None:
    """Choose the backend and wrap the PAGES views; call after the blueprints are registered."""
    seconds = app.config.get("PAGE_CACHE_SECONDS", 60)
    if not seconds:
        return  # PAGE_CACHE_SECONDS=0: no page cache
    chosen = {"CACHE_KEY_PREFIX": "yq-page:", "CACHE_DEFAULT_TIMEOUT": seconds}
    if app.config.get("CACHE_TYPE"):
        chosen["CACHE_TYPE"] = app.config["CACHE_TYPE"]
    elif app.config.get("CACHE_REDIS_URL"):
        # A Redis that stops answering must not hold a page up: a second, then the page is made.
        chosen.update(CACHE_TYPE="RedisCache", CACHE_OPTIONS={"socket_timeout": 1, "socket_connect_timeout": 1})
    else:
        chosen.update(CACHE_TYPE="FileSystemCache", CACHE_DIR=str(app.config.get(
            "CACHE_DIR") or f"{app.instance_path}/page-cache"), CACHE_THRESHOLD=app.config.get("CACHE_THRESHOLD", 2000))
    cache.init_app(app, chosen)
    app.extensions["page_cache"] = {"seconds": seconds}
    for endpoint in PAGES:
        app.view_functions[endpoint] = cached_page(app.view_functions[endpoint])
    request_finished.connect(_store, app)
    for name, listener in _LISTENERS:
        if not event.contains(Session, name, listener):
            event.listen(Session, name, listener)
