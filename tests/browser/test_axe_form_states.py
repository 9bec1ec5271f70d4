"""Pages the link crawl cannot reach: the steps behind a form, forms showing errors, refusals.

Each is checked with axe in Chinese, English and care mode, like the crawl.
"""
import re

import pytest

from .conftest import axe_violations, sign_in
from .journeys import MODES, navigation, submit


@pytest.mark.browser
@pytest.mark.parametrize("mode", list(MODES))
def test_form_steps_and_error_states_pass_axe(context, live_server, crawl_stats, mode):
    lang, care, _html_lang = MODES[mode]
    page = context(locale=lang, care=care).new_page()
    phone = {"zh_CN": "13910000001", "en": "13910000002", "care": "13910000003"}[mode]
    found, seen = [], []

    def check(label):
        assert page.locator("h1").count() == 1, label
        seen.append(page.url.replace(live_server, "").split("#")[0])
        found.extend(axe_violations(page, f"{mode} {label}"))

    page.goto(f"{live_server}/auth/register")
    submit(page)
    assert page.locator(".error-summary").is_visible()
    check("register with errors")
    page.fill("#phone", phone)
    submit(page)
    assert page.url.endswith("/auth/register/verify")
    check("register step 2")
    code = re.search(r"\d{6}", page.inner_text(".dev-note")).group(0)
    page.fill("#code", f"{(int(code) + 1) % 10**6:06d}")
    page.fill("#name", "测试")
    page.fill("#password", "lantern-river-42")
    submit(page)
    assert page.locator("#code[aria-invalid=true]").count() == 1
    check("register step 2 with errors")
    assert page.input_value("#name") == "测试"  # kept after the refusal
    page.fill("#code", code)
    page.fill("#password", "lantern-river-42")
    submit(page)
    assert "/auth/welcome" in page.url
    check("registered")

    page.goto(f"{live_server}/admin/staff")
    assert page.locator(".result__icon--error").is_visible()
    check("403 for an applicant")
    page.goto(f"{live_server}/me")
    with navigation(page):
        page.locator("form[action$='/auth/logout'] button").click()

    page.goto(f"{live_server}/auth/reset")
    page.fill("#phone", phone)
    submit(page)
    assert page.url.endswith("/auth/reset/verify")
    check("reset step 2")
    submit(page)
    check("reset step 2 with errors")

    sign_in(page, live_server, "13800000003")
    page.goto(f"{live_server}/admin/staff/new")
    submit(page)
    check("new caseworker with errors")

    crawl_stats["visits"] += len(seen)
    crawl_stats["urls"].update(seen)
    crawl_stats["cases"][f"form states-{mode}"] = len(seen)
    assert not found, "axe found WCAG 2.2 A/AA violations:\n" + "\n".join(found)
