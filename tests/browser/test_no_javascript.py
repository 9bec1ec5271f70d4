"""Without JavaScript: register, sign in and out, switch care mode and change the settings.

The context has JavaScript switched off, so only HTML forms and links can do the work.
"""
import re

import pytest

from .conftest import sign_in
from .journeys import navigation

NEW_PHONE = "13912345679"
NEW_NAME = "无脚本测试"
NEW_PASSWORD = "Nj4-pLx82v"


def at(page) -> str:
    return page.url.split("#", 1)[0]


def submit(page, selector: str = "main form button[type=submit]"):
    with navigation(page) as arrived:
        page.click(selector)
    return arrived.value


@pytest.fixture
def page(context):
    page = context(javascript_enabled=False).new_page()
    yield page


def assert_scripts_off(page) -> None:
    # htmx (loaded by every page with <script defer>) defines window.htmx when scripts run.
    assert page.evaluate("() => typeof window.htmx") == "undefined", "JavaScript is running in this page"


@pytest.mark.browser
def test_register_sign_out_and_sign_in_without_javascript(page, live_server):
    base = live_server
    page.goto(f"{base}/auth/register")
    assert_scripts_off(page)
    page.fill("#phone", NEW_PHONE)
    response = submit(page)
    assert response.status == 200
    assert at(page) == f"{base}/auth/register/verify", page.url
    code = re.search(r"(?<!\d)(\d{6})(?!\d)", page.locator(".dev-note").inner_text())
    assert code, "the development note should show the 6-digit code"
    code = code.group(1)

    # A wrong code comes back as an error beside the field, with the summary, all server-side.
    page.fill("#code", str((int(code) + 1) % 1_000_000).zfill(6))
    page.fill("#name", NEW_NAME)
    page.fill("#password", NEW_PASSWORD)
    response = submit(page)
    assert response.status == 422
    assert page.locator(".error-summary a[href='#code']").count() == 1
    assert page.locator("#code").get_attribute("aria-invalid") == "true"
    assert page.locator("#code-error").is_visible()

    page.fill("#code", code)
    page.fill("#name", NEW_NAME)
    page.fill("#password", NEW_PASSWORD)
    submit(page)
    assert at(page) == f"{base}/auth/welcome", page.url
    assert page.locator(".result h2").count() == 1
    assert NEW_NAME in page.locator(".result").inner_text()

    page.goto(f"{base}/me")
    assert NEW_NAME in page.locator("main .cells").first.inner_text()
    submit(page, "form[action$='/auth/logout'] button")
    assert at(page) == f"{base}/", page.url
    assert page.locator(".flash--success").count() == 1
    page.goto(f"{base}/me")
    assert NEW_NAME not in page.locator("main").inner_text(), "still signed in after signing out"
    assert page.locator("main a[href$='/auth/login']").count() == 1

    sign_in(page, base, NEW_PHONE, NEW_PASSWORD)
    assert_scripts_off(page)
    assert NEW_NAME in page.locator("main .cells").first.inner_text()


@pytest.mark.browser
def test_care_mode_from_the_top_bar_without_javascript(page, live_server):
    page.goto(f"{live_server}/training")
    assert_scripts_off(page)
    html = page.locator("html")
    assert "care" not in (html.get_attribute("class") or "").split()
    with navigation(page):
        page.click(".topbar__tool[href*='care=1']")
    assert "care" in (html.get_attribute("class") or "").split()
    assert page.url.startswith(f"{live_server}/training?"), page.url

    page.goto(f"{live_server}/opportunities")  # remembered in a cookie on the next page
    assert "care" in (html.get_attribute("class") or "").split()
    with navigation(page):
        page.click(".topbar__tool[href*='care=0']")
    assert "care" not in (html.get_attribute("class") or "").split()


@pytest.mark.browser
def test_settings_change_language_and_care_mode_without_javascript(page, live_server):
    page.goto(f"{live_server}/me/settings")
    assert_scripts_off(page)
    html = page.locator("html")
    assert html.get_attribute("lang") == "zh-CN"
    assert page.locator("input[name=lang][value=zh_CN]").is_checked()
    page.check("input[name=lang][value=en]")
    page.check("input[name=care][value='1']")
    submit(page)
    assert at(page) == f"{live_server}/me/settings", page.url
    assert page.locator(".flash--success").count() == 1

    for _ in range(2):  # after the redirect, and again after a reload
        assert html.get_attribute("lang") == "en"
        assert "care" in (html.get_attribute("class") or "").split()
        assert page.locator("input[name=lang][value=en]").is_checked()
        assert page.locator("input[name=care][value='1']").is_checked()
        page.reload()
    page.goto(f"{live_server}/")
    assert html.get_attribute("lang") == "en"
    assert "care" in (html.get_attribute("class") or "").split()
