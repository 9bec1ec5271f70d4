"""Detail pages of courses, stalls and posts: what they say in words, and when they offer to apply."""
import pytest

from tests.web.finding_helpers import DAY, TODAY, item
from webapp.extensions import db
from webapp.models import Application


def test_a_course_page_says_places_cost_dates_place_and_access_in_words(client, admin):
    course = item(admin, title="面点制作", capacity=18, taken=15, subsidy="免费，提供午餐", suits_categories=[2, 4],
                  address="矿区职业培训学校二楼", district="kuangqu", accessibility=["step_free", "sign_interpreter"],
                  start_date=TODAY + 20 * DAY, end_date=TODAY + 50 * DAY, schedule="周一至周五 上午")
    response = client.get(f"/training/{course.id}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    for words in ("3 places left", "3 of 18 places left", "免费，提供午餐", "Hearing, Physical", "周一至周五 上午",
                  "矿区职业培训学校二楼", "Kuangqu District", "Step-free access, Sign language interpreter",
                  "Deadline for applications", f'href="/apply/{course.id}"', "<title>面点制作 – "):
        assert words in page, words


def test_a_full_course_offers_the_waiting_list_and_an_unrestricted_one_suits_everyone(client, admin):
    course = item(admin, capacity=12, taken=12)
    page = client.get(f"/training/{course.id}").get_data(as_text=True)
    assert "Full, you can join the waiting list" in page and "Suitable for all categories of disability" in page
    assert "Full, you can join the waiting list" in client.get("/training").get_data(as_text=True)


def test_a_stall_page_says_the_reserved_share_the_fee_and_how_the_draw_works(client, admin):
    stall = item(admin, kind="stall", title="桃北市场固定摊位", category="market_stall", total=20, capacity=2, taken=1,
                 monthly_fee=400, fee_reduction="残疾人减半收取", draw_seed="9f2c4e1a",
                 draw_commitment="c0ffee" * 10 + "c0de")
    page = client.get(f"/opportunities/{stall.id}").get_data(as_text=True)
    for words in ("20 units in all, 2 of them reserved for disabled people", "1 reserved unit left",
                  "400 yuan a month", "残疾人减半收取", "allocated by a draw after applications close",
                  "Nobody can choose the order", f'href="/opportunities/{stall.id}/draw"', "Market stall"):
        assert words in page, words
    assert "9f2c4e1a" not in page and "c0ffee" not in page  # no seed and no hex on the stall page


def test_a_post_page_says_duties_pay_insurance_and_physical_requirements(client, admin):
    post = item(admin, kind="post", title="社区保洁员", category=None, total=20, capacity=2, hours="每天6小时",
                pay="每月1900元", social_insurance="单位缴纳社会保险", physical_requirements="能完成简单体力劳动",
                description="清扫社区道路")
    page = client.get(f"/opportunities/{post.id}").get_data(as_text=True)
    for words in ("20 places in all, 2 of them reserved for disabled people", "2 reserved places left", "每天6小时",
                  "每月1900元", "单位缴纳社会保险", "能完成简单体力劳动", "Duties", "清扫社区道路"):
        assert words in page, words


def test_drafts_and_the_wrong_kind_of_url_are_not_found(client, admin):
    draft = item(admin, status="draft")
    course = item(admin)
    post = item(admin, kind="post", total=5, capacity=1)
    assert client.get(f"/training/{draft.id}").status_code == 404
    assert client.get(f"/opportunities/{course.id}").status_code == 404
    assert client.get(f"/training/{post.id}").status_code == 404
    assert client.get("/training/999999").status_code == 404
    assert client.get(f"/opportunities/{post.id}").status_code == 200


@pytest.mark.parametrize("fields, reason", [
    ({"deadline": TODAY - DAY}, "The deadline has passed"),
    ({"opens_on": TODAY + 3 * DAY}, "You can apply from"),
    ({"status": "closed"}, "This item is closed"),
])
def test_no_apply_button_when_applications_are_not_open_but_the_reason_in_words(client, admin, fields, reason):
    course = item(admin, **fields)
    page = client.get(f"/training/{course.id}").get_data(as_text=True)
    assert reason in page and f'href="/apply/{course.id}"' not in page


def test_someone_who_applied_sees_applied_and_the_way_to_the_application(client, admin, login_as):
    user = login_as()
    course = item(admin)
    db.session.add(Application(applicant_id=user.id, opportunity_id=course.id, status="submitted",
                               reference="YQ-2025-000042", created_by_id=user.id, answers={}))
    db.session.commit()
    page = client.get(f"/training/{course.id}").get_data(as_text=True)
    assert "Applied" in page and 'href="/me/applications/YQ-2025-000042"' in page
    assert f'href="/apply/{course.id}"' not in page
