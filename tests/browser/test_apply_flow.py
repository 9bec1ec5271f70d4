"""Keyboard only: the demo applicant finds a rural course, applies, follows it and withdraws.

Every step is Tab and Enter (and typing); each page on the way is checked with axe.
"""
import pytest

from .conftest import axe_violations, sign_in
from .journeys import at, navigation, tab_until

COURSE = "小杂粮种植与加工"  # a rural course in the demo data that nothing else applies for


@pytest.mark.browser
def test_apply_for_a_course_and_withdraw_by_keyboard(context, live_server):
    page = context().new_page()
    sign_in(page, live_server, "13800000001")
    found = []

    page.goto(f"{live_server}/training?rural=1")
    found += axe_violations(page, "rural courses")
    tab_until(page, f"el.textContent.includes('{COURSE}')", "the course in the list")
    with navigation(page):
        page.keyboard.press("Enter")
    assert COURSE in page.inner_text("main")
    found += axe_violations(page, "course detail")

    tab_until(page, "el.getAttribute('href') && el.getAttribute('href').startsWith('/apply/')", "the Apply button")
    with navigation(page):
        page.keyboard.press("Enter")
    found += axe_violations(page, "apply step 1")
    tab_until(page, "el.matches('main form button[type=submit]')", "the continue button")
    with navigation(page):
        page.keyboard.press("Enter")
    assert at(page).endswith("/answers")
    reference = page.url.split("/me/applications/")[1].split("/")[0]

    tab_until(page, "el.id === 'reason'", "the first question")
    page.keyboard.type("想学种植小杂粮，回村里种")
    found += axe_violations(page, "apply step 2")
    tab_until(page, "el.matches('main form button[type=submit]')", "save and continue")
    with navigation(page):
        page.keyboard.press("Enter")
    assert at(page).endswith("/check")
    assert "想学种植小杂粮" in page.inner_text("main")
    found += axe_violations(page, "apply step 3")
    tab_until(page, "el.matches('main form button[type=submit]')", "send the application")
    with navigation(page):
        page.keyboard.press("Enter")
    assert at(page).endswith("/sent") and reference in page.inner_text("main")
    found += axe_violations(page, "sent")

    tab_until(page, f"el.getAttribute('href') === '/me/applications/{reference}'", "follow this application")
    with navigation(page):
        page.keyboard.press("Enter")
    timeline = page.inner_text("ol.timeline")
    assert timeline.count("\n") >= 1  # draft and submitted events
    found += axe_violations(page, "application detail")

    tab_until(page, "el.getAttribute('href') && el.getAttribute('href').endsWith('/withdraw')", "withdraw")
    with navigation(page):
        page.keyboard.press("Enter")
    found += axe_violations(page, "withdraw confirmation")
    tab_until(page, "el.id === 'reason'", "the reason box")
    page.keyboard.type("时间冲突")
    tab_until(page, "el.matches('main form button.btn--warn')", "the withdraw button")
    with navigation(page):
        page.keyboard.press("Enter")
    assert at(page).endswith(f"/me/applications/{reference}")
    assert "时间冲突" in page.inner_text("ol.timeline")
    assert page.locator(".panel .tag").inner_text() in ("已撤回", "Withdrawn")

    page.goto(f"{live_server}/me/notices")
    assert reference in page.inner_text("main")
    found += axe_violations(page, "notices")
    assert not found, "axe found WCAG 2.2 A/AA violations:\n" + "\n".join(found)
