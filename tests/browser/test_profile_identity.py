"""我的资料, personal details and consent, by keyboard alone on a phone-sized screen.

A new applicant answers the identity questions with Tab, arrow keys, Space, Enter and typing;
the certificate question asks for consent first; they sign out half-way, sign in again by
keyboard and carry on from the next missing question; the check page shows the ID and
certificate numbers masked, never whole.

The pages a new applicant sees here (profile not started, in progress and submitted, consent
not given yet, the check page) are not reachable by the link crawl of the demo applicant, so
each is checked with axe here.
"""
import re

import pytest

from webapp.services.identity.numbers import check_character, mask_certificate, mask_id

from .conftest import axe_violations
from .journeys import (
    SUBMIT,
    active,
    path,
    press_enter,
    register,
    sign_in_by_keyboard,
    sign_out_by_keyboard,
    tab_once_to,
    tab_to,
    tab_until,
    tag_of_row,
    text,
)

# A made-up resident of 矿区 (140303) born 1992-03-14 (a woman: the 17th digit is even). Not the
# demo applicant's number, which an account already holds.
ID_BODY = "14030319920314246"
ID_NUMBER = ID_BODY + check_character(ID_BODY)
CERTIFICATE = ID_NUMBER + "42"  # category 4 (physical), level 2


@pytest.mark.browser
def test_identity_and_consent_by_keyboard_alone_leaving_half_way(context, live_server, crawl_stats):
    base = live_server
    page = context().new_page()
    phone, name = "13920000001", "资料键盘"
    found, seen = [], []

    def check(label):
        assert page.locator("h1").count() == 1, label
        seen.append(path(page))
        found.extend(axe_violations(page, label))

    def question(step: str) -> None:
        assert path(page) == f"/me/identity/{step}", f"expected the {step} question, on {page.url}"
        check(f"question {step}")

    register(page, base, phone, name)
    page.goto(f"{base}/me/profile")
    _, tag = tag_of_row(page, text("zh_CN", "Personal details"))
    assert tag.inner_text() == text("zh_CN", "Not started")
    check("profile not started")
    tab_to(page, 'main a[href$="/me/identity/name"]', "the personal details row")
    press_enter(page)

    question("name")
    tab_until(page, "el.id === 'full_name'", "the name field")
    page.keyboard.type("王小红")
    press_enter(page)

    question("id-number")
    tab_until(page, "el.id === 'id_number'", "the ID number field")
    page.keyboard.type(f"{ID_NUMBER[:6]} {ID_NUMBER[6:14]} {ID_NUMBER[14:]}")  # spaces, as on the card
    press_enter(page)
    # The next question needs disability information: consent comes first.
    assert path(page) == "/me/consent", f"the certificate question must ask for consent first: {page.url}"
    assert page.locator(".flash--info").count() == 1
    check("consent not given")

    # Leave half-way: sign out by keyboard, sign in again, carry on from where it stopped.
    sign_out_by_keyboard(page, base)
    sign_in_by_keyboard(page, base, phone)
    page.goto(f"{base}/me/profile")
    row, tag = tag_of_row(page, text("zh_CN", "Personal details"))
    assert tag.inner_text() == text("zh_CN", "In progress")
    assert "tag--warn" in tag.get_attribute("class").split()
    assert row.get_attribute("href") == "/me/identity/certificate", "the row must lead to the next missing question"
    assert text("zh_CN", "%(count)d questions left", count=5) in row.inner_text()
    check("profile in progress")
    tab_to(page, 'main a[href="/me/identity/certificate"]', "the personal details row")
    press_enter(page)
    assert path(page) == "/me/consent", page.url

    tab_to(page, 'main form[action^="/me/consent"] button', "the I agree button")
    assert active(page)["text"] == text("zh_CN", "I agree")
    press_enter(page)
    question("certificate")  # back to the question that asked for consent
    assert page.locator(".flash--success").count() == 1
    tab_until(page, "el.id === 'certificate_number'", "the certificate field")
    page.keyboard.type(CERTIFICATE)
    press_enter(page)

    question("district")
    tab_until(page, "el.name === 'district'", "the district radios")
    page.keyboard.press("ArrowDown")  # arrow keys move along the group and choose
    assert page.locator("input[name=district]:checked").get_attribute("value") == "kuangqu"
    tab_once_to(page, "town")
    page.keyboard.type("赛鱼街道")
    press_enter(page)

    question("household")
    tab_until(page, "el.name === 'household_type'", "the household radios")
    page.keyboard.press("Space")
    assert page.locator("input[name=household_type]:checked").get_attribute("value") == "urban"
    page.keyboard.press("Tab")
    assert page.evaluate(f"() => {{ const el = document.activeElement; return {SUBMIT}; }}"), active(page)
    press_enter(page)

    question("education")
    tab_until(page, "el.name === 'education'", "the education radios")
    for _ in range(4):
        page.keyboard.press("ArrowDown")
    assert page.locator("input[name=education]:checked").get_attribute("value") == "college"
    page.keyboard.press("Tab")  # one Tab stop per radio group
    assert active(page)["id"] == "is_student-0", active(page)
    page.keyboard.press("Space")
    assert page.locator("input[name=is_student]:checked").get_attribute("value") == "no"
    tab_until(page, SUBMIT, "the save button")
    press_enter(page)

    question("contact")
    tab_until(page, "el.id === 'contact_phone'", "the contact phone field")
    page.keyboard.type("139 2000 0011")
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert page.locator("input[name=preferred_contact]:checked").get_attribute("value") == "phone"
    tab_until(page, SUBMIT, "the save button")
    press_enter(page)

    question("communication")
    tab_until(page, "el.name === 'communication_needs'", "the first checkbox")
    for box in ("communication_needs-1", "communication_needs-2"):  # large print, screen reader
        tab_once_to(page, box)
        page.keyboard.press("Space")
    assert [box.get_attribute("value") for box in page.locator("input[name=communication_needs]:checked").all()] \
        == ["large_print", "screen_reader"]
    tab_until(page, SUBMIT, "the save button")
    press_enter(page)

    # Check the answers: the numbers masked, never whole, anywhere in the page.
    assert path(page) == "/me/identity/check", page.url
    check("check answers")
    answers = page.locator("main dl.summary").inner_text()
    assert mask_id(ID_NUMBER) == f"{ID_NUMBER[:6]}{'*' * 8}{ID_NUMBER[-4:]}"
    assert mask_id(ID_NUMBER) in answers
    assert mask_certificate(CERTIFICATE) == f"{ID_NUMBER[:6]}{'*' * 8}{ID_NUMBER[14:]}**"
    assert mask_certificate(CERTIFICATE) in answers
    html = page.content()
    for secret in (ID_NUMBER, CERTIFICATE, ID_NUMBER[6:14]):
        assert secret not in html, "the check page must not contain the whole ID or certificate number"
    for expected in ("王小红", f"{text('zh_CN', 'Kuangqu District')} 赛鱼街道", text("zh_CN", "Urban (城镇)"),
                     text("zh_CN", "Junior college"), "13920000011", text("zh_CN", "Phone call"),
                     text("zh_CN", "Large print"), text("zh_CN", "Screen reader"), text("zh_CN", "Female"),
                     text("zh_CN", "%(category)s, %(level)s", category=text("zh_CN", "Physical"),
                          level=text("zh_CN", "Level 2"))):
        assert expected in answers, f"{expected!r} missing from the answers: {answers!r}"
    tab_to(page, 'main form[action$="/me/identity/check"] button', "the submit button")
    press_enter(page)

    assert path(page) == "/me/profile", page.url
    assert page.locator(".flash--success").count() == 1
    row, tag = tag_of_row(page, text("zh_CN", "Personal details"))
    assert tag.inner_text() == text("zh_CN", "Submitted")
    assert "tag--ok" in tag.get_attribute("class").split()
    assert re.search(r"JC-\d{6}", row.inner_text()), row.inner_text()
    _, consent_tag = tag_of_row(page, text("zh_CN", "Consent to use disability information"))
    assert consent_tag.inner_text() == text("zh_CN", "Given")
    check("profile submitted")

    crawl_stats["visits"] += len(seen)
    crawl_stats["urls"].update(seen)
    crawl_stats["cases"]["profile by keyboard"] = len(seen)
    assert not found, "axe found WCAG 2.2 A/AA violations:\n" + "\n".join(found)
