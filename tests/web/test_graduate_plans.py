"""The graduates' ledger (一人一策): plans for a district's disabled students and graduates, their
steps and the overdue clock, contacts, the reserved jobs offered first, and the dashboard's counts."""
import html
from datetime import date

import pytest
from sqlalchemy import select

from tests import factories
from tests.conftest import make_user
from tests.web.publish_helpers import audits, error_beside
from webapp.extensions import db
from webapp.models import GraduatePlan, PlanAction, PlanContact
from webapp.services.graduates.reserved import graduates_first
from webapp.services.reports import figures


@pytest.fixture
def caseworker(app):
    return make_user("caseworker", phone="13500000021", name="城区员", district="chengqu")


def _start(browser, person, **changes) -> GraduatePlan:
    data = {"phone": person.phone, "school": "山西大学", "graduation_year": "2027", "status": "student", **changes}
    response = browser.post("/casework/graduates/new", data=data)
    assert response.status_code == 303, response.get_data(as_text=True)
    return db.session.scalar(select(GraduatePlan).where(GraduatePlan.user_id == person.id))


def test_a_caseworker_keeps_a_plan_with_steps_and_contacts(client_for, caseworker, freeze_clock):
    freeze_clock("2026-12-01 10:00")
    person = factories.applicant(name="李明")
    browser = client_for(caseworker)
    plan = _start(browser, person)
    assert (plan.district, plan.school, plan.graduation_year, plan.status) == ("chengqu", "山西大学", 2027, "student")
    for text, due in (("推荐两家用人单位", "2026-12-05"), ("联系学校就业办", "2026-12-20")):
        response = browser.post(f"/casework/graduates/{plan.id}/actions",
                                data={"action-text": text, "action-owner": "城区员", "action-due_on": due})
        assert response.status_code == 303
    assert "Nothing overdue" in browser.get("/casework/graduates").get_data(as_text=True)
    freeze_clock("2026-12-10 10:00")  # the first step is now past due
    listed = browser.get("/casework/graduates").get_data(as_text=True)
    assert "李明" in listed and "1 step overdue" in listed and "1 plan has a step overdue." in listed
    page = browser.get(f"/casework/graduates/{plan.id}").get_data(as_text=True)
    assert "Overdue: was due on" in page and "推荐两家用人单位" in page
    first = db.session.scalar(select(PlanAction).where(PlanAction.text == "推荐两家用人单位"))
    assert browser.post(f"/casework/graduates/{plan.id}/actions/{first.id}/done").status_code == 303
    db.session.expire_all()
    assert db.session.get(PlanAction, first.id).done_on == date(2026, 12, 10)
    assert "Nothing overdue" in browser.get("/casework/graduates").get_data(as_text=True)
    response = browser.post(f"/casework/graduates/{plan.id}/contacts", data={"contact-notes": "电话沟通，本人愿意去面试。"})
    assert response.status_code == 303
    contact = db.session.scalar(select(PlanContact))
    assert (contact.by_id, contact.notes) == (caseworker.id, "电话沟通，本人愿意去面试。")
    assert "电话沟通" in browser.get(f"/casework/graduates/{plan.id}").get_data(as_text=True)
    assert [row["plan_id"] for row in audits("graduate_plan.contact_recorded")] == [plan.id]


def test_the_ledger_lists_soonest_due_first(client_for, caseworker):
    browser = client_for(caseworker)
    later, sooner = factories.applicant(name="后到期"), factories.applicant(name="先到期")
    for person, due in ((later, "2099-06-01"), (sooner, "2099-01-01")):
        plan = _start(browser, person)
        browser.post(f"/casework/graduates/{plan.id}/actions",
                     data={"action-text": "找工作", "action-owner": "本人", "action-due_on": due})
    listed = browser.get("/casework/graduates").get_data(as_text=True)
    assert listed.index("先到期") < listed.index("后到期")


@pytest.mark.parametrize("changes, field, message", [
    ({"phone": "13999999999"}, "phone", "No applicant of your district has that mobile number."),
    ({"school": ""}, "school", "Enter the school or university, in 100 characters or fewer."),
    ({"graduation_year": "1990"}, "graduation_year", None),
    ({"status": ""}, "status", "Choose student or graduate."),
])
def test_a_plan_form_says_what_to_fix(client_for, caseworker, changes, field, message):
    person = factories.applicant()
    data = {"phone": person.phone, "school": "山西大学", "graduation_year": "2027", "status": "student", **changes}
    response = client_for(caseworker).post("/casework/graduates/new", data=data)
    assert response.status_code == 422
    shown = error_beside(response.get_data(as_text=True), field)
    assert shown and (message is None or shown == f"Error: {message}")
    assert db.session.scalar(select(GraduatePlan.id)) is None


def test_a_person_of_another_district_cannot_be_given_a_plan(client_for, caseworker):
    person = factories.applicant(district="kuangqu")
    response = client_for(caseworker).post("/casework/graduates/new", data={
        "phone": person.phone, "school": "山西大学", "graduation_year": "2027", "status": "student"})
    assert response.status_code == 422
    assert db.session.scalar(select(GraduatePlan.id)) is None


def test_outsiders_are_told_the_plan_is_not_there(client_for, caseworker):
    plan = _start(client_for(caseworker), factories.applicant())
    outsider = client_for(make_user("caseworker", phone="13500000022", district="kuangqu"))
    assert outsider.get(f"/casework/graduates/{plan.id}").status_code == 404
    assert outsider.post(f"/casework/graduates/{plan.id}/contacts", data={"contact-notes": "看看"}).status_code == 404
    assert "No plans yet" in outsider.get("/casework/graduates").get_data(as_text=True)
    assert db.session.scalar(select(PlanContact.id)) is None


def test_the_plan_offers_jobs_reserved_for_graduates(client_for, caseworker):
    employer = factories.employer()
    reserved = factories.job(employer, title="应届生专岗", for_graduates=True)
    ordinary = factories.job(employer, title="普通岗位")
    assert graduates_first(reserved) and not graduates_first(ordinary)
    browser = client_for(caseworker)
    plan = _start(browser, factories.applicant())
    page = browser.get(f"/casework/graduates/{plan.id}").get_data(as_text=True)
    assert "应届生专岗" in page and f'href="/jobs/{reserved.id}"' in page and "普通岗位" not in page


def test_the_dashboard_counts_plans_by_stage_and_overdue(client_for, caseworker, freeze_clock):
    freeze_clock("2026-12-01 10:00")
    browser = client_for(caseworker)
    student = _start(browser, factories.applicant())
    _start(browser, factories.applicant(), status="graduate")
    _start(browser, factories.applicant(), status="graduate")
    browser.post(f"/casework/graduates/{student.id}/actions",
                 data={"action-text": "去面试", "action-owner": "本人", "action-due_on": "2026-11-20"})
    found = figures.compute(2026)
    assert found.graduate_plans == {"student": 1, "graduate": 2}
    assert found.graduate_plans_overdue == 1
    admin = client_for(make_user("admin", phone="13500000099"))
    page = html.unescape(admin.get("/admin/dashboard").get_data(as_text=True))
    assert "Graduates' plans" in page and "1 plan has a step overdue." in page
    sheet = admin.get("/admin/dashboard/graduates.csv").get_data(as_text=True)
    assert "Student,1,1" in sheet and "Graduate,2,0" in sheet


def test_a_plan_is_started_from_the_person_page(client_for, caseworker):
    person = factories.applicant(name="王芳")
    browser = client_for(caseworker)
    page = browser.get(f"/casework/people/{person.id}/identity").get_data(as_text=True)
    assert f"/casework/graduates/new?person={person.id}" in page
    form = browser.get(f"/casework/graduates/new?person={person.id}").get_data(as_text=True)
    assert 'name="phone"' not in form and f'value="{person.id}"' in form
    response = browser.post("/casework/graduates/new", data={"person_id": str(person.id), "school": "太原理工大学",
                                                             "graduation_year": "2026", "status": "graduate"})
    assert response.status_code == 303
    assert db.session.scalar(select(GraduatePlan.user_id)) == person.id


def test_the_ledger_takes_the_same_queries_for_more_plans(client_for, caseworker):
    from sqlalchemy import event

    browser = client_for(caseworker)

    def queries() -> int:
        statements = []
        listen = lambda *_args: statements.append(1)  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listen)
        try:
            assert browser.get("/casework/graduates").status_code == 200
        finally:
            event.remove(db.engine, "before_cursor_execute", listen)
        return len(statements)

    def more(count: int) -> None:
        for _ in range(count):
            plan = _start(browser, factories.applicant())
            browser.post(f"/casework/graduates/{plan.id}/actions",
                         data={"action-text": "找工作", "action-owner": "本人", "action-due_on": "2020-01-01"})

    more(2)
    few = queries()
    more(4)
    assert queries() == few
