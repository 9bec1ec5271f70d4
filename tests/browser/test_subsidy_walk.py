"""A subsidy walked by keyboard with JavaScript off: the city publishes a
self-employment subsidy; 张明 finds it on /subsidies, answers only its two questions, adds a photo
of his licence and sends it; the 城区 caseworker claims it and approves 6000 yuan with a reason,
above the city's threshold of 5000, so it waits for the city; the administrator signs it off; the
caseworker records the payment; 张明 sees the amount and the day it was paid on his application, and
rates the service 差, which puts a call-back on the caseworker's list."""
import io
import re
from datetime import date, timedelta

import pytest
from PIL import Image

from .conftest import sign_in
from .journeys import SnapshotAxe, at, path, press_enter, tab_to, tab_until, text

APPLICANT = "13800000001"  # 张明, 城区, identity verified by the demo caseworker
CASEWORKER = "13800000002"  # 李芳, 城区
ADMIN = "13800000003"
TITLE = "自主创业补贴（浏览器测试）"
# The pages' language: Chinese, the default, like the other walks.
LANG = "zh_CN"


def _type_into(page, element_id: str, value: str) -> None:
    tab_until(page, f"el.id === {element_id!r}", f"#{element_id}")
    page.keyboard.type(value)


def _tick(page, element_id: str) -> None:
    tab_until(page, f"el.id === {element_id!r}", f"#{element_id}")
    page.keyboard.press("Space")
    assert page.locator(f"#{element_id}").is_checked(), f"#{element_id} should be ticked"


def _licence_photo(folder) -> str:
    photo = folder / "licence.jpg"
    out = io.BytesIO()
    Image.new("RGB", (640, 480), (240, 236, 220)).save(out, "JPEG", quality=85)
    photo.write_bytes(out.getvalue())
    return str(photo)


@pytest.mark.browser
def test_a_subsidy_is_applied_for_decided_signed_off_and_paid_by_keyboard(context, live_server, tmp_path):
    base, found = live_server, []
    axe = SnapshotAxe(context, base)

    # The city publishes the subsidy through the publish flow.
    admin = context(javascript_enabled=False, locale=LANG).new_page()
    sign_in(admin, base, ADMIN)
    admin.goto(f"{base}/admin/opportunities/new/subsidy")
    found += axe.violations(admin.content(), "new subsidy form")
    _type_into(admin, "title", TITLE)
    _tick(admin, "category-0")  # 自主创业、灵活就业补贴
    _type_into(admin, "provider", "城区残疾人联合会")
    _type_into(admin, "description", "在城区自主创业的持证残疾人。")
    _tick(admin, "district-0")  # 城区
    _type_into(admin, "subsidy", "一次性补贴，最高10000元")
    _type_into(admin, "capacity", "30")
    _type_into(admin, "deadline", (date.today() + timedelta(days=20)).isoformat())
    tab_to(admin, "main form[novalidate] button[type=submit]", "save the draft")
    press_enter(admin)
    assert re.fullmatch(r"/admin/opportunities/\d+/edit", path(admin)), admin.url
    tab_to(admin, "form[action$='/publish'] button", "publish")
    press_enter(admin)
    assert text(LANG, "Published. People can now find it and apply.") in admin.inner_text("main")

    # 张明 finds it among the subsidies and applies: only the measure's two questions.
    page = context(javascript_enabled=False, locale=LANG).new_page()
    sign_in(page, base, APPLICANT)
    page.goto(f"{base}/subsidies")
    found += axe.violations(page.content(), "subsidies list")
    tab_until(page, f"el.matches('main a') && el.textContent.includes({TITLE!r})", "the new subsidy's link")
    press_enter(page)
    assert re.fullmatch(r"/subsidies/\d+", path(page)), page.url
    item_id = path(page).rsplit("/", 1)[1]
    found += axe.violations(page.content(), "the subsidy's page")
    tab_to(page, f"main a[href^='/apply/{item_id}']", "apply")
    press_enter(page)
    tab_to(page, "main form button[type=submit]", "start the application")
    press_enter(page)
    assert at(page).endswith("/answers"), page.url
    reference = re.search(r"YQ-\d{4}-\d{6}", page.url).group(0)
    labels = page.locator("main form label.field__label").all_inner_texts()
    assert labels == [text(LANG, "Name of your business or work"), text(LANG, "When did you start?")], labels
    found += axe.violations(page.content(), "subsidy: questions")
    _type_into(page, "business_name", "张明盲人按摩二店")
    _type_into(page, "started_on", (date.today() - timedelta(days=90)).isoformat())
    tab_to(page, "main form button[type=submit]", "save and continue")
    press_enter(page)
    assert at(page).endswith(f"/me/applications/{reference}/photos"), page.url
    found += axe.violations(page.content(), "subsidy: photos")
    tab_until(page, "el.id === 'photo'", "#photo")
    page.locator("#photo").set_input_files(_licence_photo(tmp_path))  # the phone's file picker
    tab_to(page, "main form[enctype] button[type=submit]", "add the photo")
    press_enter(page)
    assert at(page).endswith(f"/me/applications/{reference}/photos"), page.url
    assert text(LANG, "%(num)d photo added", num=1) in page.inner_text("main")
    tab_to(page, f"main a[href$='/me/applications/{reference}/check']", "continue to check")
    press_enter(page)
    found += axe.violations(page.content(), "subsidy: check")
    tab_to(page, "main form button[type=submit]", "send the application")
    press_enter(page)
    assert at(page).endswith(f"/me/applications/{reference}/sent"), page.url

    # The caseworker claims it and approves 6000 yuan: above the city's threshold.
    staff = context(javascript_enabled=False, locale=LANG).new_page()
    sign_in(staff, base, CASEWORKER)
    staff.goto(f"{base}/casework/applications/{reference}")
    tab_to(staff, "form[action$='/claim'] button", "claim")
    press_enter(staff)
    found += axe.violations(staff.content(), "caseworker: the subsidy to decide")
    _type_into(staff, "award-amount", "6000")
    _type_into(staff, "award-reason", "已经营三个月，按标准核定6000元。")
    tab_to(staff, "form[action$='/award'] button[type=submit]", "approve with this amount")
    press_enter(staff)
    assert at(staff).endswith(f"/casework/applications/{reference}"), staff.url
    decided = staff.inner_text("main")
    assert text(LANG, "Approved by the district, waiting for the city's sign-off") in decided
    assert text(LANG, "Record the payment") not in decided

    # The city signs it off from its list.
    admin.goto(f"{base}/admin/subsidies")
    found += axe.violations(admin.content(), "admin: subsidies waiting for sign-off")
    tab_until(admin, f"el.matches('main a') && el.href.includes('/casework/applications/{reference}')",
              "the decision waiting for sign-off")
    press_enter(admin)
    found += axe.violations(admin.content(), "admin: the sign-off")
    tab_to(admin, "form[action$='/sign-off'] button", "sign it off")
    press_enter(admin)
    assert text(LANG, "Signed off. The applicant has been told.") in admin.inner_text("main")

    # The caseworker records the payment (today, the amount approved, as the form offers).
    staff.goto(f"{base}/casework/applications/{reference}")
    assert staff.locator("#payment-paid_amount").input_value() == "6000"
    found += axe.violations(staff.content(), "caseworker: record the payment")
    tab_to(staff, "form[action$='/payment'] button[type=submit]", "record the payment")
    press_enter(staff)
    assert text(LANG, "Payment recorded. The applicant has been told.") in staff.inner_text("main")

    # 张明 sees the amount and the day it was paid.
    page.goto(f"{base}/me/applications/{reference}")
    mine = page.inner_text("main")
    assert page.locator("main .panel .tag").first.inner_text() == text(LANG, "Paid")
    paid_day = page.locator("#award dd").last.inner_text()
    assert "6000" in paid_day and re.search(r"\d{4}", paid_day), paid_day
    assert text(LANG, "%(amount)d yuan", amount=6000) in mine
    found += axe.violations(page.content(), "applicant: paid")

    # 张明 rates the service for it (差: a caseworker will call him back).
    tab_until(page, f"el.matches('main a') && el.href.endsWith('/me/applications/{reference}/rate')",
              "rate the service")
    press_enter(page)
    found += axe.violations(page.content(), "applicant: rate the service")
    tab_until(page, "el.id === 'grade-0'", "the first grade")
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert page.locator("#grade-2").is_checked()
    tab_until(page, "el.id === 'words'", "#words")
    page.keyboard.type("等了很久才到账。")
    tab_to(page, "main form button[type=submit]", "send the rating")
    press_enter(page)
    assert at(page).endswith(f"/me/applications/{reference}"), page.url
    assert text(LANG, "Thank you. A caseworker of your district will call you back about it.") in page.inner_text("main")
    staff.goto(f"{base}/casework/callbacks")
    assert text(LANG, "About application %(ref)s", ref=reference) in staff.inner_text("main")
    found += axe.violations(staff.content(), "caseworker: call-backs")
    assert not found, "axe found WCAG 2.2 violations:\n" + "\n".join(found)
