"""Shared column helpers: naive UTC timestamps and status columns that read back as enums."""
from datetime import datetime, timezone
from enum import StrEnum

from sqlalchemy import String, event
from sqlalchemy.orm import Mapper
from sqlalchemy.types import TypeDecorator


def system_clock() -> datetime:
    return datetime.now(timezone.utc)


# The one clock (aware UTC) every "now" and "today" comes from; tests freeze it here.
clock = system_clock


def utcnow() -> datetime:
    """Naive UTC now: stored the same way on SQLite and PostgreSQL."""
    return clock().replace(tzinfo=None)


class EnumText(TypeDecorator):
    """A StrEnum stored as its plain text value (VARCHAR), read back as the enum member.

    The schema stays a short string column, so migrations need no database enum type, and every
    value read from the database can be compared as an enum and asked for its label.
    """

    impl = String
    cache_ok = True

    def __init__(self, enum: type[StrEnum], length: int):
        super().__init__(length)
        self.enum = enum

    def process_bind_param(self, value, dialect):
        return None if value is None else self.enum(value).value

    def process_result_value(self, value, dialect):
        return None if value is None else self.enum(value)


def _coerce_to_enums(mapper, cls) -> None:
    """Setting an enum column from a plain string stores the enum member, so a new object answers
    `.label` and enum comparisons the same way as one read back from the database."""
    for attr in mapper.column_attrs:
        column_type = attr.columns[0].type
        if isinstance(column_type, EnumText):
            def coerce(_target, value, _old, _initiator, enum=column_type.enum):
                return None if value is None else enum(value)
            event.listen(getattr(cls, attr.key), "set", coerce, retval=True)


event.listen(Mapper, "mapper_configured", _coerce_to_enums)
