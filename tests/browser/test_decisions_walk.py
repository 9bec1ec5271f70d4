"""Issue 10, points 2 and 3 walked. A caseworker asks for more information; the applicant, by
keyboard with JavaScript off, finds the request at the top of the application, follows its link
to the photos, uploads a new one, comes straight back, adds to the answers and sends it again.
Then an approval onto a course: the notice says when, where, whom to contact and what to bring."""
import re

import pytest
from PIL import Image

from .conftest import axe_violations, sign_in
from .journeys import (
    SnapshotAxe,
    active,
    at,
    path,
    press_enter,
    tab_to,
    tab_until,
    text,
)

CASEWORKER = "13800000002"
SENT_BACK = ("13800000006", "孙伟")  # a demo 城区 applicant with one post application in the queue
APPLICANT = "13800000001"  # 张明, identity verified
COURSE = "手工编织（居家就业）"  # a demo course nothing else applies for
TEMPLATE = "请补充上传清晰的残疾人证照片"
OWN_WORDS = "照片要四角完整，号码清楚"


def _jpeg(path):
    Image.new("RGB", (900, 570), (240, 236, 220)).save(path, "JPEG")
    return str(path)


def _open_from_queue(page, base, name) -> str:
    page.goto(f"{base}/casework")
    tab_until(page, f"el.matches('main a.cell__link') && el.textContent.includes({name!r})", f"the row of {name}")
    press_enter(page)
    tab_to(page, "form[action$='/claim'] button", "the claim button")
    press_enter(page)
    return at(page).rsplit("/", 1)[1]


@pytest.mark.browser
def test_asked_for_more_the_applicant_fixes_it_from_the_top_of_the_page_and_sends_again(
        context, live_server, tmp_path):
    phone, name = SENT_BACK
    found = []

    # The caseworker sends it back: a reason from the list and their own words, by keyboard.
    staff = context(javascript_enabled=False).new_page()
    sign_in(staff, live_server, CASEWORKER)
    reference = _open_from_queue(staff, live_server, name)
    tab_until(staff, f"el.matches('summary') && el.textContent.includes({text('zh_CN', 'Ask for more information')!r})",
              "the ask-for-more section")
    staff.keyboard.press("Enter")  # opens the <details>, no JavaScript needed
    tab_to(staff, "input[name='ask-template']", "the list of reasons")
    staff.keyboard.press("ArrowDown")  # from "none of these" to the first reason in the list
    assert staff.locator("input[name='ask-template']:checked + label").inner_text() == TEMPLATE
    tab_to(staff, "textarea[name='ask-text']", "the own-words box")
    staff.keyboard.type(OWN_WORDS)
    tab_to(staff, "form[action$='/ask'] button[type=submit]", "send back")
    press_enter(staff)
    assert at(staff).endswith(f"/casework/applications/{reference}")

    # The applicant: the notice leads to the application, whose first section is the request.
    page = context(javascript_enabled=False).new_page()
    axe = SnapshotAxe(context, live_server)
    sign_in(page, live_server, phone)
    page.goto(f"{live_server}/me/notices")
    asked = f"{TEMPLATE}。{OWN_WORDS}。"  # one text, punctuated, not run together
    assert asked in page.inner_text("main")
    tab_to(page, f"main a[href='/me/applications/{reference}']", "the newest notice")
    press_enter(page)
    assert page.locator("main h2").first.inner_text() == text("zh_CN", "The caseworker needs more information")
    request = page.locator("main section.request")
    assert asked in request.inner_text()
    assert text("zh_CN", "When you send it again, it goes back into the caseworkers' queue to be checked "
                         "again. You will get a notice here when they decide.") in request.inner_text()
    found += axe.violations(page.content(), "application with the request")

    # Straight to the photos; upload one; the way back is kept and leads to the application.
    tab_to(page, "main section.request a[href^='/me/evidence?next=']", "the link to the photos")
    press_enter(page)
    assert path(page) == "/me/evidence"
    page.set_input_files("#certificate", _jpeg(tmp_path / "certificate.jpg"))  # the file chooser is the OS's
    tab_to(page, "form[action^='/me/evidence/certificate'] button[type=submit]", "upload the certificate photo")
    press_enter(page)
    assert path(page) == "/me/evidence" and f"next=/me/applications/{reference}" in page.url
    found += axe.violations(page.content(), "photos with the way back")
    tab_to(page, f"main a.btn[href='/me/applications/{reference}']", "done: go back")
    press_enter(page)
    assert at(page).endswith(f"/me/applications/{reference}")

    # The button opens the answers, with the same request at the top; add to them and send again.
    tab_to(page, f"main section.request a.btn[href='/me/applications/{reference}/answers']", "add and send again")
    press_enter(page)
    assert page.locator("main h2").first.inner_text() == text("zh_CN", "The caseworker needs more information")
    assert asked in page.locator("main section.request").inner_text()
    found += axe.violations(page.content(), "answers with the request")
    tab_to(page, "main form textarea", "the first answer")
    page.keyboard.press("End")
    page.keyboard.type("（已重新上传残疾人证照片）")
    tab_to(page, "main form button[type=submit]", "save and continue")
    press_enter(page)
    assert at(page).endswith("/check")
    tab_to(page, "main form button[type=submit]", "send it again")
    press_enter(page)
    assert at(page).endswith("/sent")

    page.goto(f"{live_server}/me/applications/{reference}")
    assert page.locator("main section.request").count() == 0
    assert page.locator(".panel .tag").first.inner_text() == text("zh_CN", "Submitted, waiting for a caseworker")
    staff.goto(f"{live_server}/casework")
    assert reference in staff.inner_text("main")  # back in the queue
    assert not found, "axe found WCAG 2.2 violations:\n" + "\n".join(found)


@pytest.mark.browser
def test_an_approval_onto_a_course_tells_the_next_step_in_one_notice(context, live_server):
    # The applicant applies for the course (the keyboard walk of applying is test_apply_flow).
    page = context().new_page()
    sign_in(page, live_server, APPLICANT)
    page.goto(f"{live_server}/training?q=手工编织")
    page.get_by_role("link", name=re.compile(re.escape(COURSE))).first.click()
    page.locator("main a[href^='/apply/']").first.click()
    page.locator("main form button[type=submit]").click()
    page.fill("#reason", "想在家做编织，补贴家用")
    page.locator("main form button[type=submit]").click()
    page.locator("main form button[type=submit]").click()
    assert at(page).endswith("/sent")
    reference = re.search(r"YQ-\d{4}-\d{6}", page.inner_text("main")).group(0)

    # The caseworker claims and approves it, confirming, by keyboard with JavaScript off.
    staff = context(javascript_enabled=False).new_page()
    sign_in(staff, live_server, CASEWORKER)
    staff.goto(f"{live_server}/casework/applications/{reference}")
    tab_to(staff, "form[action$='/claim'] button", "the claim button")
    press_enter(staff)
    tab_to(staff, "form[action$='/approve'] button", "the approve button")
    press_enter(staff)
    tab_until(staff, "el.matches(\"form[action$='/approve'] button[type=submit]\")", "the confirm button")
    assert active(staff)["tag"] == "button"
    press_enter(staff)

    # One notice of the decision, saying enrolled (not "approved" and then "enrolled"), with the next step.
    page.goto(f"{live_server}/me/notices")
    mine = page.locator("main .cells li").filter(has_text=reference)
    statuses = [re.search(r"：(.+)$", line).group(1) for item in mine.all_inner_texts()
                for line in item.splitlines() if reference in line]
    enrolled, approved = text("zh_CN", "Enrolled"), text("zh_CN", "Approved")
    assert statuses.count(enrolled) == 1 and approved not in statuses, statuses
    newest = mine.first.inner_text()
    assert enrolled in newest
    for label in ("Starts", "Where", "Whom to contact", "What to bring"):
        assert text("zh_CN", label) + "：" in newest, (label, newest)
    assert "王老师" in newest and "身份证、残疾人证原件" in newest
    found = axe_violations(page, "notices with the next step")
    page.goto(f"{live_server}/me/applications/{reference}")
    assert text("zh_CN", "What happens next") in page.inner_text("main")
    found += axe_violations(page, "enrolled application")
    assert not found, "axe found WCAG 2.2 violations:\n" + "\n".join(found)
