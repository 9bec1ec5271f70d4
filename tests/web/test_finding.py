"""培训 and 机会: lists with filters and pages, the htmx fragment, detail pages and saved items."""
import re
from datetime import date, timedelta

import pytest
from sqlalchemy import event, select

from tests.conftest import make_user
from webapp.extensions import db
from webapp.models import Application, AuditEvent, HelperLink, Opportunity, SavedItem

TODAY = date.today()
DAY = timedelta(days=1)
HTMX = {"HX-Request": "true"}


@pytest.fixture
def admin(app):
    return make_user("admin", phone="13900009999", name="市残联")


def item(admin, **fields) -> Opportunity:
    """A published course unless told otherwise."""
    values = {"kind": "course", "status": "published", "title": "计算机与办公软件", "provider": "阳泉市残疾人职业培训基地",
              "district": "chengqu", "capacity": 20, "deadline": TODAY + 10 * DAY, "category": "vocational",
              "created_by_id": admin.id, **fields}
    opportunity = Opportunity(**values)
    db.session.add(opportunity)
    db.session.commit()
    return opportunity


def titles(response) -> list[str]:
    """The titles listed in the results, in order."""
    return re.findall(r'<span class="cell__label">([^<]+)</span>', response.get_data(as_text=True))


def heading(response) -> str:
    return re.search(r'<h2[^>]*id="results-heading"[^>]*>([^<]+)</h2>', response.get_data(as_text=True)).group(1)


# --- lists and filters -------------------------------------------------------------------------

def test_training_lists_published_courses_only_soonest_deadline_first(client, admin):
    item(admin, title="晚截止", deadline=TODAY + 30 * DAY)
    item(admin, title="早截止", deadline=TODAY + 2 * DAY)
    item(admin, title="草稿课程", status="draft")
    item(admin, title="已关闭课程", status="closed")
    item(admin, kind="stall", title="桃北市场摊位", category="market_stall", total=30, capacity=3)
    response = client.get("/training")
    assert response.status_code == 200
    assert titles(response) == ["早截止", "晚截止"]
    assert heading(response) == "2 courses found"
    page = response.get_data(as_text=True)
    assert 'aria-current="page"' in page.split('href="/training"')[1][:40]  # the 培训 tab is current
    assert "<title>Training – " in page


def test_opportunities_lists_stalls_and_posts_and_filters_by_kind(client, admin):
    item(admin, kind="stall", title="桃北市场摊位", category="market_stall", total=30, capacity=3)
    item(admin, kind="post", title="社区保洁员", category=None, total=20, capacity=2)
    item(admin, title="一门课程")
    item(admin, kind="post", title="草稿岗位", status="draft", total=5, capacity=1)
    assert sorted(titles(client.get("/opportunities"))) == ["桃北市场摊位", "社区保洁员"]
    assert titles(client.get("/opportunities?kind=stall")) == ["桃北市场摊位"]
    assert titles(client.get("/opportunities?kind=post")) == ["社区保洁员"]
    assert titles(client.get("/opportunities?category=market_stall")) == ["桃北市场摊位"]
    assert titles(client.get("/opportunities?category=shop")) == []
    assert heading(client.get("/opportunities?kind=post")) == "1 opportunity found"


@pytest.mark.parametrize("query, expected", [
    ("category=blind_massage", ["按摩班"]),
    ("district=pingding", ["种植班"]),
    ("rural=y", ["种植班"]),
    ("accessibility=step_free", ["按摩班", "种植班"]),
    ("accessibility=step_free&accessibility=braille_large_print", ["按摩班"]),
    ("open=y", ["种植班", "电商班"]),
    ("district=chengqu&open=y", ["电商班"]),
    ("q=按摩", ["按摩班"]),
    ("q=农业技术推广站", ["种植班"]),  # the provider
    ("q=读屏", ["电商班"]),  # the description
    ("q=LIVE", ["电商班"]),  # case does not matter
    ("q=100%25", []),  # % is a character to find, not a wildcard
    ("category=no-such&district=atlantis", ["按摩班", "种植班", "电商班"]),  # unknown values are ignored
])
def test_each_course_filter_narrows_the_list(client, admin, query, expected):
    item(admin, title="按摩班", category="blind_massage", district="chengqu", deadline=TODAY - DAY,
         accessibility=["step_free", "braille_large_print"])
    item(admin, title="种植班", category="rural", district="pingding", rural=True, deadline=TODAY,
         provider="平定县农业技术推广站", accessibility=["accessible_toilet", "step_free"])
    item(admin, title="电商班", category="ecommerce", district="chengqu", deadline=TODAY + DAY,
         opens_on=TODAY, description="Live streaming，适合使用读屏软件的学员", accessibility=["online"])
    item(admin, title="未开放", category="ecommerce", district="chengqu", deadline=TODAY + 5 * DAY,
         opens_on=TODAY + DAY, status="draft")
    assert titles(client.get(f"/training?{query}")) == expected


def test_open_now_leaves_out_items_that_open_later_or_have_closed(client, admin):
    item(admin, title="明天开放", opens_on=TODAY + DAY)
    item(admin, title="已截止", deadline=TODAY - DAY)
    item(admin, title="今天开放", opens_on=TODAY)
    assert titles(client.get("/training?open=y")) == ["今天开放"]


def test_chosen_filters_stay_chosen_in_the_form(client, admin):
    page = client.get("/training?q=按摩&district=kuangqu&accessibility=online&rural=y").get_data(as_text=True)
    assert 'value="按摩"' in page
    assert re.search(r'<option selected value="kuangqu">|<option value="kuangqu" selected', page)
    assert re.search(r'<input[^>]*checked[^>]*value="online"|<input[^>]*value="online"[^>]*checked', page)
    assert "<details class=\"filters__more\" open>" in page  # the filters in use are not hidden
    assert "Nothing matches" in page and 'href="/training">Clear all filters' in page


def test_empty_lists_say_so_in_words(client):
    assert "No courses are published right now" in client.get("/training").get_data(as_text=True)
    assert "No stalls or posts are published right now" in client.get("/opportunities").get_data(as_text=True)


# --- pages -------------------------------------------------------------------------------------

def test_twenty_five_items_make_three_pages_with_links_that_keep_the_filters(client, admin):
    for n in range(25):
        item(admin, title=f"课程{n:02d}", district="yuxian", deadline=TODAY + n * DAY)
    item(admin, title="别的区", district="chengqu")
    first = client.get("/training?district=yuxian")
    assert titles(first) == [f"课程{n:02d}" for n in range(10)]
    html = first.get_data(as_text=True)
    assert "Page 1 of 3" in html and 'rel="prev"' not in html
    next_url = re.search(r'<a rel="next" href="([^"]+)"', html).group(1).replace("&amp;", "&")
    assert "district=yuxian" in next_url and "page=2" in next_url
    last = client.get("/training?district=yuxian&page=3")
    assert titles(last) == [f"课程{n:02d}" for n in range(20, 25)]
    html = last.get_data(as_text=True)
    assert "Page 3 of 3" in html and 'rel="next"' not in html and 'rel="prev"' in html
    assert "<title>Training, page 3 of 3 – " in html
    assert titles(client.get("/training?district=yuxian&page=99")) == titles(last)  # past the end: the last page
    assert titles(client.get("/training?district=yuxian&page=abc")) == titles(first)


def _count_queries(app, run) -> int:
    seen = []

    def count(*_args):
        seen.append(1)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        run()
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    return len(seen)


@pytest.mark.parametrize("path", ["/training", "/opportunities"])
def test_a_page_of_ten_costs_the_same_queries_as_a_page_of_one(app, client, admin, path):
    kind = "course" if path == "/training" else "post"
    item(admin, kind=kind, title="第一个", total=5, capacity=1, accessibility=["step_free"])
    one = _count_queries(app, lambda: client.get(path))
    for n in range(12):
        item(admin, kind=kind, title=f"更多{n}", total=5, capacity=1, accessibility=["step_free", "online"])
    ten = _count_queries(app, lambda: client.get(path))
    assert ten == one <= 2  # one count and one page of rows


# --- htmx: the same URL, full page or fragment ---------------------------------------------------

def _ten_long_items(admin):
    for n in range(12):
        item(admin, title=f"盲人保健按摩初级班（第{n}期）", provider="阳泉市盲人按摩指导中心（城区分中心）",
             category="blind_massage", accessibility=["step_free", "accessible_toilet", "braille_large_print"],
             capacity=20, taken=n)


def test_an_htmx_request_gets_the_results_fragment_with_the_live_status(client, admin):
    _ten_long_items(admin)
    full = client.get("/training?category=blind_massage")
    fragment = client.get("/training?category=blind_massage", headers=HTMX)
    for response in (full, fragment):
        assert response.status_code == 200 and "HX-Request" in response.headers["Vary"]
    page, part = full.get_data(as_text=True), fragment.get_data(as_text=True)
    assert "<html" in page and "<html" not in part and "<form" not in part
    assert part.lstrip().startswith("<h2") and 'data-focus-after-swap' in part
    # The live region is in the page from the start, outside the swapped target ...
    assert page.index('id="results-status" role="status"') < page.index('id="results"')
    assert "hx-swap-oob" not in page
    # ... and the fragment updates its words out of band.
    status = re.search(r'<p id="results-status" hx-swap-oob="innerHTML">([^<]+)</p>', part).group(1)
    assert status == "12 courses found, page 1 of 2"
    assert titles(fragment) == titles(full)
    assert len(fragment.data) <= 6144, len(fragment.data)
    chinese = client.get("/training?category=blind_massage&lang=zh_CN", headers=HTMX)
    assert len(chinese.data) <= 6144, len(chinese.data)


@pytest.mark.parametrize("headers", [{**HTMX, "HX-Boosted": "true"}, {**HTMX, "HX-History-Restore-Request": "true"}])
def test_boosted_and_history_restore_requests_get_the_full_page(client, admin, headers):
    item(admin)
    response = client.get("/training", headers=headers)
    assert "<html" in response.get_data(as_text=True) and "HX-Request" in response.headers["Vary"]


def test_the_form_works_without_javascript_and_with_htmx(client):
    page = client.get("/opportunities").get_data(as_text=True)
    tag = re.search(r'<form class="form filters"[^>]*>', page).group(0)
    assert 'method="get"' in tag and 'action="/opportunities"' in tag and 'role="search"' in tag
    for attribute in ('hx-get="/opportunities"', 'hx-target="#results"', 'hx-push-url="true"',
                      'hx-trigger="change from:find .filters__more, submit"', 'hx-indicator="#results-loading"'):
        assert attribute in tag
    assert '<button class="btn btn--primary" type="submit">' in page


# --- detail pages ------------------------------------------------------------------------------

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


def test_a_stall_page_says_the_reserved_share_the_fee_and_the_published_draw(client, admin):
    stall = item(admin, kind="stall", title="桃北市场固定摊位", category="market_stall", total=20, capacity=2, taken=1,
                 monthly_fee=400, fee_reduction="残疾人减半收取", draw_seed="9f2c4e1a")
    page = client.get(f"/opportunities/{stall.id}").get_data(as_text=True)
    for words in ("20 units in all, 2 of them reserved for disabled people", "1 reserved unit left",
                  "400 yuan a month", "残疾人减半收取", "draw that is published",
                  "9f2c4e1a", "Market stall"):
        assert words in page, words


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


# --- saved items (收藏) --------------------------------------------------------------------------

def test_save_and_unsave_toggle_are_listed_and_audited(client, admin, login_as):
    user = login_as()
    course = item(admin, title="电商直播带货入门")
    detail = client.get(f"/training/{course.id}").get_data(as_text=True)
    assert "Save for later" in detail and "Remove from saved" not in detail
    response = client.post(f"/saved/{course.id}")
    assert response.status_code == 303 and response.location.endswith(f"/training/{course.id}")
    assert "Remove from saved" in client.get(f"/training/{course.id}").get_data(as_text=True)
    saved = client.get("/me/saved")
    assert titles(saved) == ["电商直播带货入门"]
    client.post(f"/saved/{course.id}", data={"next": "/me/saved"})
    assert titles(client.get("/me/saved")) == []
    assert "You have not saved anything yet" in client.get("/me/saved").get_data(as_text=True)
    db.session.expire_all()
    actions = db.session.scalars(select(AuditEvent.action).where(AuditEvent.subject_id == user.id)
                                 .order_by(AuditEvent.id)).all()
    assert [a for a in actions if a.startswith("saved.")] == ["saved.added", "saved.removed"]
    assert db.session.scalar(select(SavedItem.id)) is None


def test_the_saved_list_costs_the_same_queries_however_long_and_hides_drafts(app, client, admin, login_as):
    user = login_as()
    db.session.add(SavedItem(user_id=user.id, opportunity_id=item(admin, title="收藏0").id))
    db.session.commit()
    one = _count_queries(app, lambda: client.get("/me/saved"))
    for n in range(1, 4):
        db.session.add(SavedItem(user_id=user.id, opportunity_id=item(admin, title=f"收藏{n}").id))
    db.session.add(SavedItem(user_id=user.id, opportunity_id=item(admin, title="撤回的", status="draft").id))
    db.session.commit()
    assert _count_queries(app, lambda: client.get("/me/saved")) == one
    assert sorted(titles(client.get("/me/saved"))) == ["收藏0", "收藏1", "收藏2", "收藏3"]


def test_a_helper_saves_for_the_person_they_act_for(client, admin, login_as):
    person = make_user(phone="13900008888", name="王芳")
    helper = login_as("helper")
    db.session.add(HelperLink(applicant_id=person.id, helper_id=helper.id, relationship_label="女儿",
                              created_by_id=person.id))
    db.session.commit()
    course = item(admin, title="手工编织")
    assert client.post(f"/saved/{course.id}").status_code == 303
    db.session.expire_all()
    assert db.session.scalar(select(SavedItem.user_id)) == person.id
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "saved.added"))
    assert (event.actor_id, event.subject_id, event.on_behalf_of_id) == (helper.id, person.id, person.id)
    assert titles(client.get("/me/saved")) == ["手工编织"]


def test_signed_out_people_are_sent_to_sign_in_to_save(client, admin):
    course = item(admin)
    response = client.post(f"/saved/{course.id}")
    assert response.status_code == 302 and "/auth/login" in response.location
    assert "/auth/login" in client.get("/me/saved").location
    page = client.get(f"/training/{course.id}").get_data(as_text=True)
    assert "Sign in to apply or save this for later" in page and "Save for later</button>" not in page


def test_staff_cannot_save_or_see_a_saved_list(client, admin, login_as):
    login_as("caseworker", district="chengqu")
    course = item(admin)
    assert client.post(f"/saved/{course.id}").status_code == 403
    assert client.get("/me/saved").status_code == 403
    assert f'href="/apply/{course.id}"' not in client.get(f"/training/{course.id}").get_data(as_text=True)


def test_saving_a_draft_is_not_found(client, admin, login_as):
    login_as()
    assert client.post(f"/saved/{item(admin, status='draft').id}").status_code == 404
