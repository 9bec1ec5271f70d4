"""Lists put what can be acted on first: open today (soonest deadline), then not open yet, and the
closed ones only behind a link that says how many there are."""
import re
from html import unescape

import pytest

from tests.web.finding_helpers import DAY, TODAY, item, titles


def _closed_note(response) -> str | None:
    found = re.search(r'<p class="closed-note">(.*?)</p>', response.get_data(as_text=True), re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", "", found.group(1))).split()) if found else None


def _courses(admin):
    item(admin, title="昨天截止", deadline=TODAY - DAY)
    item(admin, title="下月开放", opens_on=TODAY + 30 * DAY, deadline=TODAY + 40 * DAY)
    item(admin, title="十天后截止", deadline=TODAY + 10 * DAY)
    item(admin, title="上月截止", deadline=TODAY - 30 * DAY)
    item(admin, title="今天截止", deadline=TODAY)
    item(admin, title="明天开放", opens_on=TODAY + DAY, deadline=TODAY + 5 * DAY)


def test_open_items_come_first_then_those_not_open_yet_and_closed_ones_are_left_out(client, admin):
    _courses(admin)
    response = client.get("/training")
    assert titles(response) == ["今天截止", "十天后截止", "明天开放", "下月开放"]
    assert "4 courses found" in response.get_data(as_text=True)
    assert _closed_note(response).startswith("2 closed courses are not shown. Show the closed ones too")


def test_the_link_shows_the_closed_ones_last_most_recently_closed_first(client, admin):
    _courses(admin)
    link = re.search(r'<p class="closed-note">.*?href="([^"]+)"', client.get("/training?district=chengqu")
                     .get_data(as_text=True), re.S).group(1)
    link = unescape(link)
    assert "closed=y" in link and "district=chengqu" in link  # keeps the filters in use
    shown = client.get(link)
    assert titles(shown) == ["今天截止", "十天后截止", "明天开放", "下月开放", "昨天截止", "上月截止"]
    page = shown.get_data(as_text=True)
    assert _closed_note(shown) is None and "Closed ones are listed last." in page
    hide = unescape(re.search(r'<a href="([^"]+)">Hide the closed ones</a>', page).group(1))
    assert "closed" not in hide and titles(client.get(hide)) == titles(client.get("/training"))


def test_the_rule_is_the_service_day_not_the_machine_clock(client, admin, freeze_clock):
    """23:30 Beijing time on the deadline day: still open (the UTC date would already be the next day
    only after 00:00 Beijing; at 00:30 Beijing the UTC date is the day before)."""
    freeze_clock(f"{TODAY.isoformat()} 23:30")
    item(admin, title="今天截止", deadline=TODAY)
    assert titles(client.get("/training")) == ["今天截止"]
    freeze_clock(f"{(TODAY + DAY).isoformat()} 00:30")
    assert titles(client.get("/training")) == [] and _closed_note(client.get("/training")).startswith("1 closed")


def test_only_closed_ones_say_nothing_is_open_and_how_to_see_them(client, admin):
    item(admin, kind="post", title="已截止岗位", category=None, total=5, capacity=1, deadline=TODAY - DAY)
    response = client.get("/opportunities")
    page = response.get_data(as_text=True)
    assert titles(response) == []
    assert "Nothing is open for applications or coming up right now." in page
    assert "No stalls or posts are published right now" not in page
    assert _closed_note(response).startswith("1 closed opportunity is not shown.")


@pytest.mark.parametrize("query", ["open=y", "closed=y"])
def test_no_count_of_hidden_ones_when_none_are_hidden(client, admin, query):
    item(admin, title="昨天截止", deadline=TODAY - DAY)
    assert _closed_note(client.get(f"/training?{query}")) is None


def test_the_htmx_fragment_carries_the_closed_note_too(client, admin):
    _courses(admin)
    fragment = client.get("/training", headers={"HX-Request": "true"})
    assert "<html" not in fragment.get_data(as_text=True) and _closed_note(fragment).startswith("2 closed")


# --- the message after a redirect is the page's first news ----------------------------------------

def _main(page: str) -> str:
    return page.split('<main id="main" class="page" tabindex="-1">', 1)[1]


def test_the_sign_in_message_leads_the_title_and_takes_focus_first_in_main(client):
    response = client.get("/me/applications", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "<title>Please sign in to see this page. – Sign in – " in page
    first = re.search(r"<(\w+)[^>]*>", _main(page).lstrip()).group(0)
    assert first == '<div class="flash-region" id="flash" tabindex="-1" autofocus>'
    assert _main(page).index("Please sign in to see this page.") < _main(page).index("<form")
    again = client.get("/auth/login").get_data(as_text=True)  # shown once: the next page is quiet
    assert 'id="flash"' not in again and "<title>Sign in – " in again


def test_a_page_without_a_message_has_no_empty_region_and_no_autofocus_on_it(client):
    page = client.get("/training").get_data(as_text=True)
    assert 'class="flash-region"' not in page and "<title>Training – " in page
