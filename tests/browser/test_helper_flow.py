"""亲友代办 in the browser: a family helper acts for a linked person, and the link can be ended.

The demo helper (13800000004) has one link, to the demo applicant 张明, so acts for him at once.
A new applicant invites a new helper with a one-time code and later ends the link.
"""
import re

import pytest

from webapp.demo.applicant import DEMO_ID_BODY
from webapp.services.identity.numbers import check_character, mask_id

from .conftest import axe_violations, sign_in
from .journeys import (MODES, SnapshotAxe, active, path, press_enter, register, submit, tab_once_to, tab_to,
                       tab_until, text)

HELPER_PHONE = "13800000004"
PERSON = "张明"  # the demo applicant 13800000001
DEMO_ID = DEMO_ID_BODY + check_character(DEMO_ID_BODY)
# Each mode saves a different answer, so each run shows that its own save worked.
STATUS_BY_MODE = {"zh_CN": "flexible", "en": "employed", "care": "student"}
STATUS_LABELS = {"flexible": "Self-employed or flexible work", "employed": "Working, and want a change or more hours",
                 "student": "Student, looking for work after study"}
THIRD_PERSON = {"zh_CN": "他/她", "en": "they"}


def banner(page):
    return page.locator("header .banner")


@pytest.mark.browser
@pytest.mark.parametrize("mode", list(MODES))
def test_the_demo_helper_acts_for_the_linked_person(context, live_server, crawl_stats, mode):
    base = live_server
    lang, care, html_lang = MODES[mode]
    page = context(locale=lang, care=care).new_page()
    acting_for = text(lang, "Acting for %(name)s", name=PERSON)
    if lang == "zh_CN":
        assert acting_for == "正在为 张明 代办"
    found, seen = [], []

    def on_page(url: str | None = None, axe: bool = True) -> None:
        """Every page a helper sees says for whom they act, with a way to switch."""
        if url:
            page.goto(f"{base}{url}")
            assert path(page) == url.split("?")[0], f"{url} ended on {page.url}"
        assert page.locator("html").get_attribute("lang") == html_lang
        assert ("care" in (page.locator("html").get_attribute("class") or "").split()) == care
        assert banner(page).count() == 1, f"{page.url}: no acting-for banner"
        assert acting_for in banner(page).inner_text(), f"{page.url}: banner says {banner(page).inner_text()!r}"
        assert banner(page).locator("a[href='/me/acting']").count() == 1
        if axe:
            seen.append(path(page))
            found.extend(axe_violations(page, f"helper {mode} {path(page)}"))

    sign_in(page, base, HELPER_PHONE)
    on_page(axe=False)  # /me: the crawl checks it with axe
    on_page("/me/profile", axe=False)

    on_page("/me/needs")
    intro = page.locator("main .page-intro").inner_text()
    assert THIRD_PERSON[lang] in intro, f"/me/needs must speak of them: {intro!r}"
    assert intro == text(lang, "Tell the Disabled Persons' Federation what work and support they need. A caseworker "
                               "uses it to find suitable jobs, training and support, and adds an ability assessment.")

    # The ID number is shown to a helper only masked, and not put in the field.
    on_page("/me/identity/id-number")
    masked = mask_id(DEMO_ID)
    assert masked == f"{DEMO_ID[:6]}{'*' * 8}{DEMO_ID[-4:]}"
    note = page.locator("main p.panel").inner_text()
    assert note == text(lang, "Their number on record: %(number)s. Enter it again only to change it.", number=masked)
    assert page.input_value("#id_number") == ""
    assert DEMO_ID not in page.content() and DEMO_ID[6:14] not in page.content()

    # Saving an answer for them works, and the question speaks of them.
    on_page("/me/needs/status")
    legend = page.locator("main fieldset legend").inner_text()
    assert legend == text(lang, "What do they do now?") and THIRD_PERSON[lang] in legend, legend
    status = STATUS_BY_MODE[mode]
    page.check(f"input[name=employment_status][value={status}]")
    response = submit(page)
    assert response.status == 200 and path(page) == "/me/needs/job-types", page.url
    on_page(axe=False)
    on_page("/me/needs/check")
    assert page.locator("main h2.cells-title").inner_text() == text(lang, "Their answers")
    answers = page.locator("main dl.summary").inner_text()
    assert text(lang, STATUS_LABELS[status]) in answers, answers
    on_page("/me/needs", axe=False)
    assert page.locator("main .panel h2").inner_text() == text(lang, "Changes not submitted yet")

    crawl_stats["visits"] += len(seen)
    crawl_stats["urls"].update(seen)
    crawl_stats["cases"][f"demo helper-{mode}"] = len(seen)
    assert not found, "axe found WCAG 2.2 A/AA violations:\n" + "\n".join(found)


@pytest.mark.browser
def test_invite_a_new_helper_act_for_the_person_then_end_the_link(context, live_server, crawl_stats):
    base = live_server
    person, helper = "邀请测试", "帮手测试"
    found, seen = [], []

    # The applicant creates an invite code by keyboard (JavaScript on).
    mine = context().new_page()

    def check(page, label, html=None):
        seen.append(path(page))
        found.extend(snapshot.violations(html, label) if html else axe_violations(page, label))

    register(mine, base, "13920000004", person)
    mine.goto(f"{base}/me/helpers")
    assert text("zh_CN", "No one can act for you yet.") in mine.locator("main").inner_text()
    tab_to(mine, 'main form[action$="/me/helpers/invite"] button', "the create-a-code button")
    press_enter(mine)
    assert path(mine) == "/me/helpers", mine.url
    panel = mine.locator("#invite-code")
    code = panel.locator(".invite-code [aria-hidden=true]").inner_text().strip()
    assert panel.locator(".invite-code .visually-hidden").inner_text() == " ".join(code)  # read letter by letter
    assert re.fullmatch(r"[A-HJKMNP-Z2-9]{8}", code), f"not an 8-character invite code: {code!r}"
    mine.wait_for_function("() => document.activeElement.id === 'invite-code'", timeout=3000)
    check(mine, "helpers with a new code")
    mine.reload()
    assert mine.locator("#invite-code").count() == 0, "the code is shown once only"

    # A new helper account, JavaScript off, links with the code by keyboard.
    theirs = context(javascript_enabled=False).new_page()
    snapshot = SnapshotAxe(context, base)
    register(theirs, base, "13920000005", helper, helper=True)
    theirs.goto(f"{base}/me/profile")
    assert path(theirs) == "/me/acting", "a helper with no one to act for must be sent to choose"
    assert banner(theirs).count() == 0
    check(theirs, "acting, no one yet", theirs.content())
    tab_until(theirs, "el.id === 'code'", "the invite code field")
    theirs.keyboard.type(code.lower())  # typed as read out: case does not matter
    tab_once_to(theirs, "relationship")
    theirs.keyboard.type("女儿")
    press_enter(theirs)
    assert path(theirs) == "/me/profile", theirs.locator("main").inner_text()[:300]
    assert theirs.locator(".flash--success").inner_text() == text("zh_CN", "You can now act for %(name)s.", name=person)
    assert banner(theirs).inner_text().startswith(f"正在为 {person} 代办"), banner(theirs).inner_text()
    check(theirs, "profile of the person a new helper acts for", theirs.content())
    theirs.goto(f"{base}/me/needs/status")
    assert f"正在为 {person} 代办" in banner(theirs).inner_text()
    assert "他/她" in theirs.locator("main fieldset legend").inner_text()

    # The applicant sees the helper and ends the link by keyboard.
    mine.goto(f"{base}/me/helpers")
    assert f"{helper}（女儿）" in mine.locator("main .cells").inner_text()
    tab_to(mine, 'main form[action$="/revoke"] button', "the end-link button")
    assert active(mine)["text"] == text("zh_CN", "End link with %(name)s", name=helper)
    press_enter(mine)
    assert path(mine) == "/me/helpers", mine.url
    assert mine.locator(".flash--success").inner_text() == text("zh_CN", "%(name)s can no longer act for you.",
                                                                 name=helper)
    assert mine.locator("main form[action$='/revoke']").count() == 0
    ended = text("zh_CN", "Ended %(date)s", date="\0").split("\0")
    assert re.search(re.escape(ended[0]) + ".+" + re.escape(ended[1]), mine.locator("main .cells").inner_text())
    check(mine, "helpers after ending a link")

    # At once the helper can no longer act for them: no banner, back to choosing.
    for url in ("/me/profile", "/me/needs"):
        theirs.goto(f"{base}{url}")
        assert path(theirs) == "/me/acting", f"{url} after the link ended: {theirs.url}"
        assert banner(theirs).count() == 0
    assert text("zh_CN", "You are not linked to anyone yet. Ask the person you help for an invite code.") \
        in theirs.locator("main").inner_text()
    # The code worked once only.
    theirs.fill("#code", code)
    theirs.fill("#relationship", "女儿")
    response = submit(theirs)
    assert response.status == 422
    assert theirs.locator(".error-summary a[href='#code']").inner_text().strip() == text(
        "zh_CN", "This code is not valid. Codes work once and for 24 hours: ask for a new one.")
    assert banner(theirs).count() == 0
    check(theirs, "acting, code refused", theirs.content())

    crawl_stats["visits"] += len(seen)
    crawl_stats["urls"].update(seen)
    crawl_stats["cases"]["invite and end a helper link"] = len(seen)
    assert not found, "axe found WCAG 2.2 A/AA violations:\n" + "\n".join(found)
