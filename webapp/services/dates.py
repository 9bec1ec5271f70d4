"""Dates as people type them: 2026-03-05, 2026/3/5, 2026.3.5, 2026年3月5日, 20260305, full-width digits.

Callers word their own messages; this only says which of the two things is wrong.
"""
import re
from datetime import date

_TYPED = str.maketrans("０１２３４５６７８９－／．　", "0123456789-/. ")
_DATE = re.compile(r"(\d{4})\s*[-/.年\s]\s*(\d{1,2})\s*[-/.月\s]\s*(\d{1,2})\s*日?|(\d{4})(\d{2})(\d{2})")


class NotYearMonthDay(ValueError):
    """The text is not written as year, month, day."""


class NotARealDate(ValueError):
    """Year, month and day, but no such day (2026-02-30)."""


def read_date(raw) -> date | None:
    """The date typed, or None when nothing was typed."""
    if isinstance(raw, date):
        return raw
    text = str(raw or "").translate(_TYPED).strip()
    if not text:
        return None
    match = _DATE.fullmatch(text)
    if not match:
        raise NotYearMonthDay(text)
    try:
        return date(*(int(part) for part in match.groups() if part is not None))
    except ValueError:
        raise NotARealDate(text) from None
