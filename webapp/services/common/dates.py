"""Dates as people type them, and the service's own calendar (Asia/Shanghai).

`read_date` takes 2026-03-05, 2026/3/5, 2026.3.5, 2026年3月5日, 20260305 and full-width digits;
callers word their own messages, this only says which of the two things is wrong.
"""
import re
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context

from ...models import base

_TYPED = str.maketrans("０１２３４５６７８９－／．　", "0123456789-/. ")
_DATE = re.compile(r"(\d{4})\s*[-/.年\s]\s*(\d{1,2})\s*[-/.月\s]\s*(\d{1,2})\s*日?|(\d{4})(\d{2})(\d{2})", re.ASCII)


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


# The service's own calendar: Yangquan's time zone, whatever the server's clock is set to.
# Timestamps are stored as naive UTC; these turn local days into that form.

SERVICE_ZONE = "Asia/Shanghai"


def local_zone() -> ZoneInfo:
    """The configured zone (BABEL_DEFAULT_TIMEZONE); Asia/Shanghai outside an app (scripts, tests)."""
    name = current_app.config.get("BABEL_DEFAULT_TIMEZONE") if has_app_context() else None
    return ZoneInfo(name or SERVICE_ZONE)


def now_local() -> datetime:
    """The time in Yangquan now (aware), whatever the server's clock zone."""
    return base.clock().astimezone(local_zone())


def today() -> date:
    """The service's own day: every "today", deadline, age and default date is this one."""
    return now_local().date()


def day_of(moment: datetime) -> date:
    """The service day a stored (naive UTC) timestamp falls on."""
    return moment.replace(tzinfo=timezone.utc).astimezone(local_zone()).date()


def current_year() -> int:
    return now_local().year


def start_of_day_utc(day: date) -> datetime:
    """Local midnight at the start of `day`, as naive UTC like the stored values."""
    return datetime.combine(day, time(), tzinfo=local_zone()).astimezone(timezone.utc).replace(tzinfo=None)


def year_bounds(year: int) -> tuple[datetime, datetime]:
    """1 January to 1 January of the next year, local time, as naive UTC."""
    return start_of_day_utc(date(year, 1, 1)), start_of_day_utc(date(year + 1, 1, 1))


def is_working_day(day: date) -> bool:
    """Monday to Friday (public holidays are not known here, so they count as working days)."""
    return day.weekday() < 5


def add_working_days(day: date, count: int) -> date:
    """The working day `count` working days after `day` (from a Saturday, Monday is the first)."""
    found = 0
    while found < count:
        day = day + timedelta(days=1)
        found += is_working_day(day)
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (0 when `end` is not later)."""
    return sum(1 for offset in range(1, (end - start).days + 1) if is_working_day(start + timedelta(days=offset)))
