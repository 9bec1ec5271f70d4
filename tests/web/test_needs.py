"""Needs registration: a draft per step, check answers, numbered versions kept as history."""
import pytest
from sqlalchemy import select

from tests.conftest import make_user
from webapp.extensions import db
from webapp.models import AuditEvent, NeedsRegistration

ANSWERS = [
    ("status", {"employment_status": "unemployed"}),
    ("job-types", {"job_types": ["massage", "clerical"], "job_types_other": "调音师"}),
    ("pattern", {"work_patterns": ["part_time", "home_based"]}),
    ("districts", {"districts": ["chengqu"]}),
    ("pay", {"pay_min": "2,500", "pay_max": "4000"}),
    ("training", {"training_interests": ["blind_massage"]}),
    ("accommodations", {"accommodations": ["step_free"], "accommodations_other": "读屏软件"}),
    ("notes", {"notes": "上午可以工作"}),
]


def _rows(user):
    db.session.expire_all()  # the requests ran in their own sessions
    return db.session.scalars(select(NeedsRegistration).where(NeedsRegistration.user_id == user.id)
                              .order_by(NeedsRegistration.id)).all()


def _answer_all(client):
    for step, data in ANSWERS:
        response = client.post(f"/me/needs/{step}", data=data)
        assert response.status_code == 303, (step, response.get_data(as_text=True)[:300])
    return response


def test_answers_build_a_draft_then_submit_as_version_one(client, login_as):
    user = login_as()
    last = _answer_all(client)
    assert last.location.endswith("/me/needs/check")
    draft = _rows(user)[0]
    assert draft.status == "draft" and draft.pay_min == 2500 and draft.job_types == ["clerical", "massage"]
    page = client.get("/me/needs/check").get_data(as_text=True)
    assert "Massage and physiotherapy" in page and "调音师" in page and "2500 to 4000 yuan a month" in page
    response = client.post("/me/needs/check")
    assert response.status_code == 303 and response.location.endswith("/me/needs/done/1")
    done = client.get("/me/needs/done/1").get_data(as_text=True)
    assert f"XQ-{user.id:06d}-1" in done and "What happens next" in done
    submitted = _rows(user)[0]
    assert (submitted.status, submitted.version, submitted.submitted_by_id) == ("submitted", 1, user.id)
    assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.action == "needs.submitted"))


def test_an_update_starts_from_the_newest_version_and_keeps_history(client, login_as):
    user = login_as()
    _answer_all(client)
    client.post("/me/needs/check")
    form = client.get("/me/needs/job-types").get_data(as_text=True)
    assert 'value="调音师"' in form  # nothing has to be typed twice
    client.post("/me/needs/status", data={"employment_status": "flexible"})
    overview = client.get("/me/needs").get_data(as_text=True)
    assert "Changes not submitted yet" in overview
    client.post("/me/needs/check")
    rows = _rows(user)
    assert [(r.version, r.employment_status) for r in rows] == [(1, "unemployed"), (2, "flexible")]
    overview = client.get("/me/needs").get_data(as_text=True)
    assert "version 2" in overview and 'href="/me/needs/versions/1"' in overview
    assert "Not working and looking for work" in client.get("/me/needs/versions/1").get_data(as_text=True)


@pytest.mark.parametrize("step, data, message", [
    ("status", {}, "Choose what you do now."),
    ("pattern", {}, "Choose at least one way of working."),
    ("pay", {"pay_min": "abc", "pay_max": ""}, "whole yuan"),
    ("pay", {"pay_min": "5000", "pay_max": "3000"}, "must not be more than the highest"),
    ("pay", {"pay_min": "200000", "pay_max": ""}, "100000 yuan or less"),
])
def test_refusals_say_what_to_fix_and_store_nothing(client, login_as, step, data, message):
    user = login_as()
    response = client.post(f"/me/needs/{step}", data=data)
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    assert _rows(user) == []


def test_a_choice_not_on_the_list_is_refused(client, login_as):
    user = login_as()
    response = client.post("/me/needs/job-types", data={"job_types": ["astronaut"]})
    assert response.status_code == 422
    assert _rows(user) == []


def test_submit_needs_the_required_answers(client, login_as):
    login_as()
    client.post("/me/needs/districts", data={"districts": ["kuangqu"]})
    page = client.get("/me/needs/check").get_data(as_text=True)
    assert "Some questions are not answered yet" in page
    response = client.post("/me/needs/check", follow_redirects=True)
    assert "Some questions are not answered yet." in response.get_data(as_text=True)


def test_other_peoples_versions_are_404(client, login_as, client_for):
    login_as()
    _answer_all(client)
    client.post("/me/needs/check")
    other = client_for(make_user(phone="13700000002"))
    assert other.get("/me/needs/versions/1").status_code == 404
    assert other.get("/me/needs/done/1").status_code == 404
