"""Backup and restore of the embedded SQLite database, while the app keeps running.

Both go through SQLite's online backup API (`sqlite3.Connection.backup`): a backup is a consistent
copy taken in one read transaction, a restore writes the pages into the live database under its
write lock, so running app processes see the restored data at their next query. A backup is one
self-contained file (rollback journal, not WAL), readable by its owner only.

PostgreSQL is backed up with its own tools; `postgres_advice` says how.
"""
import os
import sqlite3
from datetime import datetime
from pathlib import Path

from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy.engine import make_url

from .config import ROOT

MIGRATIONS = ROOT / "migrations"


class BackupError(Exception):
    """Why a backup or a restore was refused; nothing was written."""


def sqlite_file(url: str) -> Path | None:
    """The database file of a SQLite URL; None for any other database."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    if not parsed.database or parsed.database == ":memory:":
        raise BackupError("This SQLite database lives in memory: there is no file to back up or restore.")
    return Path(parsed.database)


def postgres_advice(url: str) -> str:
    """How to back up and restore a PostgreSQL database with pg_dump and pg_restore."""
    target = make_url(url).set(drivername="postgresql").render_as_string(hide_password=True)
    return "\n".join([
        "This app's database is PostgreSQL: back it up and restore it with PostgreSQL's own tools.",
        f"  back up:  pg_dump --format=custom --file=yangquan-$(date +%Y%m%d-%H%M%S).dump '{target}'",
        f"  restore:  pg_restore --clean --if-exists --single-transaction --dbname='{target}' FILE.dump",
        "Give the password in PGPASSWORD or ~/.pgpass, keep the dump readable by its owner only (umask 077),",
        "and stop the app servers while pg_restore runs.",
    ])


def default_target(instance_path: str, now: datetime | None = None) -> Path:
    """instance/backups/yangquan-YYYYMMDD-HHMMSS.sqlite3, numbered when that second has one already."""
    folder = Path(instance_path) / "backups"
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    target, number = folder / f"yangquan-{stamp}.sqlite3", 1
    while target.exists():
        number += 1
        target = folder / f"yangquan-{stamp}-{number}.sqlite3"
    return target


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def backup(database: Path, target: Path) -> Path:
    """Copy the live database to `target` (a new file, mode 0600) and check the copy."""
    if not database.is_file():
        raise BackupError(f"There is no database at {database}.")
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise BackupError(f"{target} exists already: choose another file name.") from None
    os.close(descriptor)
    try:
        source, copy = sqlite3.connect(database), sqlite3.connect(target)
        try:
            source.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")  # one file, no -wal beside it
        finally:
            copy.close()
            source.close()
        check(target)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    os.chmod(target, 0o600)
    return target


def check(path: Path) -> str:
    """The migration revision of a backup of this app's database; BackupError if it is not one."""
    if not path.is_file():
        raise BackupError(f"There is no file at {path}.")
    try:
        connection = _read_only(path)
        try:
            if connection.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise BackupError(f"{path} is a damaged SQLite database.")
            found = connection.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'").fetchone()
            rows = connection.execute("SELECT version_num FROM alembic_version").fetchall() if found else []
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path} is not a SQLite database ({error}).") from None
    if len(rows) != 1:
        raise BackupError(f"{path} is a SQLite database but not one of this app: it has no migration revision.")
    revision = rows[0][0]
    try:
        ScriptDirectory(str(MIGRATIONS)).get_revision(revision)
    except CommandError:
        raise BackupError(f"{path} was made at migration {revision}, which this version of the app "
                          "does not know.") from None
    return revision


def restore(source: Path, database: Path) -> str:
    """Replace the live database's contents with the backup's, in one write; returns its revision."""
    revision = check(source)
    backup_file, live = _read_only(source), sqlite3.connect(database, timeout=30)
    try:
        backup_file.backup(live)
    finally:
        live.close()
        backup_file.close()
    return revision


def head_revision() -> str | None:
    return ScriptDirectory(str(MIGRATIONS)).get_current_head()
