"""The dashboard's figures as of a few minutes ago, from the shared cache.

Every figure counts a whole year of the city's applications, which at a real city's size takes
seconds; an administrator opening or refreshing the page, or downloading a table, should not pay
that each time, nor several of them at once. So the figures are computed at most once every
DASHBOARD_CACHE_SECONDS per year and service day (0: every time), kept in the cache every app server
shares, and the page says when they were computed. A failing cache only means computing them again.
"""
from datetime import datetime

from flask import current_app

from ...extensions import cache
from ..common.dates import current_year, now_local, today
from . import figures

KEY = "dashboard-figures:{year}:{day}"


def _cached(key: str):
    try:
        return cache.get(key)
    except Exception:  # noqa: BLE001 - an unreachable cache is a slower page, not an error page
        current_app.logger.warning("dashboard figures: the cache could not be read", exc_info=True)
        return None


def latest(year: int | None = None) -> tuple[figures.Figures, datetime]:
    """This year's figures (or `year`'s) and when they were computed (Beijing time)."""
    year = year or current_year()
    # No shared cache (PAGE_CACHE_SECONDS=0 leaves it unset): computed every time.
    seconds = current_app.config["DASHBOARD_CACHE_SECONDS"] if current_app.extensions.get("page_cache") else 0
    key = KEY.format(year=year, day=today().isoformat())
    found = _cached(key) if seconds else None
    if found is not None:
        return found
    found = (figures.compute(year), now_local().replace(microsecond=0))
    if seconds:
        try:
            cache.set(key, found, timeout=seconds)
        except Exception:  # noqa: BLE001
            current_app.logger.warning("dashboard figures: the cache could not be written", exc_info=True)
    return found
