"""A real day in Yangquan, in the browser: with the app's one clock frozen at 23:30 and at 00:30
Beijing time (15:30 and 16:30 UTC, when a UTC server's date is still the day before), a visitor
with JavaScript off sees a course closing today as open and can go on to apply by keyboard, and
sees yesterday's deadline as passed, with no Apply button."""
import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from webapp.models import base
from webapp.services.common import dates

from .journeys import path, press_enter, tab_to, text

# The demo course whose deadline comes first: 12 days after the demo data was loaded.
COURSE, DAYS_TO_DEADLINE = "残疾人创业培训（SYB）", 12
BEIJING, UTC = ZoneInfo("Asia/Shanghai"), ZoneInfo("UTC")


@pytest.fixture
def at_beijing(monkeypatch):
    """at_beijing(day, "23:30"): the app's clock stopped then (the live server runs in this process)."""
    def freeze(day, clock: str) -> None:
        moment = datetime.combine(day, time.fromisoformat(clock), tzinfo=BEIJING).astimezone(UTC)
        monkeypatch.setattr(base, "clock", lambda: moment)
    return freeze


def _open_course(page, live_server) -> str:
    page.goto(f"{live_server}/training?closed=y&q=SYB")  # closed ones too
    link = page.get_by_role("link", name=re.compile(re.escape(COURSE)))
    href = link.first.get_attribute("href")
    page.goto(f"{live_server}{href}")
    return href


def test_a_course_closing_today_is_open_until_midnight_in_beijing(context, live_server, at_beijing):
    deadline = dates.today() + timedelta(days=DAYS_TO_DEADLINE)  # the demo data's day, before freezing
    at_beijing(deadline, "23:30")  # 15:30 UTC: the same date on a UTC server
    page = context(javascript_enabled=False, locale="zh_CN").new_page()
    href = _open_course(page, live_server)
    opportunity_id = href.rstrip("/").rsplit("/", 1)[-1]
    assert page.locator(f'a[href="/apply/{opportunity_id}"]').count() == 1
    tab_to(page, f'a[href="/apply/{opportunity_id}"]', "the Apply link")
    press_enter(page)
    assert path(page) == "/auth/login"  # a visitor is asked to sign in, then comes back to apply


def test_at_half_past_midnight_yesterdays_deadline_has_passed(context, live_server, at_beijing):
    deadline = dates.today() + timedelta(days=DAYS_TO_DEADLINE)
    at_beijing(deadline + timedelta(days=1), "00:30")  # 16:30 UTC: a UTC server still says `deadline`
    page = context(javascript_enabled=False, locale="zh_CN").new_page()
    href = _open_course(page, live_server)
    opportunity_id = href.rstrip("/").rsplit("/", 1)[-1]
    assert page.locator(f'a[href="/apply/{opportunity_id}"]').count() == 0
    passed = text("zh_CN", "The deadline has passed: the last day to apply was %(date)s.", date="@@")
    before_the_date = passed.split("@@")[0]
    assert before_the_date and before_the_date in page.inner_text("main")
