"""Keyboard only, JavaScript off: the demo administrator closes a stall opening early, runs its
draw with a public lottery number (after one typed wrongly), and the public page explains how the
order was decided and how to check it, with the technical details folded away. Axe checks every
page on the way (through SnapshotAxe, since axe cannot run in a page without JavaScript)."""
import re

import pytest

from webapp.demo.stall_draw import CLOSED, STILL_OPEN

from .conftest import axe_violations, sign_in
from .journeys import (
    MODES,
    SnapshotAxe,
    at,
    navigation,
    press_enter,
    sign_in_by_keyboard,
    tab_to,
    tab_until,
    text,
)
from .nu_checker import describe, validate

ADMIN = "13800000003"
NUMBER, SOURCE = "05 11 16 23 28 30 12", "双色球 2026141期，中国福利彩票网站"
HEX64 = re.compile(r"\b[0-9a-f]{64}\b")
UNDRAWN = "万达广场便民商铺"  # a demo stall opening, still open


@pytest.mark.browser
def test_admin_closes_early_and_runs_the_draw_by_keyboard_without_javascript(context, live_server):
    from webapp.demo import DEMO_PASSWORD

    page = context(javascript_enabled=False).new_page()
    snapshot = SnapshotAxe(context, live_server)
    found, documents = [], {}  # axe findings; each page as the server sent it, for the HTML checker
    zh = lambda message, **values: text("zh_CN", message, **values)
    run_now = zh("Run the draw now")
    sign_in_by_keyboard(page, live_server, ADMIN, DEMO_PASSWORD)

    page.goto(f"{live_server}/admin/opportunities?kind=stall")
    tab_until(page, f"el.textContent.trim() === '{STILL_OPEN}'", "the stall opening in the list")
    response = press_enter(page)
    edit_url = at(page)
    stall_id = int(re.search(r"/admin/opportunities/(\d+)/edit", edit_url).group(1))
    step = page.inner_text("section[aria-labelledby=draw-step-title]")
    assert zh("Allocation draw") in step and run_now not in step  # still open: no button, the reason
    assert "报名开放到" in step
    documents["stall admin page, open"] = response.text()
    found += snapshot.violations(page.content(), "stall admin page, open")

    tab_to(page, 'form[action$="/close"] button', "the close-applications button")
    response = press_enter(page)
    assert at(page) == edit_url
    step = page.locator("section[aria-labelledby=draw-step-title]")
    assert "3 位审核通过的申请人参加抽签" in step.inner_text()
    documents["stall admin page, closed early"] = response.text()
    found += snapshot.violations(page.content(), "stall admin page, closed early")
    tab_until(page, f"el.textContent.trim() === '{run_now}' && el.tagName === 'A'", "the run-the-draw link")
    response = press_enter(page)
    assert at(page).endswith(f"/admin/opportunities/{stall_id}/draw")
    documents["draw form"] = response.text()
    found += snapshot.violations(page.content(), "draw form")

    tab_until(page, "el.id === 'public_number'", "the public number")
    page.keyboard.type("05 十一 16")
    tab_until(page, "el.id === 'public_source'", "where to check it")
    page.keyboard.type(SOURCE)
    tab_to(page, "main form button[type=submit]", "the run button")
    response = press_enter(page)
    assert response.status == 422
    assert zh("Use digits only, separated by spaces or commas, for example 03 07 12 19 25 31 09.") in page.inner_text(
        "main")
    assert page.input_value("#public_number") == "05 十一 16" and page.input_value("#public_source") == SOURCE
    documents["draw form with an error"] = response.text()
    found += snapshot.violations(page.content(), "draw form with an error")

    tab_until(page, "el.id === 'public_number'", "the public number again")
    page.keyboard.press("Control+A")
    page.keyboard.type(NUMBER)
    tab_to(page, "main form button[type=submit]", "the run button")
    response = press_enter(page)
    assert at(page).endswith(f"/opportunities/{stall_id}/draw")
    main = page.inner_text("main")
    for words in (zh("How the order was decided"), zh("How to check it yourself"), NUMBER, "中国福利彩票网站",
                  zh("Unit allocated"), zh("No unit")):
        assert words in main, words
    assert not HEX64.search(main), "hex outside the folded details"
    documents["public draw page"] = response.text()
    found += snapshot.violations(page.content(), "public draw page")

    tab_to(page, "details summary", "the technical details")
    page.keyboard.press("Enter")
    assert page.locator("details").first.get_attribute("open") is not None
    details = page.inner_text("details")
    assert HEX64.search(details) and "hashlib.sha256" in details and zh("SHA-256 of this seed matches the commitment.") in details
    found += snapshot.violations(page.content(), "public draw page, details open")

    response = page.goto(f"{live_server}/opportunities/{stall_id}")
    main = page.inner_text("main")
    assert not HEX64.search(main) and zh("See the result and how to check it yourself") in main
    documents["stall page after the draw"] = response.text()
    found += snapshot.violations(page.content(), "stall page after the draw")

    page.goto(edit_url)
    assert run_now not in page.inner_text("main")  # the draw ran: the button is gone
    assert not found, "axe found WCAG 2.2 A/AA violations:\n" + "\n".join(found)
    errors = validate(documents)
    assert not errors, "the Nu Html Checker found errors:\n" + "\n".join(map(describe, errors))


@pytest.mark.browser
@pytest.mark.parametrize("mode", list(MODES))
def test_the_draw_pages_pass_axe_in_every_mode(context, live_server, mode):
    """The admin's draw form (demo 桃北市场固定摊位: deadline passed, ready to draw) and a public draw
    page before its draw, in Chinese, English and care mode, with JavaScript on."""
    from webapp.demo import DEMO_PASSWORD

    lang, care, _html_lang = MODES[mode]
    page = context(locale=lang, care=care).new_page()
    sign_in(page, live_server, ADMIN, DEMO_PASSWORD)
    found = []
    page.goto(f"{live_server}/admin/opportunities?kind=stall")
    with navigation(page):
        page.get_by_role("link", name=CLOSED, exact=True).click()
    assert text(lang, "Run the draw now") in page.inner_text("section[aria-labelledby=draw-step-title]")
    found += axe_violations(page, f"{mode}: stall admin page, ready to draw")
    with navigation(page):
        page.locator("section[aria-labelledby=draw-step-title] a.btn").click()
    assert page.locator("#public_number").count() == 1
    found += axe_violations(page, f"{mode}: draw form")
    with navigation(page):
        page.locator("main form button[type=submit]").click()  # nothing typed: refused beside the fields
    assert page.locator(".field__error").count() == 2
    found += axe_violations(page, f"{mode}: draw form with errors")
    page.goto(f"{live_server}/opportunities")
    with navigation(page):
        page.get_by_role("link", name=re.compile(UNDRAWN)).first.click()
    with navigation(page):
        page.locator("main a[href$='/draw']").click()
    assert page.locator("details").count() == 1 and not HEX64.search(page.inner_text("main"))
    found += axe_violations(page, f"{mode}: public draw page before the draw")
    assert not found, "axe found WCAG 2.2 A/AA violations:\n" + "\n".join(found)
