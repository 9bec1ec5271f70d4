"""gunicorn settings for serving the app the production way: `make serve`, or by hand
`gunicorn -c gunicorn.conf.py wsgi:app` (gunicorn also reads this file by itself when started here).

Every setting can be changed without editing this file, by these environment variables:

    WEB_CONCURRENCY            number of worker processes      2 × CPUs + 1 (the CPUs this process may use)
    BIND                       address(es), comma-separated    127.0.0.1:$PORT, else 127.0.0.1:8000
                               (e.g. 0.0.0.0:8000, unix:/run/yangquan.sock)
    PORT                       port on 127.0.0.1 when BIND is unset
    GUNICORN_TIMEOUT           seconds a request may take before its worker is killed and replaced    30
    GUNICORN_GRACEFUL_TIMEOUT  seconds a stopping worker has to finish its requests (TERM, HUP)       30
    GUNICORN_MAX_REQUESTS      requests after which a worker is replaced (0: never)                  1000
    GUNICORN_MAX_REQUESTS_JITTER  random extra up to this many, so workers are not replaced together  100
    GUNICORN_PRELOAD           build the app once in the master before forking (1/0)                 1
    GUNICORN_CONTROL_SOCKET    path of gunicorn's control socket for `gunicornc`                     none
    TRUST_PROXY, FORWARDED_ALLOW_IPS   see forwarded_allow_ips below
    GUNICORN_CMD_ARGS          any other gunicorn option, e.g. "--keep-alive 5"; wins over this file

Signals to the master: TERM or INT stops gracefully (requests under way finish, up to the graceful
timeout); HUP rereads this file and replaces the workers one by one. With preload (the default) the
workers are forked from the app the master built, so new code needs a new master: restart the
service, or USR2 (start a new master beside the old) then TERM the old one.
"""
import os


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _cpus() -> int:
    """CPUs this process may run on (a container's or taskset's limit), not the machine's count."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


# Sync workers: one request at a time each. The pages are mostly template rendering (CPU), so more
# workers than 2 × CPUs + 1 only add memory; the extra ones cover requests waiting on the database.
worker_class = "sync"
workers = _int("WEB_CONCURRENCY", 2 * _cpus() + 1)

# Only this machine by default: a proxy in front (or BIND=0.0.0.0:8000 on a private network).
bind = [address.strip() for address in os.environ.get("BIND", "").split(",") if address.strip()] or [
    f"127.0.0.1:{_int('PORT', 8000)}"]

timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
# Workers are replaced after a number of requests (a slow leak never grows for ever); the jitter keeps
# them from all restarting at the same moment. The master forks the new one before the old one stops.
max_requests = _int("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 100)

# The access log goes to stdout (the service manager keeps it), errors to stderr. The request is
# logged without its query string or referrer: a caseworker's search can hold a person's name or number.
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms "%(a)s"'

# Preload: the app (its static manifest and precompressed assets included) is built once, then
# forked. Safe because nothing the master opens is used by a worker: each worker drops the
# database connections it inherited (post_fork below), redis-py makes new connections in a new
# process by itself, and Python reseeds `random` after a fork (tokens come from `secrets`).
preload_app = _flag("GUNICORN_PRELOAD", True)

# The heartbeat files of the workers in memory, not on a disk that may stall.
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"

# gunicorn's control socket is one path per user by default: two servers on one machine (the
# benchmark runs two) would fight over it. Off unless a path is given.
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET", "")
control_socket_disable = not control_socket

# Which peers may tell gunicorn the request came over HTTPS (X-Forwarded-Proto). The app itself
# honours X-Forwarded-For/-Proto/-Host from one proxy only when TRUST_PROXY is on (webapp/__init__.py,
# ProxyFix); gunicorn follows the same switch: with TRUST_PROXY, the proxy's addresses (FORWARDED_ALLOW_IPS,
# default this machine: 127.0.0.1,::1); without it, nobody, so a client cannot claim HTTPS.
forwarded_allow_ips = (os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
                       if _flag("TRUST_PROXY", False) else "")


def post_fork(server, worker):
    """A forked worker drops the database connections it inherited from a preloading master."""
    if not server.cfg.preload_app:
        return
    from webapp.extensions import db

    app = worker.app.wsgi()
    if "sqlalchemy" not in getattr(app, "extensions", {}):  # not this app (e.g. the benchmark's bare hello)
        return
    with app.app_context():
        db.engine.dispose(close=False)
