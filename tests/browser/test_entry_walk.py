"""From "I want this course" to applying, by keyboard with JavaScript off: a new visitor opens a
course, is asked to sign in, registers through the link, verifies the SMS code (a development copy
shows it) and lands back on the course, the message first and focused; then the start page's
neutral box leads to a missing step and back. Also the words of point 10 as they are laid out."""
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from .conftest import axe_violations, sign_in
from .journeys import active, path, press_enter, register, tab_to, tab_until, text

NEW_PHONE = "13955550123"
NEW_NAME = "入口测试"
NEW_PASSWORD = "Qe7-wNz41k"


def _query_next(page) -> str | None:
    return parse_qs(urlsplit(page.url).query).get("next", [None])[0]


def _focus_is_the_message(page) -> str:
    now = active(page)
    assert now and now["id"] == "flash", f"the message should have focus on load, focus is on {now}"
    return page.locator("#flash").inner_text().strip()


@pytest.mark.browser
def test_a_new_visitor_registers_from_a_course_and_comes_back_to_it(context, live_server):
    base = live_server
    page = context(javascript_enabled=False).new_page()
    page.goto(f"{base}/training")
    assert page.evaluate("() => typeof window.htmx") == "undefined", "JavaScript is running in this page"

    # The first course listed is one that can be applied for (open ones come first).
    first = tab_to(page, "main a.cell__link[href^='/training/']", "the first course")
    course = page.evaluate("() => document.activeElement.getAttribute('href')")
    press_enter(page)
    assert path(page) == course, first
    title = page.locator(".topbar__title").inner_text()

    tab_to(page, "main a[href^='/auth/login?next=']", "the sign-in-to-apply link")
    press_enter(page)
    assert path(page) == "/auth/login" and _query_next(page) == course

    tab_to(page, "main a[href^='/auth/register']", "the register link")
    press_enter(page)
    assert path(page) == "/auth/register" and _query_next(page) == course
    tab_until(page, "el.id === 'phone'", "the phone field")
    page.keyboard.type(NEW_PHONE)
    press_enter(page)
    assert path(page) == "/auth/register/verify" and _query_next(page) == course

    code = re.search(r"(?<!\d)(\d{6})(?!\d)", page.locator(".dev-note").inner_text())
    assert code, "the development note should show the 6-digit code"
    tab_until(page, "el.id === 'code'", "the code field")
    page.keyboard.type(code.group(1))
    tab_until(page, "el.id === 'name'", "the name field")
    page.keyboard.type(NEW_NAME)
    tab_until(page, "el.id === 'password'", "the password field")
    page.keyboard.type(NEW_PASSWORD)
    press_enter(page)

    # Back on the course, signed in; the message leads the title and has focus.
    assert path(page) == course, page.url
    assert page.locator(".topbar__title").inner_text() == title
    created = text("zh_CN", "Your account has been created. You are signed in as %(name)s.", name=NEW_NAME)
    assert _focus_is_the_message(page) == created
    assert page.title().startswith(created)

    # Apply: the start page says, neutrally, what is missing; each step comes back here.
    tab_to(page, f"main a[href='/apply/{course.rsplit('/', 1)[1]}']", "the Apply button")
    press_enter(page)
    start = path(page)
    assert page.locator(".error-summary").count() == 0
    assert not page.title().startswith(text("zh_CN", "Error:"))
    box = page.locator("main .info-box")
    assert text("zh_CN", "You cannot apply yet") in box.locator("h2").inner_text()
    hrefs = box.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert hrefs and all(parse_qs(urlsplit(h).query).get("next") == [start] for h in hrefs), hrefs

    tab_to(page, "main .info-box a[href^='/me/consent']", "the consent step")
    press_enter(page)
    assert path(page) == "/me/consent"
    tab_to(page, "main form[action^='/me/consent?next='] button", "the agree button")
    press_enter(page)
    assert path(page) == start, page.url
    assert _focus_is_the_message(page) == text(
        "zh_CN", "Consent recorded. You can withdraw it at any time on this page.")
    remaining = page.locator("main .info-box a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert not any(h.startswith("/me/consent") for h in remaining) and remaining


@pytest.mark.browser
def test_with_javascript_on_the_message_has_focus_and_the_pages_pass_axe(context, live_server):
    """(axe-core needs scripts, so the pages of the walk above are checked here, with them on.)"""
    page = context().new_page()
    page.goto(f"{live_server}/me/applications")
    assert path(page) == "/auth/login"
    message = text("zh_CN", "Please sign in to see this page.")
    assert _focus_is_the_message(page) == message and page.title().startswith(message)
    assert axe_violations(page, "sign-in page with its message") == []

    page.goto(f"{live_server}/training")
    course = page.locator("main a.cell__link[href^='/training/']").first.get_attribute("href")
    register(page, live_server, "13955550124", "入口测试二")
    page.goto(f"{live_server}/apply/{course.rsplit('/', 1)[1]}")
    assert page.locator("main .info-box").count() == 1
    assert axe_violations(page, "start page with the missing steps") == []


@pytest.mark.browser
def test_english_tab_labels_stand_apart_and_tags_sit_below_titles(context, live_server):
    page = context(locale="en").new_page()
    sign_in(page, live_server, "13800000001")
    page.goto(f"{live_server}/me/applications")
    labels = page.locator(".tabbar__label")
    assert labels.all_inner_texts() == ["Home", "Training", "Openings", "Me"]
    boxes = [labels.nth(n).bounding_box() for n in range(4)]
    gaps = [boxes[n + 1]["x"] - (boxes[n]["x"] + boxes[n]["width"]) for n in range(3)]
    assert min(gaps) >= 16, f"the tab labels nearly touch: gaps {gaps}"

    rows = page.locator("main .cell__link:has(.tag)")
    assert rows.count() > 0, "the demo applicant should have applications with status tags"
    for n in range(rows.count()):
        row = rows.nth(n)
        label, tag = row.locator(".cell__label").bounding_box(), row.locator(".tag").bounding_box()
        link = row.bounding_box()
        assert tag["y"] >= label["y"] + label["height"] - 1, f"row {n}: the tag is beside the title, not below"
        assert label["width"] <= link["width"] and row.locator(".cell__body").bounding_box()["width"] > 0.75 * link["width"]
