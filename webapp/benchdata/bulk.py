"""Writing many rows fast: executemany in batches (SQLite) or COPY (PostgreSQL), a progress
bar per table, explicit ids handed out here (so rows can point at each other before they are
written), the sequences moved past them afterwards, and fresh planner statistics."""
import json
import sys
import time
from datetime import date

from contextlib import contextmanager

import click
from sqlalchemy import JSON, Boolean, Date, DateTime, func, select, text
from sqlalchemy.exc import OperationalError

from ..extensions import db

BATCH = 5_000


class Ids:
    """The next free id of each table, read once at the start of the load."""

    def __init__(self, conn):
        self.conn = conn
        self.next: dict[str, int] = {}

    def take(self, table, count: int) -> int:
        """The first of `count` consecutive new ids of `table`."""
        name = table.name
        if name not in self.next:
            self.next[name] = (self.conn.scalar(select(func.max(table.c.id))) or 0) + 1
        first = self.next[name]
        self.next[name] += count
        return first


@contextmanager
def loading():
    """A connection in one transaction for the whole load, then ANALYZE (fresh statistics for the
    planner on both databases). SQLite: a rollback journal during the load, which writes new pages
    once, straight into the file (a write-ahead log would write them twice), then WAL again as the
    app keeps it. PostgreSQL: memory enough to build the large indexes in one go."""
    with db.engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        journal = _journal(conn, "delete") if sqlite else None
        conn.commit()
        with conn.begin():
            if not sqlite:
                conn.execute(text("SET LOCAL maintenance_work_mem = '256MB'"))
            yield conn
        conn.execute(text("ANALYZE"))
        conn.commit()
        if sqlite and (journal != "delete" or _journal(conn, "wal") != "wal"):
            conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
            conn.commit()


def _journal(conn, mode: str) -> str:
    """Switch SQLite's journal mode if no one else has the file open; the mode it is in now."""
    try:
        return conn.execute(text(f"PRAGMA journal_mode={mode}")).scalar().lower()
    except OperationalError:  # another connection holds the file: keep its write-ahead log
        return "wal"


def write(conn, table, columns: tuple[str, ...], rows: list[tuple], quiet: bool = False) -> None:
    """Insert the rows (tuples in the order of `columns`, enum values as text, naive UTC datetimes)
    in batches with a progress bar: COPY on PostgreSQL, the driver's executemany on SQLite, each
    value already turned into what SQLAlchemy would have stored (the ORM's per-row work, 4/5 of the
    time at these sizes, is skipped)."""
    postgres = conn.dialect.name == "postgresql"
    converters = _converters(table, columns, postgres)
    names = ", ".join(columns)
    cursor = conn.connection.driver_connection.cursor()
    sql = f"INSERT INTO {table.name} ({names}) VALUES ({', '.join('?' for _ in columns)})"
    started = time.perf_counter()
    existing = conn.scalar(select(func.count()).select_from(table))
    set_aside = len(rows) > existing  # mostly new rows: index and check them after, all at once
    indexes = _indexes(conn, table) if set_aside else []
    foreign_keys = _foreign_keys(conn, table) if set_aside else []
    for name, _definition in indexes:
        conn.execute(text(f"DROP INDEX {name}"))
    for name, _definition in foreign_keys:
        conn.execute(text(f"ALTER TABLE {table.name} DROP CONSTRAINT {name}"))
    with click.progressbar(length=len(rows), label=f"{table.name:<20}", file=sys.stderr,
                           show_pos=True, hidden=quiet) as bar:
        for start in range(0, len(rows), BATCH):
            batch = [_converted(row, converters) for row in rows[start:start + BATCH]] if converters \
                else rows[start:start + BATCH]
            if postgres:
                with cursor.copy(f"COPY {table.name} ({names}) FROM STDIN") as copy:
                    for row in batch:
                        copy.write_row(row)
            else:
                cursor.executemany(sql, batch)
            bar.update(len(batch))
    for _name, definition in indexes:  # a unique one refuses here what broke it, and nothing is kept
        conn.execute(text(definition))
    for name, definition in foreign_keys:  # checked again, every row, in one pass
        conn.execute(text(f"ALTER TABLE {table.name} ADD CONSTRAINT {name} {definition}"))
    if not quiet:
        click.echo(f"{table.name:<20} {len(rows):>10,} rows in {time.perf_counter() - started:5.1f} s", err=True)


def _indexes(conn, table) -> list[tuple[str, str]]:
    """(name, CREATE statement) of the table's indexes, except those a constraint holds (primary
    key, UNIQUE columns), which stay. Building an index once after the rows is several times faster
    than keeping it up to date row by row."""
    if conn.dialect.name == "postgresql":
        return conn.execute(text(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = :t "
            "AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = CAST(:t AS regclass))"),
            {"t": table.name}).all()
    return conn.execute(text("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = :t "
                             "AND sql IS NOT NULL"), {"t": table.name}).all()


def _foreign_keys(conn, table) -> list[tuple[str, str]]:
    """PostgreSQL: (name, definition) of the table's foreign keys, checked row by row by triggers
    during a COPY; added back after it, PostgreSQL checks them all in one join. (SQLite checks
    them as it goes, cheaply, and cannot drop one.)"""
    if conn.dialect.name != "postgresql":
        return []
    return conn.execute(text("SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                             "WHERE conrelid = CAST(:t AS regclass) AND contype = 'f'"), {"t": table.name}).all()


def _converters(table, columns, postgres: bool) -> list[tuple[int, object]]:
    """(position, function) for the columns whose values the driver cannot take as they are."""
    found = []
    for position, name in enumerate(columns):
        column_type = table.c[name].type
        if isinstance(column_type, JSON):
            found.append((position, json.dumps))
        elif postgres:
            continue
        elif isinstance(column_type, DateTime):  # SQLAlchemy's SQLite format, microseconds always
            found.append((position, lambda value: value.isoformat(" ", "microseconds")))
        elif isinstance(column_type, Date):
            found.append((position, date.isoformat))
        elif isinstance(column_type, Boolean):
            found.append((position, int))
    return found


def _converted(row: tuple, converters) -> tuple:
    row = list(row)
    for position, convert in converters:
        if row[position] is not None:
            row[position] = convert(row[position])
    return tuple(row)


def finish(conn, tables) -> None:
    """PostgreSQL: move each id sequence past the ids written here, so the app's next row fits."""
    if conn.dialect.name != "postgresql":
        return
    for table in tables:
        conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                          f"(SELECT COALESCE(MAX(id), 1) FROM {table.name}))"))
