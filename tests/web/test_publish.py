"""Admins publish training courses, stall openings and public-welfare posts."""
import html
import json
import re
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from webapp.extensions import db
from webapp.models import Application, AuditEvent, Opportunity, OpportunityChange
from webapp.services.opportunities import fields, publishing

TODAY = date.today()


def day(offset: int) -> str:
    return (TODAY + timedelta(days=offset)).isoformat()


VALID = {
    "course": {"title": "盲人按摩初级班", "category": "blind_massage", "provider": "阳泉市盲人按摩培训中心",
               "description": "推拿基础手法，结业后可在按摩店就业。", "suits_categories": ["1"],
               "district": "chengqu", "address": "城区桃北西街12号", "rural": "y",
               "accessibility": ["braille_large_print", "step_free"], "start_date": day(30),
               "end_date": day(60), "schedule": "周一至周五 9:00–11:30", "capacity": "20",
               "deadline": day(20), "subsidy": "免费"},
    "stall": {"category": "market_stall", "provider": "南庄蔬菜市场", "title": "南庄蔬菜市场摊位",
              "description": "", "district": "kuangqu", "address": "矿区南庄路8号", "total": "25",
              "capacity": "3", "monthly_fee": "300", "fee_reduction": "残疾人首年免费",
              "opens_on": day(1), "deadline": day(20)},
    "post": {"title": "社区保洁员", "provider": "郊区荫营镇人民政府", "description": "打扫社区公共区域。",
             "physical_requirements": "能站立半天", "district": "jiaoqu", "address": "",
             "accessibility": ["accessible_toilet"], "hours": "8:00–12:00", "pay": "每月1900元",
             "social_insurance": "养老、医疗保险全额补贴", "total": "40", "capacity": "2", "deadline": day(20)},
}


def form(kind: str, **changes) -> dict:
    return {**VALID[kind], **changes}


def error_beside(page: str, field: str) -> str | None:
    """The message shown beside a field, as a person reads it."""
    found = re.search(rf'<p class="field__error" id="{field}-error">(.*?)</p>', page, re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", found.group(1))).strip() if found else None


def audits(action: str) -> list[dict]:
    rows = db.session.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id))
    return [{"actor_id": row.actor_id, **json.loads(row.detail)} for row in rows]


def make(admin, kind: str = "course", **changes) -> Opportunity:
    return publishing.create(admin, kind, form(kind, **changes))


def test_signed_out_people_are_sent_to_sign_in(client):
    response = client.get("/admin/opportunities")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


@pytest.mark.parametrize("role", ["applicant", "caseworker", "helper"])
def test_only_admins_publish(client, login_as, role):
    login_as(role, district="chengqu" if role == "caseworker" else None)
    assert client.get("/admin/opportunities").status_code == 403
    assert client.get("/admin/opportunities/new/course").status_code == 403
    assert client.post("/admin/opportunities/new/course", data=form("course")).status_code == 403
    assert client.post("/admin/opportunities/1/publish").status_code == 403
    assert db.session.scalar(select(func.count()).select_from(Opportunity)) == 0


def test_admin_creates_a_course(client, login_as):
    admin = login_as("admin")
    page = client.get("/admin/opportunities/new/course").get_data(as_text=True)
    assert 'inputmode="numeric"' in page and 'type="number"' not in page
    assert "Year-month-day, for example 2026-09-01." in page
    assert "<legend class=\"fieldset__legend\">Suits people with these disabilities</legend>" in page
    response = client.post("/admin/opportunities/new/course", data=form("course"))
    assert response.status_code == 303
    course = db.session.scalar(select(Opportunity))
    assert response.headers["Location"].endswith(f"/admin/opportunities/{course.id}/edit")
    assert (course.kind, course.status, course.category, course.district) == ("course", "draft", "blind_massage",
                                                                               "chengqu")
    assert (course.capacity, course.start_date, course.end_date) == (20, TODAY + timedelta(30), TODAY + timedelta(60))
    assert course.suits_categories == [1] and course.rural is True
    assert course.accessibility == ["step_free", "braille_large_print"]  # in the vocabulary's order
    assert course.subsidy == "免费" and course.draw_seed is None and course.created_by_id == admin.id
    assert audits("opportunity.created") == [{"actor_id": admin.id, "opportunity_id": course.id, "kind": "course"}]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Saved as a draft" in page and "Draft" in page and 'value="盲人按摩初级班"' in page


def test_admin_creates_a_stall_opening_with_a_draw_seed(client, login_as):
    admin = login_as("admin")
    assert client.post("/admin/opportunities/new/stall", data=form("stall")).status_code == 303
    stall = db.session.scalar(select(Opportunity))
    assert (stall.kind, stall.category, stall.provider, stall.total, stall.capacity) == (
        "stall", "market_stall", "南庄蔬菜市场", 25, 3)
    assert (stall.monthly_fee, stall.fee_reduction, stall.opens_on) == (300, "残疾人首年免费", TODAY + timedelta(1))
    assert re.fullmatch(r"[0-9a-f]{32}", stall.draw_seed)
    assert audits("opportunity.created")[0]["actor_id"] == admin.id
    page = client.get(f"/admin/opportunities/{stall.id}/edit").get_data(as_text=True)
    assert stall.draw_seed in page


def test_admin_creates_a_public_welfare_post(client, login_as):
    login_as("admin")
    assert client.post("/admin/opportunities/new/post", data=form("post")).status_code == 303
    post = db.session.scalar(select(Opportunity))
    assert (post.kind, post.provider, post.total, post.capacity, post.category) == ("post", "郊区荫营镇人民政府", 40, 2, None)
    assert (post.hours, post.pay, post.physical_requirements) == ("8:00–12:00", "每月1900元", "能站立半天")
    assert post.accessibility == ["accessible_toilet"] and post.address == ""
    assert len(audits("opportunity.created")) == 1


@pytest.mark.parametrize("kind, changes, field, message", [
    ("course", {"title": ""}, "title", "Enter a title."),
    ("course", {"title": "长" * 101}, "title", "Enter 100 characters or fewer."),
    ("course", {"start_date": "2030-02-30"}, "start_date", "2030-02-30 is not a real date."),
    ("course", {"start_date": "next week"}, "start_date", "Enter the date as year-month-day"),
    ("course", {"end_date": day(29)}, "end_date", "The last day must be on or after the first day."),
    ("course", {"deadline": day(61)}, "deadline", "on or before the last day of the course"),
    ("course", {"capacity": "-3"}, "capacity", "There must be at least 1 seat."),
    ("course", {"capacity": "twenty"}, "capacity", "Enter a whole number in figures"),
    ("course", {"district": "mars"}, "district", "Choose a district from the list."),
    ("course", {"district": ""}, "district", "Choose a district."),
    ("course", {"category": "juggling"}, "category", "Choose a training category from the list."),
    ("course", {"suits_categories": ["9"]}, "suits_categories", "Choose only from the list."),
    ("stall", {"capacity": "2"}, "capacity",
     "The action plan (measure 7) reserves at least 10% of units for disabled people: reserve at least 3 of 25."),
    ("stall", {"capacity": "26"}, "capacity", "You cannot reserve more than 25, the total."),
    ("stall", {"category": "casino"}, "category", "Choose a kind of stall from the list."),
    ("stall", {"monthly_fee": ""}, "monthly_fee", "Enter the monthly fee in yuan."),
    ("stall", {"opens_on": day(21)}, "deadline", "Applications must close on or after the day they open."),
    ("post", {"capacity": "1"}, "capacity",
     "The action plan (measure 8) reserves at least 5% of public-welfare posts for disabled people: "
     "reserve at least 2 of 40."),
    ("post", {"total": "0"}, "total", "There must be at least 1 place."),
    ("post", {"accessibility": ["lift"]}, "accessibility", "Choose only from the list."),
])
def test_refusals_show_beside_the_field_keep_the_input_and_store_nothing(client, login_as, kind, changes, field,
                                                                         message):
    login_as("admin")
    response = client.post(f"/admin/opportunities/new/{kind}", data=form(kind, **changes))
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in error_beside(page, field)
    assert "There is a problem" in page and "<title>Error:" in page
    assert f'value="{html.escape(form(kind, **changes)["provider"], quote=True)}"' in page
    assert db.session.scalar(select(func.count()).select_from(Opportunity)) == 0
    assert audits("opportunity.created") == []


def test_every_problem_is_shown_at_once(client, login_as):
    login_as("admin")
    page = client.post("/admin/opportunities/new/course",
                       data=form("course", title="", capacity="-1", district="")).get_data(as_text=True)
    assert all(error_beside(page, name) for name in ("title", "capacity", "district"))
    assert page.count('href="#title"') == 1 and 'href="#district-0"' in page


@pytest.mark.parametrize("kind, total, minimum", [
    ("stall", 25, 3), ("stall", 30, 3), ("stall", 31, 4), ("stall", 5, 1),
    ("post", 40, 2), ("post", 20, 1), ("post", 21, 2), ("course", 50, 0),
])
def test_minimum_reserved_rounds_the_plans_share_up(kind, total, minimum):
    assert fields.minimum_reserved(kind, total) == minimum


def test_publish_close_and_take_back_to_draft(client, login_as):
    admin = login_as("admin")
    item = make(admin, "stall")
    response = client.post(f"/admin/opportunities/{item.id}/publish")
    assert response.status_code == 303 and response.headers["Location"].endswith(f"/{item.id}/edit")
    db.session.refresh(item)
    assert item.status == "published" and item.published_at is not None
    page = client.get(f"/admin/opportunities/{item.id}/edit").get_data(as_text=True)
    assert "Published. People can now find it and apply." in page and "Close applications" in page

    assert client.post(f"/admin/opportunities/{item.id}/close").status_code == 303
    db.session.refresh(item)
    assert item.status == "closed"
    assert client.post(f"/admin/opportunities/{item.id}/unpublish").status_code == 303
    db.session.refresh(item)
    assert item.status == "draft"
    for action, before, after in (("published", "draft", "published"), ("closed", "published", "closed"),
                                  ("unpublished", "closed", "draft")):
        assert audits(f"opportunity.{action}") == [{"actor_id": admin.id, "opportunity_id": item.id,
                                                   "from_status": before, "to_status": after}]


def test_status_buttons_refuse_what_does_not_apply(client, login_as):
    admin = login_as("admin")
    item = make(admin)
    response = client.post(f"/admin/opportunities/{item.id}/close")
    assert response.status_code == 422 and "Only a published item can be closed." in response.get_data(as_text=True)
    assert client.post(f"/admin/opportunities/{item.id}/unpublish").status_code == 422
    assert client.post(f"/admin/opportunities/{item.id}/delete").status_code == 404
    assert client.post("/admin/opportunities/999/publish").status_code == 404
    assert client.get("/admin/opportunities/new/party").status_code == 404
    db.session.refresh(item)
    assert item.status == "draft" and audits("opportunity.closed") == []


def test_a_past_closing_date_cannot_be_published(client, login_as):
    admin = login_as("admin")
    item = make(admin, start_date=day(-30), end_date=day(-1), deadline=day(-40))
    response = client.post(f"/admin/opportunities/{item.id}/publish")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "The closing date has passed" in error_beside(page, "deadline") and 'href="#deadline"' in page
    assert f'action="/admin/opportunities/{item.id}/edit"' in page  # saving from here saves, not publishes
    db.session.refresh(item)
    assert item.status == "draft" and audits("opportunity.published") == []


def test_nobody_can_take_an_item_back_to_draft_once_people_have_applied(client, login_as):
    admin = login_as("admin")
    item = make(admin, "post")
    publishing.publish(admin, item)
    db.session.add(Application(applicant_id=admin.id, opportunity_id=item.id, status="submitted",
                               created_by_id=admin.id))
    db.session.commit()
    response = client.post(f"/admin/opportunities/{item.id}/unpublish")
    assert response.status_code == 422 and "Close it to stop new applications" in response.get_data(as_text=True)
    db.session.refresh(item)
    assert item.status == "published"


def test_editing_a_published_item_records_each_change(client, login_as):
    admin = login_as("admin")
    item = make(admin)
    publishing.publish(admin, item)
    response = client.post(f"/admin/opportunities/{item.id}/edit",
                           data=form("course", title="盲人按摩中级班", capacity="25", district="yuxian",
                                     accessibility=["step_free"]))
    assert response.status_code == 303
    change = db.session.scalar(select(OpportunityChange))
    assert change.opportunity_id == item.id and change.changed_by_id == admin.id
    assert change.changes == {"title": ["盲人按摩初级班", "盲人按摩中级班"], "capacity": [20, 25],
                              "district": ["chengqu", "yuxian"],
                              "accessibility": [["step_free", "braille_large_print"], ["step_free"]]}
    assert audits("opportunity.updated") == [{"actor_id": admin.id, "opportunity_id": item.id, "status": "published",
                                              "fields": ["accessibility", "capacity", "district", "title"]}]
    page = client.get(f"/admin/opportunities/{item.id}/edit").get_data(as_text=True)
    assert "Change record" in page and "Seats: was 20, now 25" in page
    assert "District: was Chengqu District, now Yu County" in page


def test_editing_a_draft_keeps_no_change_record(client, login_as):
    admin = login_as("admin")
    item = make(admin, "stall")
    seed = item.draw_seed
    response = client.post(f"/admin/opportunities/{item.id}/edit", data=form("stall", total="30", capacity="3"))
    assert response.status_code == 303
    db.session.refresh(item)
    assert (item.total, item.capacity, item.draw_seed) == (30, 3, seed)
    assert db.session.scalar(select(func.count()).select_from(OpportunityChange)) == 0
    assert audits("opportunity.updated")[0]["fields"] == ["total"]


def test_a_refused_edit_changes_nothing(client, login_as):
    admin = login_as("admin")
    item = make(admin, "post")
    publishing.publish(admin, item)
    response = client.post(f"/admin/opportunities/{item.id}/edit", data=form("post", title="新标题", total="100"))
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "reserve at least 5 of 100" in error_beside(page, "capacity")
    assert 'value="新标题"' in page
    db.session.refresh(item)
    assert (item.title, item.total) == ("社区保洁员", 40)
    assert db.session.scalar(select(func.count()).select_from(OpportunityChange)) == 0


def test_a_published_item_cannot_be_moved_to_a_past_closing_date(client, login_as):
    admin = login_as("admin")
    item = make(admin, "stall", opens_on="")
    publishing.publish(admin, item)
    response = client.post(f"/admin/opportunities/{item.id}/edit", data=form("stall", opens_on="", deadline=day(-1)))
    assert response.status_code == 422
    assert "That date has passed" in error_beside(response.get_data(as_text=True), "deadline")
    db.session.refresh(item)
    assert item.deadline == TODAY + timedelta(20) and item.opens_on is None


def test_the_list_filters_counts_and_pages(client, login_as):
    admin = login_as("admin")
    for number in range(22):
        make(admin, title=f"课程{number:02d}")
    stall = make(admin, "stall")
    publishing.publish(admin, stall)
    page = client.get("/admin/opportunities").get_data(as_text=True)
    assert "23 items" in page and "page 1 of 2" in page and "Published" in page and "Draft" in page
    page = client.get("/admin/opportunities?kind=course&page=2").get_data(as_text=True)
    assert "22 items" in page and "page 2 of 2" in page
    assert "课程01" in page and "课程00" in page and "课程02" not in page  # newest first, 20 a page
    page = client.get("/admin/opportunities?kind=stall&status=published").get_data(as_text=True)
    assert "1 item " in page and "南庄蔬菜市场摊位" in page and "3 of 25 reserved" in page
    assert client.get("/admin/opportunities?kind=post").get_data(as_text=True).count("Nothing here yet.") == 1
    assert client.get("/admin/opportunities?page=9").status_code == 200
