"""Job fairs: staff hold them (the admin anywhere, a caseworker in their district), verified
employers join with their jobs, jobseekers register asking for support, staff record attendance."""
import pytest
from sqlalchemy import select

from tests import factories
from tests.conftest import make_user
from tests.web.publish_helpers import audits, day, error_beside
from webapp.extensions import db
from webapp.models import Fair, FairJob, FairRegistration

FAIR = {"title": "春季残疾人专场招聘会", "mode": "on_site", "venue": "城区人才市场一楼", "accessibility": ["step_free"],
        "sign_language": "y", "date": day(20), "district": "chengqu", "description": "二十家用人单位参加。"}


def _fair(**changes) -> Fair:
    return db.session.get(Fair, db.session.scalar(select(Fair.id).where(Fair.title == changes.get("title", FAIR["title"]))))


def _create(browser, **changes) -> Fair:
    response = browser.post("/fairs/new", data={**FAIR, **changes})
    assert response.status_code == 303, response.get_data(as_text=True)
    db.session.expire_all()
    return db.session.get(Fair, int(response.headers["Location"].split("/")[-2]))


def _published(client_for, **changes) -> Fair:
    admin = make_user("admin", phone="13500000077", name="市残联")
    browser = client_for(admin)
    fair = _create(browser, **changes)
    assert browser.post(f"/fairs/{fair.id}/publish").status_code == 303
    db.session.expire_all()
    return db.session.get(Fair, fair.id)


@pytest.mark.parametrize("role, district", [("admin", None), ("caseworker", "chengqu"), ("caseworker", None)])
def test_staff_create_and_publish_a_fair(client, login_as, role, district):
    user = login_as(role, district=district)
    fair = _create(client)
    assert (fair.status, fair.mode, fair.district, fair.sign_language, fair.accessibility) == (
        "draft", "on_site", "chengqu", True, ["step_free"])
    assert client.get(f"/fairs/{fair.id}").status_code == 404  # a draft is not public
    assert client.post(f"/fairs/{fair.id}/publish").status_code == 303
    page = client.get(f"/fairs/{fair.id}").get_data(as_text=True)
    assert "Step-free access" in page and "Sign language interpretation" in page and "城区人才市场一楼" in page
    assert "春季残疾人专场招聘会" in client.get("/fairs").get_data(as_text=True)
    assert [row["actor_id"] for row in audits("fair.published")] == [user.id]
    response = client.post(f"/fairs/{fair.id}/edit", data={**FAIR, "venue": "城区文化中心"})
    assert response.status_code == 303
    assert audits("fair.updated")[0]["fields"] == "venue"


def test_a_caseworker_of_another_district_cannot_see_or_edit(client, login_as, client_for):
    fair = _published(client_for)
    login_as("caseworker", district="kuangqu")
    assert client.get(f"/fairs/{fair.id}/edit").status_code == 404
    assert client.post(f"/fairs/{fair.id}/edit", data=FAIR).status_code == 404
    assert client.post(f"/fairs/{fair.id}/close").status_code == 404
    assert client.get(f"/fairs/{fair.id}/registrations").status_code == 404
    page = client.post("/fairs/new", data=FAIR).get_data(as_text=True)
    assert error_beside(page, "district") == "Error: You can only hold fairs in your own district."


@pytest.mark.parametrize("field, value, message", [
    ("title", "", "Enter the fair's title."),
    ("mode", "", "Choose online or on site."),
    ("date", "next week", "Enter the date as year-month-day, for example 2026-09-01."),
    ("date", "2026-02-30", "There is no such day. Check the month and the day."),
    ("accessibility", ["lift"], "Choose only from the list."),
])
def test_a_fair_form_says_what_to_fix(client, login_as, field, value, message):
    login_as("admin")
    response = client.post("/fairs/new", data={**FAIR, field: value})
    assert response.status_code == 422
    assert error_beside(response.get_data(as_text=True), field) == f"Error: {message}"
    assert db.session.scalar(select(Fair.id)) is None


def test_a_verified_employer_joins_with_its_published_jobs(app, client_for):
    fair = _published(client_for)
    employer = factories.employer()
    shown, _not_chosen = factories.job(employer, title="仓库分拣员"), factories.job(employer, title="客服专员")
    stranger = factories.job(factories.employer(name="别家公司"), title="别人的岗位")
    browser = client_for(employer.user)
    page = browser.get(f"/fairs/{fair.id}/join").get_data(as_text=True)
    assert "仓库分拣员" in page and "别人的岗位" not in page
    refused = browser.post(f"/fairs/{fair.id}/join", data={"jobs": [str(stranger.id)]})
    assert refused.status_code == 422
    assert error_beside(refused.get_data(as_text=True), "jobs") == "Error: Choose only from your published jobs."
    assert browser.post(f"/fairs/{fair.id}/join", data={"jobs": [str(shown.id)]}).status_code == 303
    assert list(db.session.scalars(select(FairJob.opportunity_id))) == [shown.id]
    page = client_for(make_user(phone="13600000999")).get(f"/fairs/{fair.id}").get_data(as_text=True)
    assert "仓库分拣员" in page and f'href="/jobs/{shown.id}"' in page and "客服专员" not in page


def test_an_unverified_employer_cannot_join(client_for):
    fair = _published(client_for)
    employer = factories.employer(status="pending")
    factories.job(employer, title="仓库分拣员")
    browser = client_for(employer.user)
    assert "must be verified" in browser.get(f"/fairs/{fair.id}/join").get_data(as_text=True)
    assert browser.post(f"/fairs/{fair.id}/join", data={"jobs": ["1"]}).status_code == 422
    assert db.session.scalar(select(FairJob.id)) is None


def test_an_applicant_registers_asking_for_support_and_cancels(client_for):
    fair = _published(client_for)
    person = factories.applicant()
    browser = client_for(person)
    assert browser.post(f"/fairs/{fair.id}/register", data={"support": ["transport", "interpreter"]}).status_code == 303
    found = db.session.scalar(select(FairRegistration))
    assert (found.user_id, found.support) == (person.id, ["interpreter", "transport"])
    mine = browser.get("/fairs/mine").get_data(as_text=True)
    assert "春季残疾人专场招聘会" in mine and "Sign language interpreter" in mine and "Help with transport" in mine
    staff = client_for(make_user("caseworker", phone="13500000088", district="chengqu"))
    listed = staff.get(f"/fairs/{fair.id}/registrations").get_data(as_text=True)
    assert person.name in listed and "Help with transport" in listed
    assert browser.post(f"/fairs/{fair.id}/cancel").status_code == 303
    db.session.expire_all()
    assert db.session.scalar(select(FairRegistration.id)) is None
    assert "not registered for a job fair yet" in browser.get("/fairs/mine").get_data(as_text=True)


def test_a_helper_registers_the_person_they_act_for(client_for):
    from tests.web.matrix_people import helper_for

    fair = _published(client_for)
    person = factories.applicant()
    browser = client_for(helper_for(person))
    assert browser.post(f"/fairs/{fair.id}/register", data={"support": ["companion"]}).status_code == 303
    assert db.session.scalar(select(FairRegistration.user_id)) == person.id
    assert audits("fair.registered")[0]["support"] == "companion"


def test_attendance_is_recorded_from_the_day_of_the_fair(client_for, freeze_clock):
    fair = _published(client_for, date=day(3))
    person = factories.applicant()
    client_for(person).post(f"/fairs/{fair.id}/register", data={})
    registration = db.session.scalar(select(FairRegistration))
    staff = client_for(make_user("caseworker", phone="13500000088", district="chengqu"))
    staff.post(f"/fairs/{fair.id}/registrations", data={"registration": registration.id, "attended": "yes"})
    db.session.expire_all()
    assert db.session.get(FairRegistration, registration.id).attended is None  # too early
    freeze_clock(f"{fair.date.isoformat()} 16:00")
    response = staff.post(f"/fairs/{fair.id}/registrations", data={"registration": registration.id, "attended": "no"})
    assert response.status_code == 303
    db.session.expire_all()
    assert db.session.get(FairRegistration, registration.id).attended is False
    assert "Did not attend" in staff.get(f"/fairs/{fair.id}/registrations").get_data(as_text=True)
    # The fair is over: a registration can no longer be made.
    freeze_clock(f"{day(10)} 09:00")
    later = client_for(factories.applicant())
    assert later.post(f"/fairs/{fair.id}/register", data={}).status_code == 422


def test_the_public_fair_pages_are_cached_for_anonymous_visitors_until_a_fair_changes(app, client_for):
    fair = _published(client_for)
    visitor = app.test_client()
    visitor.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"  # the words below are the English ones
    assert visitor.get("/fairs").headers.get("X-Page-Cache") == "miss"
    assert visitor.get("/fairs").headers.get("X-Page-Cache") == "hit"
    assert visitor.get(f"/fairs/{fair.id}").headers.get("X-Page-Cache") == "miss"
    admin = client_for(make_user("admin", phone="13500000078"))
    assert admin.post(f"/fairs/{fair.id}/close").status_code == 303
    again = visitor.get(f"/fairs/{fair.id}")
    assert again.headers.get("X-Page-Cache") == "miss" and "no one can register any more" in again.get_data(as_text=True)
