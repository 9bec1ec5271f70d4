"""Keyboard only: register, sign out and sign in again with Tab, Shift+Tab, Enter and typing.

Reading the page (the development SMS code, where focus is) is fine; every input is a key press.
The browser asks for Chinese and no language cookie is set, so these run in the default zh_CN.
The pages only reachable by submitting a form (the code step, the welcome page, a form with
errors) are checked with axe here, since the crawl never submits forms.
"""
import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from .conftest import axe_violations
from .journeys import SUBMIT, active, at, navigation, tab_once_to, tab_until

NEW_PHONE = "13912345678"
NEW_NAME = "键盘测试"
NEW_PASSWORD = "Kb7-qWz93x"


def has_focus_indicator(page) -> dict:
    return page.evaluate("""() => {
        const s = getComputedStyle(document.activeElement);
        return {outline: s.outlineStyle, width: s.outlineWidth, shadow: s.boxShadow};
    }""")


@pytest.mark.browser
def test_register_sign_out_and_sign_in_with_the_keyboard_alone(context, live_server):
    page = context().new_page()
    base = live_server

    # Step 1: the skip link comes first and moves focus into <main>.
    page.goto(f"{base}/auth/register")
    assert page.locator("html").get_attribute("lang") == "zh-CN"
    page.keyboard.press("Tab")
    first = active(page)
    assert first["tag"] == "a" and "skip-link" in first["cls"], f"first Tab stop is {first}, not the skip link"
    page.keyboard.press("Enter")
    assert active(page)["id"] == "main", "Enter on the skip link must move focus to <main>"
    tab_once_to(page, "phone")
    page.keyboard.type(NEW_PHONE)
    with navigation(page):
        page.keyboard.press("Enter")
    assert at(page) == f"{base}/auth/register/verify", page.url

    # Step 2: the code (shown on the page in development), name and password.
    assert axe_violations(page, "register step 2") == []
    code = re.search(r"(?<!\d)(\d{6})(?!\d)", page.locator(".dev-note").inner_text())
    assert code, "the development note should show the 6-digit code"
    tab_until(page, "el.id === 'code'", "the code field")
    page.keyboard.type(code.group(1))
    tab_once_to(page, "name")
    page.keyboard.type(NEW_NAME)
    tab_once_to(page, "password")
    page.keyboard.type(NEW_PASSWORD)
    # Shift+Tab goes back to the name, Tab forward again: the order is the same both ways.
    tab_once_to(page, "name", key="Shift+Tab")
    tab_once_to(page, "password")
    with navigation(page):
        page.keyboard.press("Enter")
    assert at(page) == f"{base}/auth/welcome", page.url
    assert page.locator(".result h2").count() == 1
    assert page.locator(".result h2").is_visible()
    assert NEW_NAME in page.locator(".result").inner_text()
    assert axe_violations(page, "welcome") == []

    # Sign out: the button on Me, reached by Tab and pressed with Enter.
    page.goto(f"{base}/me")
    button = tab_until(page, "el.matches('form[action$=\"/auth/logout\"] button')", "the sign-out button")
    assert button["tag"] == "button"
    with navigation(page):
        page.keyboard.press("Enter")
    assert at(page) == f"{base}/", page.url
    assert page.locator(".flash--success").count() == 1
    page.goto(f"{base}/me")
    assert NEW_NAME not in page.locator("main").inner_text(), "still signed in after signing out"

    # Sign in again with the new account.
    page.goto(f"{base}/auth/login")
    tab_until(page, "el.id === 'phone'", "the phone field")
    page.keyboard.type(NEW_PHONE)
    tab_once_to(page, "password")
    page.keyboard.type(NEW_PASSWORD)
    page.keyboard.press("Tab")
    assert page.evaluate(f"() => {{ const el = document.activeElement; return {SUBMIT}; }}"), \
        f"Tab from the password should reach the sign-in button, focus is on {active(page)}"
    style = has_focus_indicator(page)
    assert (style["outline"] != "none" and style["width"] != "0px") or style["shadow"] != "none", \
        f"the focused sign-in button shows no focus indicator: {style}"
    with navigation(page):
        page.keyboard.press("Enter")
    assert at(page) == f"{base}/me", page.url
    assert NEW_NAME in page.locator("main .cells").first.inner_text()


@pytest.mark.browser
def test_empty_sign_in_by_keyboard_shows_a_focused_error_summary(context, live_server):
    page = context().new_page()
    page.goto(f"{live_server}/auth/login")
    tab_until(page, SUBMIT, "the sign-in button")
    with navigation(page) as arrived:
        page.keyboard.press("Enter")
    assert arrived.value.status == 422

    summary = page.locator(".error-summary")
    assert summary.count() == 1 and summary.is_visible()
    try:  # autofocus is applied by the browser on the next rendering step, just after load
        page.wait_for_function("() => document.activeElement.classList.contains('error-summary')",
                               timeout=3000)
    except PlaywrightTimeout:
        pass  # the assertion below says where focus is instead
    assert "error-summary" in active(page)["cls"], f"the error summary must get focus, focus is on {active(page)}"
    title = page.title()
    assert title.startswith("错误"), f"the title must start with 错误 (error) so it is announced first: {title!r}"

    phone = page.locator("#phone")
    assert phone.get_attribute("aria-invalid") == "true"
    described = (phone.get_attribute("aria-describedby") or "").split()
    assert described, "the phone field must point at its error with aria-describedby"
    texts = " ".join(page.locator(f"#{ident}").inner_text() for ident in described)
    message = summary.locator("a[href='#phone']").inner_text().strip()
    assert message, "the summary must link its phone error to the field"
    assert message in texts, f"aria-describedby ({described}) does not include the error {message!r}: {texts!r}"
    assert axe_violations(page, "login with errors") == []

    # From the summary, Tab reaches the error link and Enter takes focus to the field.
    tab_until(page, "el.matches('.error-summary a')", "the error link in the summary")
    page.keyboard.press("Enter")
    assert active(page)["id"] == "phone", f"the error link must move focus to the field: {active(page)}"
