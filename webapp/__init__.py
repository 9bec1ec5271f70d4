"""Application factory."""
import os

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import make_url
from werkzeug.middleware.proxy_fix import ProxyFix

from .config import INSTANCE, ROOT, config_for_environment
from .extensions import babel, csrf, db, limiter, login_manager, migrate


def create_app(config=None, overrides: dict | None = None) -> Flask:
    """Build the app from a config class (default: from APP_ENV) plus optional overrides."""
    app = Flask(
        __name__,
        static_folder=str(ROOT / "static"),
        static_url_path="/static",
        instance_path=str(INSTANCE),
    )
    app.config.from_object(config or config_for_environment())
    if overrides:
        app.config.update(overrides)
    INSTANCE.mkdir(mode=0o700, parents=True, exist_ok=True)
    if app.config.get("TRUST_PROXY"):
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)

    from .services.common import sms
    from .services.identity import crypto
    from .web import acting, converters, preferences, security, serving, templating

    serving.init_app(app)  # first: its after_request hooks run last, on the finished response
    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)
    babel.init_app(app, locale_selector=preferences.select_locale)
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    sms.init_sender(app)
    crypto.init_app(app)
    preferences.init_app(app)
    security.init_app(app)
    templating.init_app(app)
    acting.init_app(app)
    converters.init_app(app)
    _sqlite_pragmas(app)

    from .admin import bp as admin_bp
    from .applying import bp as applying_bp
    from .auth import bp as auth_bp
    from .casework import bp as casework_bp
    from .employer import bp as employer_bp
    from .errors import bp as errors_bp
    from .fairs import bp as fairs_bp
    from .family import bp as family_bp
    from .find import bp as find_bp
    from .graduates import bp as graduates_bp
    from .feedback import bp as feedback_bp
    from .jobs import bp as jobs_bp
    from .main import bp as main_bp
    from .needs import bp as needs_bp
    from .policies import bp as policies_bp
    from .profile import bp as profile_bp
    from .publish import bp as publish_bp
    from .pwa import bp as pwa_bp

    app.register_blueprint(main_bp)
    app.register_blueprint(auth_bp, url_prefix="/auth")
    app.register_blueprint(admin_bp, url_prefix="/admin")
    app.register_blueprint(profile_bp)
    app.register_blueprint(needs_bp)
    app.register_blueprint(family_bp)
    app.register_blueprint(casework_bp, url_prefix="/casework")
    app.register_blueprint(find_bp)
    app.register_blueprint(applying_bp)
    app.register_blueprint(publish_bp, url_prefix="/admin")
    app.register_blueprint(pwa_bp)
    app.register_blueprint(employer_bp, url_prefix="/employer")
    app.register_blueprint(jobs_bp, url_prefix="/jobs")
    app.register_blueprint(fairs_bp, url_prefix="/fairs")
    app.register_blueprint(graduates_bp, url_prefix="/casework/graduates")
    app.register_blueprint(feedback_bp)
    app.register_blueprint(policies_bp, url_prefix="/policies")
    app.register_blueprint(errors_bp)

    from .web import page_cache

    page_cache.init_app(app)  # after the blueprints: it wraps the views of the pages it keeps

    from .cli import register_cli

    register_cli(app)
    return app


def _private_file(path: str) -> None:
    """Create the database file readable by this user only: SQLite gives its -wal and -shm the same."""
    if not path or path == ":memory:":
        return
    try:
        os.close(os.open(path, os.O_CREAT | os.O_RDWR, 0o600))
        os.chmod(path, 0o600)
    except OSError:  # the folder is not there (yet): SQLite says so at the first request (a 503 page)
        pass


def _sqlite_pragmas(app: Flask) -> None:
    """SQLite: WAL for concurrent readers, foreign keys on, wait for locks instead of failing;
    the file itself private (it holds people's disability data)."""
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        return
    _private_file(make_url(app.config["SQLALCHEMY_DATABASE_URI"]).database)

    with app.app_context():
        engine = db.engine

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn, _record):
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=5000")
            if ":memory:" not in app.config["SQLALCHEMY_DATABASE_URI"] and app.config["SQLALCHEMY_DATABASE_URI"] != "sqlite://":
                cur.execute("PRAGMA journal_mode=WAL")
            cur.close()
