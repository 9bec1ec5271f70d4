"""Writing many rows fast: Core executemany in batches (SQLite) or COPY (PostgreSQL), a progress
bar per table, explicit ids handed out here (so rows can point at each other before they are
written), the sequences moved past them afterwards, and fresh planner statistics."""
import json
import sys
from datetime import date, datetime

import click
from sqlalchemy import func, insert, select, text

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


def write(conn, table, columns: tuple[str, ...], rows: list[tuple], quiet: bool = False) -> None:
    """Insert the rows (tuples in the order of `columns`) in batches, with a progress bar."""
    postgres = conn.dialect.name == "postgresql"
    with click.progressbar(length=len(rows), label=f"{table.name:<20}", file=sys.stderr,
                           show_pos=True, hidden=quiet) as bar:
        for start in range(0, len(rows), BATCH):
            batch = rows[start:start + BATCH]
            if postgres:
                _copy(conn, table, columns, batch)
            else:
                conn.execute(insert(table), [dict(zip(columns, row)) for row in batch])
            bar.update(len(batch))


def _copy(conn, table, columns, rows) -> None:
    """COPY FROM STDIN in text format: the values already are the stored ones (enum values,
    naive UTC datetimes, JSON text)."""
    cursor = conn.connection.driver_connection.cursor()
    with cursor.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(tuple(_copy_value(value) for value in row))


def _copy_value(value):
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def finish(conn, tables) -> None:
    """PostgreSQL: move each id sequence past the ids written here, so the app's next row fits."""
    if conn.dialect.name != "postgresql":
        return
    for table in tables:
        conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                          f"(SELECT COALESCE(MAX(id), 1) FROM {table.name}))"))


def analyze() -> None:
    """Fresh statistics for the planner after the load (ANALYZE on both databases)."""
    with db.engine.connect() as conn:
        conn = conn.execution_options(isolation_level="AUTOCOMMIT")
        conn.execute(text("ANALYZE"))
