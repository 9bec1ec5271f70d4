"""The databases the benchmark runs on, each built fresh: a SQLite file in a temporary folder, and
PostgreSQL when it answers (said clearly when it does not). `flask db upgrade`, then
`flask bench-data --size ...`, as subprocesses with the server's environment."""
import base64
import os
import secrets
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

from .pages import DEMO, bench_accounts
from .servers import ROOT

FLASK = Path(sys.executable).with_name("flask")
PG_URL = os.environ.get("BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/yangquan_bench")


@dataclass(frozen=True)
class Database:
    name: str  # "sqlite" or "postgresql"
    url: str


def sqlite(folder: Path) -> Database:
    return Database("sqlite", f"sqlite:///{folder / 'bench.sqlite3'}")


def for_size(database: Database, size: str) -> Database:
    """A database of its own for each size, so a kept work folder can hold both (--reuse)."""
    url = make_url(database.url)
    if database.name == "sqlite":
        path = Path(url.database)
        return Database(database.name, f"sqlite:///{path.with_name(f'{path.stem}-{size}{path.suffix}')}")
    return Database(database.name, url.set(database=f"{url.database}_{size}").render_as_string(hide_password=False))


def postgresql() -> tuple[Database | None, str]:
    """PostgreSQL if it answers, else None and why."""
    import psycopg

    url = make_url(PG_URL)
    try:
        with psycopg.connect(host=url.host, port=url.port or 5432, user=url.username, password=url.password,
                             dbname="postgres", connect_timeout=3):
            pass
    except psycopg.Error as error:
        return None, f"PostgreSQL at {url.host}:{url.port or 5432} does not answer ({str(error).strip()})"
    return Database("postgresql", PG_URL), ""


def reset(database: Database, folder: Path) -> None:
    """An empty database: the SQLite file removed, the PostgreSQL database dropped and created."""
    if database.name == "sqlite":
        path = Path(make_url(database.url).database)
        for suffix in ("", "-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
        return
    import psycopg

    drop(database)
    url = make_url(database.url)
    with psycopg.connect(host=url.host, port=url.port or 5432, user=url.username, password=url.password,
                         dbname="postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{url.database}"')


def drop(database: Database) -> None:
    """Drop a PostgreSQL database the benchmark made (a SQLite file goes with its folder)."""
    if database.name != "postgresql":
        return
    import psycopg

    url = make_url(database.url)
    with psycopg.connect(host=url.host, port=url.port or 5432, user=url.username, password=url.password,
                         dbname="postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)')


# Keys made for this run: the data is built and served with the same ones.
_KEYS = {"secret": secrets.token_urlsafe(48), "encryption": base64.urlsafe_b64encode(os.urandom(32)).decode(),
         "hash": secrets.token_urlsafe(48)}


def environment(database: Database, size: str, folder: Path, redis_url: str | None) -> dict:
    """What `make serve` reads, for production: keys made for this run, files in the temporary
    folder, an instance folder of its own for each database and size (the page cache's files live
    there). Cookies without Secure, since the benchmark talks plain HTTP to 127.0.0.1."""
    instance = folder / f"instance-{database.name}-{size}"
    shutil.rmtree(instance, ignore_errors=True)
    instance.mkdir(exist_ok=True)
    env = {
        "APP_ENV": "production", "FLASK_APP": "wsgi.py", "DATABASE_URL": database.url,
        "SECRET_KEY": _KEYS["secret"], "DATA_ENCRYPTION_KEY": _KEYS["encryption"], "DATA_HASH_KEY": _KEYS["hash"],
        "SESSION_COOKIE_SECURE": "0", "INSTANCE_PATH": str(instance), "UPLOAD_FOLDER": str(instance / "uploads"),
        "SMS_OUTBOX": str(instance / "sms-outbox.log"), "PYTHONUNBUFFERED": "1",
    }
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


def has_bench_data(env: dict) -> bool:
    done = subprocess.run([str(FLASK), "bench-data", "--help"], cwd=ROOT, env={**os.environ, **env},
                          capture_output=True, text=True)
    return done.returncode == 0


def build(database: Database, size: str, folder: Path, env: dict) -> dict:
    """Reset and fill the database; returns what was built and how long it took."""
    reset(database, folder)
    full_env = {**os.environ, **env}
    started = time.monotonic()
    upgraded = subprocess.run([str(FLASK), "db", "upgrade"], cwd=ROOT, env=full_env, capture_output=True, text=True)
    if upgraded.returncode != 0:
        raise RuntimeError(f"flask db upgrade failed:\n{upgraded.stderr[-3000:]}")
    if has_bench_data(env):
        command, source = [str(FLASK), "bench-data", "--size", size, "--yes"], f"flask bench-data --size {size}"
        accounts, password = bench_accounts()
    elif size == "small":
        command, source = [str(FLASK), "demo-data"], "flask demo-data (flask bench-data is not there yet)"
        accounts, password = DEMO
    else:
        raise RuntimeError("flask bench-data is not there yet: only the small size (demo data) can run")
    print(f"  building: {source}", flush=True)
    subprocess.run(command, cwd=ROOT, env=full_env, check=True)
    return {"source": source, "seconds": round(time.monotonic() - started, 1), "accounts": accounts,
            "password": password}
