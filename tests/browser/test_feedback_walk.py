"""Feedback walked by keyboard with JavaScript off, in Chinese: 张明 follows the footer's link from
his applications, sends a complaint (the form remembers the page he came from); the district's
caseworker finds it in the queue with its reply date five working days on, and replies within the
clock; 张明 reads the reply in his notices, opens it and rates the service."""
from datetime import date

import pytest
from flask_babel import format_date

from webapp.services.common.dates import add_working_days
from webapp.services.common.dates import today as service_today

from .conftest import sign_in
from .journeys import SnapshotAxe, _translating_app, at, path, press_enter, tab_to, tab_until, text

APPLICANT = "13800000001"  # 张明, 城区
CASEWORKER = "13800000002"  # 李芳, 城区
COMPLAINT = "浏览器测试：公益性岗位申请两周没人联系我。"
REPLY = "浏览器测试：已转岗位负责人，明天上午给您打电话。"


def _type_into(page, element_id: str, value: str) -> None:
    tab_until(page, f"el.id === {element_id!r}", f"#{element_id}")
    page.keyboard.type(value)


def _choose(page, group: str, index: int) -> None:
    """Tab into a radio group (its first radio, none being chosen), Space, then arrows to the option."""
    tab_until(page, f"el.id === '{group}-0'", f"the first of #{group}")
    page.keyboard.press("Space")
    for _ in range(index):
        page.keyboard.press("ArrowDown")
    assert page.locator(f"#{group}-{index}").is_checked(), f"#{group}-{index} should be chosen"


def _day_in_chinese(day: date) -> str:
    app = _translating_app()
    with app.test_request_context(headers={"Accept-Language": "zh-CN"}):
        from flask_babel import force_locale
        with force_locale("zh_CN"):
            return format_date(day)


@pytest.mark.browser
def test_a_complaint_is_answered_within_its_clock_and_rated_by_keyboard(context, live_server):
    base, found = live_server, []
    axe = SnapshotAxe(context, base)
    due = _day_in_chinese(add_working_days(service_today(), 5))  # the service's day (Beijing), not the machine's

    # 张明 follows the footer's link from his applications and sends a complaint.
    page = context(javascript_enabled=False).new_page()
    sign_in(page, base, APPLICANT)
    page.goto(f"{base}/me/applications")
    tab_to(page, "footer a[href='/feedback']", "the footer's feedback link")
    press_enter(page)
    assert path(page) == "/feedback", page.url
    assert page.locator("input[name=came_from]").get_attribute("value") == "/me/applications"
    found += axe.violations(page.content(), "feedback form")
    _choose(page, "kind", 2)  # 投诉
    _type_into(page, "body", COMPLAINT)
    tab_to(page, "main form button[type=submit]", "send")
    press_enter(page)
    assert path(page).startswith("/me/feedback/"), page.url
    feedback_path = path(page)
    main = page.inner_text("main")
    assert COMPLAINT in main and due in main
    assert text("zh_CN", "Waiting for a reply") in main
    found += axe.violations(page.content(), "feedback sent")

    # The caseworker of 城区 sees it with its reply date, and replies.
    staff = context(javascript_enabled=False).new_page()
    sign_in(staff, base, CASEWORKER)
    staff.goto(f"{base}/casework/feedback")
    cell = staff.locator("main ul.cells > li").filter(has_text=text("zh_CN", "Complaint") + " · 张明")
    assert cell.count() >= 1
    listed = staff.inner_text("main")
    assert text("zh_CN", "reply due %(date)s", date=due) in listed
    found += axe.violations(staff.content(), "caseworker: feedback to answer")
    feedback_id = feedback_path.rsplit("/", 1)[1]
    tab_until(staff, f"el.matches('main a') && el.href.endsWith('/casework/feedback/{feedback_id}')", "the complaint")
    press_enter(staff)
    assert path(staff) == f"/casework/feedback/{feedback_id}"
    shown = staff.inner_text("main")
    assert COMPLAINT in shown and due in shown and text("zh_CN", "OVERDUE") not in shown
    found += axe.violations(staff.content(), "caseworker: the complaint")
    _type_into(staff, "reply", REPLY)
    tab_to(staff, "main form button[type=submit]", "send the reply")
    press_enter(staff)
    assert path(staff) == "/casework/feedback"
    assert text("zh_CN", "The reply is sent. The person reads it in their notices.") in staff.inner_text("main")

    # 张明 reads the reply in his notices, opens it and rates the service.
    page.goto(f"{base}/me/notices")
    assert REPLY in page.inner_text("main")
    found += axe.violations(page.content(), "notices with the reply")
    tab_until(page, f"el.matches('main a') && el.href.endsWith('{feedback_path}')", "the reply's notice")
    press_enter(page)
    assert path(page) == feedback_path
    assert REPLY in page.inner_text("main")
    found += axe.violations(page.content(), "the reply")
    _choose(page, "grade", 0)  # 好评
    _type_into(page, "words", "回复及时，谢谢。")
    tab_to(page, "main form button[type=submit]", "send the rating")
    press_enter(page)
    assert at(page).startswith(f"{base}{feedback_path}"), page.url
    rated = page.inner_text("main")
    assert text("zh_CN", "Thank you for rating the service.") in rated and "回复及时，谢谢。" in rated
    assert page.locator("main form button[type=submit]").count() == 0  # rated once: no form again
    found += axe.violations(page.content(), "rated")
    assert not found, "axe found WCAG 2.2 violations:\n" + "\n".join(found)
