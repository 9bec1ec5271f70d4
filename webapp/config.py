"""Configuration read from the environment, with safe defaults for development."""
import os
import secrets
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INSTANCE = Path(os.environ.get("INSTANCE_PATH", ROOT / "instance"))


def _dev_secret(name: str) -> str:
    """Return a development secret kept in instance/, creating it on first use."""
    INSTANCE.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = INSTANCE / name
    if not path.exists():
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


# A deployment that forgets APP_ENV runs as production (and refuses to start without its keys);
# `make run` asks for development on purpose.
DEFAULT_ENV = "production"


class Config:
    APP_ENV = os.environ.get("APP_ENV", DEFAULT_ENV)
    SECRET_KEY = os.environ.get("SECRET_KEY")
    SQLALCHEMY_DATABASE_URI = os.environ.get(
        "DATABASE_URL", f"sqlite:///{INSTANCE / 'yangquan.sqlite3'}"
    )
    SQLALCHEMY_ENGINE_OPTIONS: dict = {"pool_pre_ping": True}

    BABEL_DEFAULT_LOCALE = "zh_CN"
    BABEL_DEFAULT_TIMEZONE = "Asia/Shanghai"
    BABEL_TRANSLATION_DIRECTORIES = str(ROOT / "translations")
    LANGUAGES = ("zh_CN", "en")

    # Sessions: HttpOnly and SameSite=Lax always; Secure when served over HTTPS.
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = _flag("SESSION_COOKIE_SECURE", False)
    # Behind one proxy: take the client's address and scheme from its X-Forwarded-For/-Proto/-Host.
    TRUST_PROXY = _flag("TRUST_PROXY", False)
    # Write the session cookie only when the session changed. Refreshed on every response, the
    # files a page loads (stylesheet, icon, manifest) would each send back the session as it was
    # when they were asked for; answered after the page, that undoes what the page just stored
    # (its CSRF token, and the next form says the page expired).
    SESSION_REFRESH_EACH_REQUEST = False
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    PREFERENCE_COOKIE_DAYS = 365
    # Staff (caseworkers, admins) are warned after 15 idle minutes and signed out after 30.
    STAFF_IDLE_WARNING_SECONDS = 15 * 60
    STAFF_IDLE_LOGOUT_SECONDS = 30 * 60

    PASSWORD_HASH_METHOD = "scrypt"
    WTF_CSRF_TIME_LIMIT = 8 * 3600
    MAX_CONTENT_LENGTH = 12 * 1024 * 1024

    # One Redis for many app servers: rate limits, the page cache and the task queue (each may be
    # pointed elsewhere by its own variable). Unset: everything stays inside this process/machine.
    REDIS_URL = os.environ.get("REDIS_URL")
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", REDIS_URL or "memory://")
    RATELIMIT_HEADERS_ENABLED = True
    # The page cache of public pages for anonymous visitors (web/page_cache.py): Redis when set,
    # else files in instance/ that this machine's workers share. Kept at most this many seconds
    # (0: no page cache); publishing or editing clears it at once.
    CACHE_REDIS_URL = os.environ.get("CACHE_REDIS_URL", REDIS_URL)
    PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "60"))
    # The plan dashboard's figures (a year of the city's applications) are computed at most once
    # in this many seconds, kept in the same cache; the page says when (0: on every request).
    DASHBOARD_CACHE_SECONDS = int(os.environ.get("DASHBOARD_CACHE_SECONDS", "300"))
    # Celery's broker for the outbox and the daily jobs (`make worker`); unset: the web process
    # sends each text message itself right after the commit.
    CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", REDIS_URL)
    # A failed text message is tried again after 30 s, 60 s, 120 s, 240 s (doubling, at most an
    # hour), and marked failed after its 5th attempt; sent and failed ones are kept 30 days.
    DELIVERY_MAX_ATTEMPTS = int(os.environ.get("DELIVERY_MAX_ATTEMPTS", "5"))
    DELIVERY_RETRY_SECONDS = float(os.environ.get("DELIVERY_RETRY_SECONDS", "30"))
    DELIVERY_RETRY_MAX_SECONDS = 3600
    DELIVERY_LEASE_SECONDS = 300  # a send not finished by then counts as interrupted (never resent)
    DELIVERY_KEEP_DAYS = 30
    RATELIMIT_LOGIN = os.environ.get("RATELIMIT_LOGIN", "10 per minute;50 per hour")
    RATELIMIT_REGISTER = os.environ.get("RATELIMIT_REGISTER", "10 per minute;60 per hour")
    RATELIMIT_SMS = os.environ.get("RATELIMIT_SMS", "5 per minute;30 per hour")
    # Per number, whatever the address: after this many wrong passwords, signing in pauses.
    LOGIN_LOCK_AFTER = 10
    LOGIN_LOCK_MINUTES = 15

    # SMS: "outbox" appends to instance/sms-outbox.log; a real gateway plugs in here.
    SMS_SENDER = os.environ.get("SMS_SENDER", "outbox")
    SMS_OUTBOX = os.environ.get("SMS_OUTBOX", str(INSTANCE / "sms-outbox.log"))
    SMS_CODE_TTL_SECONDS = 5 * 60
    SMS_CODE_MAX_ATTEMPTS = 5
    SMS_CODES_PER_MINUTE = 1
    SMS_CODES_PER_HOUR = 10
    SMS_SHOW_CODE = False  # a development copy shows codes on the page (and says so on every page)

    SITE_NAME_ZH = "阳泉助残就业"

    # Encryption at rest of ID and certificate numbers (Fernet keys, comma-separated to rotate)
    # and the keyed hash used to find a number; generated into instance/ in development.
    DATA_ENCRYPTION_KEY = os.environ.get("DATA_ENCRYPTION_KEY")
    DATA_HASH_KEY = os.environ.get("DATA_HASH_KEY")
    # Evidence photos: outside static/, checked and re-encoded (see services/identity/uploads.py),
    # kept by STORAGE (services/identity/storage.py): "folder" is UPLOAD_FOLDER, which many app
    # servers share when it is a shared volume; "package.module:factory" plugs in another kind.
    STORAGE = os.environ.get("STORAGE", "folder")
    UPLOAD_FOLDER = os.environ.get("UPLOAD_FOLDER", str(INSTANCE / "uploads"))
    UPLOAD_MAX_BYTES = 10 * 1024 * 1024
    UPLOAD_MAX_PIXELS = 80_000_000  # a 64 MP phone photo passes (decoded reduced)
    UPLOAD_MAX_DECODE_SIDE = 10_000  # refused by the header: no long thin pictures
    UPLOAD_MAX_DECODE_BYTES = 64 * 1024 * 1024  # the decoded picture; peak memory is about twice
    # Days between a deletion request and the purge of the person's data.
    DATA_RETENTION_DAYS = int(os.environ.get("DATA_RETENTION_DAYS", "180"))
    # A question, need or complaint is answered within this many working days (Monday to Friday).
    FEEDBACK_REPLY_WORKING_DAYS = int(os.environ.get("FEEDBACK_REPLY_WORKING_DAYS", "5"))
    # 按比例安排残疾人就业: the share of staff an employer employs who are disabled (1.5%).
    EMPLOYER_QUOTA_RATIO = float(os.environ.get("EMPLOYER_QUOTA_RATIO", "0.015"))
    # Days from publication during which a job reserved for graduates takes only people in the
    # graduates' ledger (一人一策); then anyone may apply.
    GRADUATES_FIRST_DAYS = int(os.environ.get("GRADUATES_FIRST_DAYS", "7"))


class DevelopmentConfig(Config):
    APP_ENV = "development"
    SMS_SHOW_CODE = True


class ProductionConfig(Config):
    APP_ENV = "production"
    SESSION_COOKIE_SECURE = _flag("SESSION_COOKIE_SECURE", True)
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE


class TestConfig(Config):
    APP_ENV = "testing"
    TESTING = True
    SECRET_KEY = "test-secret-key"
    SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL", "sqlite://")
    WTF_CSRF_ENABLED = False
    SMS_SENDER = "memory"
    # Cheap hashing keeps the suite fast; production uses scrypt.
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"
    RATELIMIT_STORAGE_URI = "memory://"
    CACHE_TYPE = "SimpleCache"  # the page cache lives in each test's app, empty at the start
    DASHBOARD_CACHE_SECONDS = 0  # a test that changes data sees the dashboard change at once
    CELERY_BROKER_URL = None  # text messages are sent in the process, after the commit
    DATA_ENCRYPTION_KEY = "96F-6ZeCS1RiarJPSsAgbtqluZ5fB6u1zCWJ6EK06Dw="
    DATA_HASH_KEY = "test-hash-key"


CONFIGS = {
    "development": DevelopmentConfig,
    "production": ProductionConfig,
    "testing": TestConfig,
}


def config_for_environment() -> type[Config]:
    """Pick the config class from APP_ENV (production when unset); refuse production without SECRET_KEY."""
    env = os.environ.get("APP_ENV", DEFAULT_ENV)
    if env not in CONFIGS:
        raise RuntimeError(f"APP_ENV must be one of {sorted(CONFIGS)}, not {env!r}")
    config = CONFIGS[env]
    secret = os.environ.get("SECRET_KEY")
    if env == "production" and not secret:
        raise RuntimeError("SECRET_KEY must be set when APP_ENV=production")
    config.SECRET_KEY = secret or _dev_secret("dev-secret-key")
    return config
