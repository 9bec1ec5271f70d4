"""Admins create courses, stall openings and posts: who may, what is stored, what is refused."""
import hashlib
import html
import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from tests.web.publish_helpers import TODAY, audits, day, error_beside, form
from webapp.extensions import db
from webapp.models import Opportunity
from webapp.services.opportunities import fields


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


def test_admin_creates_a_stall_opening_whose_draw_is_sealed_when_published(client, login_as):
    admin = login_as("admin")
    assert client.post("/admin/opportunities/new/stall", data=form("stall")).status_code == 303
    stall = db.session.scalar(select(Opportunity))
    assert (stall.kind, stall.category, stall.provider, stall.total, stall.capacity) == (
        "stall", "market_stall", "南庄蔬菜市场", 25, 3)
    assert (stall.monthly_fee, stall.fee_reduction, stall.opens_on) == (300, "残疾人首年免费", TODAY + timedelta(1))
    assert stall.draw_seed is None and stall.draw_commitment is None  # a draft has no draw yet
    assert audits("opportunity.created")[0]["actor_id"] == admin.id
    assert client.post(f"/admin/opportunities/{stall.id}/publish").status_code == 303
    db.session.refresh(stall)
    assert re.fullmatch(r"[0-9a-f]{64}", stall.draw_seed)
    assert stall.draw_commitment == hashlib.sha256(stall.draw_seed.encode()).hexdigest()
    page = client.get(f"/admin/opportunities/{stall.id}/edit").get_data(as_text=True)
    assert stall.draw_seed not in page and "Allocation draw" in page  # the seed stays secret until the draw


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
