"""The jobs flow walked by keyboard with JavaScript off, in Chinese: a verified employer posts a
job that fits 张明; he finds it on /jobs/fit with its reasons, applies sharing only the
accommodations he needs; the employer sees those and nothing of his ID, certificate or category,
invites him to an interview with an interpreter and offers the job; he accepts and is hired. Then
the caseworker has three follow-up visits for him and the dashboard counts one more employed."""
import re
from datetime import date, timedelta

import pytest

from webapp.demo.applicant import DEMO_ID_BODY
from webapp.services.identity.numbers import CATEGORY_LABELS

from .conftest import sign_in
from .journeys import SnapshotAxe, at, path, press_enter, tab_to, tab_until, text

EMPLOYER = "13800000022"  # 阳泉恒达物流有限公司, verified private firm
APPLICANT = ("13800000001", "张明")  # 城区; needs: full/part time, 城区 or 矿区, 2500 yuan, step-free, assistive devices
CASEWORKER = "13800000002"  # 城区
ADMIN = "13800000003"
TITLE = "无障碍仓库录入员（浏览器测试）"


def _type_into(page, element_id: str, value: str) -> None:
    tab_until(page, f"el.id === {element_id!r}", f"#{element_id}")
    page.keyboard.type(value)


def _tick(page, element_id: str) -> None:
    """Tab to a radio or checkbox and press Space on it."""
    tab_until(page, f"el.id === {element_id!r}", f"#{element_id}")
    page.keyboard.press("Space")
    assert page.locator(f"#{element_id}").is_checked(), f"#{element_id} should be ticked"


def _employed_in_chengqu(page, base: str) -> int:
    page.goto(f"{base}/admin/dashboard")
    table = page.locator("table:has(caption#employment_districts-caption)")
    row = table.locator("tbody tr").filter(has=page.locator("th", has_text=text("zh_CN", "Chengqu District")))
    assert row.count() == 1, f"one 城区 row in the employment table, found {row.count()}"
    header = text("zh_CN", "Employed")
    return int(row.locator(f"td[data-label='{header}']").inner_text().strip())


@pytest.mark.browser
def test_a_job_is_posted_found_applied_for_and_filled_by_keyboard(context, live_server):
    base, found = live_server, []
    axe = SnapshotAxe(context, base)
    phone, name = APPLICANT

    admin = context(javascript_enabled=False).new_page()
    sign_in(admin, base, ADMIN)
    employed_before = _employed_in_chengqu(admin, base)

    # The employer posts the job by keyboard; being verified, it is published at once.
    employer = context(javascript_enabled=False).new_page()
    sign_in(employer, base, EMPLOYER)
    employer.goto(f"{base}/employer/jobs/new")
    found += axe.violations(employer.content(), "new job form")
    _type_into(employer, "title", TITLE)
    _tick(employer, "job_kind-0")  # 全职
    _type_into(employer, "duties", "在仓库电脑上录入出入库单据，核对数量。")
    _type_into(employer, "suits", "会用电脑打字的人，残疾类别不限。")
    _tick(employer, "district-0")  # 城区
    _type_into(employer, "address", "阳泉市城区桃北西街8号")
    _type_into(employer, "pay_min", "2800")
    _type_into(employer, "pay_max", "3600")
    _type_into(employer, "hours", "周一至周五 9:00-17:00")
    _tick(employer, "accommodations-0")  # 无障碍通道 (step_free)
    _tick(employer, "accommodations-3")  # 辅助器具 (assistive_devices)
    deadline = (date.today() + timedelta(days=3)).isoformat()
    _type_into(employer, "capacity", "2")
    _type_into(employer, "deadline", deadline)
    tab_to(employer, "main form button[type=submit]", "save the job post")
    press_enter(employer)
    assert path(employer) == "/employer/jobs", employer.url
    main = employer.inner_text("main")
    assert text("zh_CN", "Saved and published. Jobseekers can find it now.") in main
    assert TITLE in main
    found += axe.violations(employer.content(), "jobs list after publishing")

    # 张明 finds it among the jobs that fit him, with the reasons in words.
    page = context(javascript_enabled=False).new_page()
    sign_in(page, base, phone)
    page.goto(f"{base}/jobs/fit")
    cell = page.locator("main ul.cells > li").filter(has_text=TITLE)
    assert cell.count() == 1, f"the new job on /jobs/fit: {page.inner_text('main')[:600]}"
    reasons = cell.inner_text()
    assert text("zh_CN", "Why it fits:") in reasons
    assert text("zh_CN", "It is in %(district)s, where you want to work.",
                district=text("zh_CN", "Chengqu District")) in reasons
    assert text("zh_CN", "Its pay reaches the %(pay)d yuan a month you asked for.", pay=2500) in reasons
    assert text("zh_CN", "Step-free access") in reasons and text("zh_CN", "Assistive devices") in reasons
    assert text("zh_CN", "Worth knowing:") not in reasons
    found += axe.violations(page.content(), "jobs that fit")

    tab_until(page, f"el.matches('main a') && el.textContent.includes({TITLE!r})", "the new job's link")
    press_enter(page)
    job_path = path(page)
    assert re.fullmatch(r"/jobs/\d+", job_path), page.url
    job_id = job_path.rsplit("/", 1)[1]
    found += axe.violations(page.content(), "the job's page")

    # Apply: confirm the profile, share only the accommodations, check, send.
    tab_to(page, f"main a[href^='/apply/{job_id}']", "apply")
    press_enter(page)
    assert path(page) == f"/apply/{job_id}"
    found += axe.violations(page.content(), "apply: start")
    tab_to(page, "main form button[type=submit]", "start the application")
    press_enter(page)
    assert at(page).endswith("/answers"), page.url
    reference = re.search(r"YQ-\d{4}-\d{6}", page.url).group(0)
    found += axe.violations(page.content(), "apply: what to share")
    _tick(page, "shared-accommodations")
    for other in ("shared-preferences", "shared-training", "shared-assessment", "shared-category"):
        assert not page.locator(f"#{other}").is_checked(), other
    tab_to(page, "main form button[type=submit]", "save and continue")
    press_enter(page)
    assert at(page).endswith(f"/me/applications/{reference}/check"), page.url
    check = page.inner_text("main")
    assert text("zh_CN", "The workplace accommodations I need") in check
    assert text("zh_CN", "My disability category") not in check
    found += axe.violations(page.content(), "apply: check")
    tab_to(page, "main form button[type=submit]", "send the application")
    press_enter(page)
    assert at(page).endswith(f"/me/applications/{reference}/sent"), page.url
    found += axe.violations(page.content(), "apply: sent")

    # The employer opens it: the accommodations, and no ID, certificate number or category.
    employer.goto(f"{base}/employer/applications")
    tab_until(employer, f"el.matches('main a') && el.href.endsWith('/employer/applications/{reference}')",
              "the new application")
    press_enter(employer)
    assert at(employer).endswith(f"/employer/applications/{reference}"), employer.url
    seen = employer.inner_text("main")
    assert name in seen and text("zh_CN", "Accommodations needed") in seen
    assert text("zh_CN", "Step-free access") in seen and text("zh_CN", "Assistive devices") in seen
    assert not re.search(r"\d{15,}[\dXx]?", seen), "an ID or certificate number on the employer's page"
    assert DEMO_ID_BODY not in seen, "his ID number (or the certificate number built on it) is shown"
    assert text("zh_CN", "My disability category") not in seen
    for category in CATEGORY_LABELS.values():
        assert text("zh_CN", str(category)) not in seen, f"the disability category {category} is shown"
    found += axe.violations(employer.content(), "employer: the application")

    # Invite to an interview, with a sign-language interpreter.
    interview_day = (date.today() + timedelta(days=5)).isoformat()
    _type_into(employer, "day", interview_day)
    _type_into(employer, "time", "09:30")
    _type_into(employer, "place", "恒达物流二楼会议室")
    _type_into(employer, "arrangements", "东门无障碍入口，电梯到二楼")
    _tick(employer, "interpreter")
    tab_to(employer, "form[action$='/invite'] button[type=submit]", "send the invitation")
    press_enter(employer)
    assert at(employer).endswith(f"/employer/applications/{reference}"), employer.url
    seen = employer.inner_text("main")
    assert text("zh_CN", "Invited to an interview") in seen
    assert f"{interview_day} 09:30" in seen and text("zh_CN", "Yes, one will be there") in seen
    found += axe.violations(employer.content(), "employer: invited")

    tab_to(employer, "form[action$='/offer'] button", "offer the job")
    press_enter(employer)
    assert at(employer).endswith(f"/employer/applications/{reference}"), employer.url
    assert text("zh_CN", "Offered the job") in employer.inner_text("main")
    found += axe.violations(employer.content(), "employer: offered")

    # 张明 sees the interview and the offer, and accepts: hired.
    page.goto(f"{base}/me/applications/{reference}")
    mine = page.inner_text("main")
    assert text("zh_CN", "Offered the job") in mine
    assert text("zh_CN", "Interview") in mine and f"{interview_day} 09:30" in mine
    assert "恒达物流二楼会议室" in mine and text("zh_CN", "Yes, one will be there") in mine
    found += axe.violations(page.content(), "applicant: the offer")
    tab_to(page, "form[action$='/accept'] button", "accept the job")
    press_enter(page)
    assert at(page).endswith(f"/me/applications/{reference}"), page.url
    assert page.locator("main .panel .tag").first.inner_text() == text("zh_CN", "Hired")
    found += axe.violations(page.content(), "applicant: hired")

    # The caseworker has three follow-up visits for him: at 1, 3 and 6 months.
    staff = context(javascript_enabled=False).new_page()
    sign_in(staff, base, CASEWORKER)
    staff.goto(f"{base}/casework/followups")
    visits = []
    while True:
        items = staff.locator("main li.followup").filter(has_text=f"{name} · {TITLE}")
        visits += items.locator(".cell__hint").all_inner_texts()
        following = staff.locator("main a[rel=next]")
        if not following.count():
            break
        following.first.click()
    months = sorted(int(re.search(r"\d+", visit).group(0)) for visit in visits)
    assert months == [1, 3, 6], visits
    found += axe.violations(staff.content(), "caseworker: follow-ups")

    # The dashboard counts one more employed in 城区.
    assert _employed_in_chengqu(admin, base) >= employed_before + 1
    found += axe.violations(admin.content(), "admin dashboard")
    assert not found, "axe found WCAG 2.2 violations:\n" + "\n".join(found)
