"""Journey helpers shared by the browser test modules (not tests themselves).

Moving focus by keyboard (tab_until, tab_once_to, tab_to, active), pressing and submitting
(press_enter, submit), where the page is (path, at), the app's own translated strings (text),
a new account through the real forms (register), signing out and in again by keyboard, the
status tag of a row on /me/profile, and axe for pages seen with JavaScript off (SnapshotAxe).
Fixtures and axe_violations / sign_in live in conftest.py.
"""
import contextlib
import functools
import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from webapp.config import TestConfig

from .conftest import axe_violations

# The password of the accounts made by register() in these tests.
PASSWORD = "Pf8-mRt52q"
# The three ways every page is checked: mode -> (lang cookie, care cookie, expected <html lang>)
MODES = {"zh_CN": ("zh_CN", False, "zh-CN"), "en": ("en", False, "en"), "care": ("zh_CN", True, "zh-CN")}
MAX_TABS = 40
# JS test for tab_until and friends: focus is on the submit button of the page's main form.
SUBMIT = "el.matches('main form button[type=submit]')"

ACTIVE = """() => {
    const el = document.activeElement;
    return el ? {tag: el.tagName.toLowerCase(), id: el.id, cls: el.className,
                 type: el.getAttribute("type"), text: (el.textContent || "").trim(),
                 form: el.form ? el.form.getAttribute("action") : null} : null;
}"""


# --- translated strings ------------------------------------------------------------------------

@functools.cache
def _translating_app():
    from webapp import create_app

    return create_app(TestConfig)


def text(lang: str, message: str, **values) -> str:
    """`message` as the app shows it in `lang` ("zh_CN" or "en"), through the app's own gettext.

    In Chinese the text must really be translated: English on a Chinese page is a bug.
    """
    from flask_babel import force_locale, gettext

    with _translating_app().test_request_context("/"), force_locale(lang):
        translated = gettext(message, **values)
    if lang == "zh_CN" and translated == (message % values if values else message):
        pytest.fail(f"no Chinese translation of {message!r}", pytrace=False)
    return translated


# --- where the page is ------------------------------------------------------------------------

def path(page) -> str:
    """The path of the page's URL (no query, no fragment)."""
    return urlsplit(page.url).path


def at(page) -> str:
    """The page's URL without a fragment (a redirect keeps the #main of the skip link)."""
    return page.url.split("#", 1)[0]


# --- focus and keys ---------------------------------------------------------------------------

def active(page) -> dict:
    return page.evaluate(ACTIVE)


def tab_until(page, test: str, what: str, key: str = "Tab") -> dict:
    """Press Tab (or Shift+Tab) until `test` (JS, given document.activeElement as el) holds."""
    for _ in range(MAX_TABS):
        page.keyboard.press(key)
        if page.evaluate(f"() => {{ const el = document.activeElement; return !!el && ({test}); }}"):
            return active(page)
    pytest.fail(f"{what} never got focus after {MAX_TABS} presses of {key}; focus is on {active(page)}")


def tab_once_to(page, element_id: str, key: str = "Tab") -> None:
    page.keyboard.press(key)
    now = active(page)
    assert now and now["id"] == element_id, f"{key} should move focus to #{element_id}, it is on {now}"


def tab_to(page, selector: str, what: str) -> dict:
    """Tab until the focused element matches the CSS selector."""
    return tab_until(page, f"el.matches({selector!r})", what)


@contextlib.contextmanager
def navigation(page):
    """page.expect_navigation(), which on a timeout fails saying where the browser was and which of
    the requests it made meanwhile never finished (the page itself, or a file it loads)."""
    pending = {}
    started = lambda request: pending.__setitem__(id(request), f"{request.method} {request.url}")
    ended = lambda request: pending.pop(id(request), None)
    page.on("request", started)
    page.on("requestfinished", ended)
    page.on("requestfailed", ended)
    try:
        with page.expect_navigation() as waiting:
            yield waiting
    except PlaywrightTimeoutError as error:
        state = page.evaluate("() => document.readyState")
        raise AssertionError(f"no page arrived: {error.message.splitlines()[0]} The browser is on {page.url} "
                             f"({state}); requests not finished: {sorted(pending.values()) or 'none'}") from None
    finally:
        page.remove_listener("request", started)
        page.remove_listener("requestfinished", ended)
        page.remove_listener("requestfailed", ended)


def submit(page, selector: str = "main form button[type=submit]"):
    """Click a submit button and wait for the page it leads to; returns the response."""
    with navigation(page) as arrived:
        page.locator(selector).first.click()
    return arrived.value


def press_enter(page):
    """Enter on whatever has focus, and wait for the page it leads to; returns the response."""
    with navigation(page) as arrived:
        page.keyboard.press("Enter")
    return arrived.value


# --- accounts ---------------------------------------------------------------------------------

def register(page, base: str, phone: str, name: str, password: str = PASSWORD, helper: bool = False) -> None:
    """A new account through the real forms (filled in; the keyboard test of this is test_keyboard)."""
    page.goto(f"{base}/auth/register")
    page.fill("#phone", phone)
    submit(page)
    code = re.search(r"(?<!\d)(\d{6})(?!\d)", page.inner_text(".dev-note"))
    assert code, "the development note should show the 6-digit code"
    page.fill("#code", code.group(1))
    page.fill("#name", name)
    page.fill("#password", password)
    if helper:
        # The helper account type, by its Chinese label: "帮助有残疾的家人或朋友".
        page.get_by_role("radio", name=re.compile("^帮助")).check()
    submit(page)
    assert path(page) == "/auth/welcome", f"registering {phone} ended on {page.url}"


def sign_out_by_keyboard(page, base: str) -> None:
    page.goto(f"{base}/me")
    tab_to(page, 'form[action$="/auth/logout"] button', "the sign-out button")
    press_enter(page)
    assert path(page) == "/", page.url


def sign_in_by_keyboard(page, base: str, phone: str, password: str = PASSWORD) -> None:
    page.goto(f"{base}/auth/login")
    tab_until(page, "el.id === 'phone'", "the phone field")
    page.keyboard.type(phone)
    tab_once_to(page, "password")
    page.keyboard.type(password)
    press_enter(page)
    assert path(page) == "/me", page.url


# --- pages ------------------------------------------------------------------------------------

def tag_of_row(page, label: str):
    """The status tag of the task-list row on /me/profile with this label."""
    row = page.locator("main .cells a.cell__link").filter(has_text=label)
    assert row.count() == 1, f"expected one row {label!r} on {page.url}"
    return row, row.locator(".tag")


class SnapshotAxe:
    """axe for pages seen with JavaScript off.

    axe.run needs the page's own event loop (timers, promises), which a context with JavaScript
    off does not run, so it would never finish there. The HTML the JavaScript-off page shows is
    served again, at the same origin (so the real CSS applies), to a page with JavaScript on,
    and axe checks that. Pages behind a POST (errors) are checked exactly as they were shown.
    """

    def __init__(self, context, base: str):
        self.url = f"{base}/axe-snapshot"
        self.page = context().new_page()
        self.html = ""
        self.page.route(self.url, lambda route: route.fulfill(
            status=200, content_type="text/html; charset=utf-8", body=self.html))

    def violations(self, html: str, label: str) -> list[str]:
        self.html = html
        self.page.goto(self.url)
        return axe_violations(self.page, label)
