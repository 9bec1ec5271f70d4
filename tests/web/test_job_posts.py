"""An employer's job posts: new and edit, messages that keep what was typed, drafts until the city
verifies the employer, other employers' jobs are not there, and the city taking a job down."""
import pytest
from sqlalchemy import select

from tests import factories
from tests.conftest import make_user
from tests.web.finding_helpers import DAY, TODAY, titles
from webapp.extensions import db
from webapp.models import AuditEvent, Opportunity, OpportunityStatus
from webapp.services.jobs import posting

FORM = {"title": "网络客服", "job_kind": "home_based", "duties": "在家接听网上咨询，回答问题。", "suits": "会打字的人",
        "district": "chengqu", "address": "城区桃北西街1号", "pay_min": "2500", "pay_max": "3200",
        "hours": "9:00-17:00", "accommodations": ["flexible_hours"], "accessibility": ["step_free"],
        "capacity": "3", "deadline": (TODAY + 20 * DAY).isoformat()}


@pytest.fixture
def config_overrides():
    return {"PAGE_CACHE_SECONDS": 0}


def _jobs():
    return db.session.scalars(select(Opportunity).where(Opportunity.kind == "job")).all()


def test_a_verified_employer_posts_a_job_that_is_published(app, client_for):
    firm = factories.employer()
    browser = client_for(firm.user)
    response = browser.post("/employer/jobs/new", data=FORM)
    assert response.status_code == 303 and response.headers["Location"].endswith("/employer/jobs")
    [job] = _jobs()
    assert (job.status, job.employer_id, job.provider, job.created_by_id) == (
        OpportunityStatus.PUBLISHED, firm.id, firm.name, firm.user_id)
    assert (job.pay_min, job.pay_max, job.capacity, job.accommodations) == (2500, 3200, 3, ["flexible_hours"])
    page = browser.get("/employer/jobs").get_data(as_text=True)
    assert "Saved and published" in page and "网络客服" in page and "Published" in page


def test_an_unverified_employer_s_job_waits_and_is_published_on_verification(app, client_for):
    firm = factories.employer(status="pending")
    browser = client_for(firm.user)
    browser.post("/employer/jobs/new", data=FORM)
    [job] = _jobs()
    assert job.status == OpportunityStatus.DRAFT
    page = browser.get("/employer/jobs").get_data(as_text=True)
    assert "your jobs are published once the city verifies your organisation" in page.lower()
    assert "网络客服" not in titles(app.test_client().get("/jobs"))
    firm.status = "verified"
    assert posting.publish_waiting_jobs(firm) == 1
    db.session.commit()
    assert "网络客服" in titles(app.test_client().get("/jobs"))


@pytest.mark.parametrize("changes, field, message", [
    ({"title": ""}, "title", "Enter the job title."),
    ({"job_kind": ""}, "job_kind", "Choose the kind of work."),
    ({"pay_min": "3000", "pay_max": "2000"}, "pay_max", "The highest pay must be at least the lowest pay, 3000 yuan."),
    ({"pay_min": "两千"}, "pay_min", "Enter a whole number in figures"),
    ({"pay_max": "300000"}, "pay_max", "Enter 100000 or less."),
    ({"capacity": "0"}, "capacity", "There must be at least 1 opening."),
    ({"deadline": "2026-02-30"}, "deadline", "is not a real date"),
    ({"deadline": (TODAY - DAY).isoformat()}, "deadline", "That date has passed."),
    ({"state_reserved": "y"}, "state_reserved", "Only a government body, public institution or state-owned"),
])
def test_a_refused_form_says_what_to_fix_and_keeps_what_was_typed(app, client_for, changes, field, message):
    browser = client_for(factories.employer().user)
    response = browser.post("/employer/jobs/new", data={**FORM, **changes})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in page and f'href="#{field}' in page  # the error summary links to the field
    assert 'value="城区桃北西街1号"' in page and "在家接听网上咨询" in page
    assert _jobs() == []


def test_a_state_body_may_set_a_post_aside(app, client_for):
    body = factories.employer(org_type="state_body", name="阳泉市某局")
    browser = client_for(body.user)
    assert "Set aside by a state body" in browser.get("/employer/jobs/new").get_data(as_text=True)
    assert browser.post("/employer/jobs/new", data={**FORM, "state_reserved": "y"}).status_code == 303
    assert _jobs()[0].state_reserved is True


def test_editing_a_job_keeps_the_form_and_saves_the_change(app, client_for):
    firm = factories.employer()
    job = factories.job(firm, title="旧标题")
    browser = client_for(firm.user)
    page = browser.get(f"/employer/jobs/{job.id}/edit").get_data(as_text=True)
    assert 'value="旧标题"' in page
    assert browser.post(f"/employer/jobs/{job.id}/edit", data={**FORM, "title": "新标题"}).status_code == 303
    db.session.expire_all()
    assert db.session.get(Opportunity, job.id).title == "新标题"


def test_another_employer_s_job_is_not_there(app, client_for):
    job = factories.job(factories.employer(name="甲公司"))
    browser = client_for(factories.employer(name="乙公司").user)
    assert browser.get(f"/employer/jobs/{job.id}/edit").status_code == 404
    assert browser.post(f"/employer/jobs/{job.id}/edit", data=FORM).status_code == 404


def test_an_applicant_cannot_post_jobs(app, client_for):
    person = make_user("applicant", phone="13900001234")
    assert client_for(person).get("/employer/jobs/new").status_code == 403


def test_the_city_takes_a_job_down_with_a_reason_the_employer_reads(app, client_for, admin):
    firm = factories.employer()
    job = factories.job(firm, title="可疑岗位")
    city = client_for(admin)
    assert "可疑岗位" in city.get("/admin/jobs").get_data(as_text=True)
    refused = city.post(f"/admin/jobs/{job.id}/unpublish", data={"reason": " "})
    assert refused.status_code == 422 and "Say why the job is taken down" in refused.get_data(as_text=True)
    done = city.post(f"/admin/jobs/{job.id}/unpublish", data={"reason": "工资低于最低工资标准"})
    assert done.status_code == 303
    db.session.expire_all()
    assert db.session.get(Opportunity, job.id).status == OpportunityStatus.DRAFT
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "job.unpublished")) is not None
    assert "可疑岗位" not in titles(app.test_client().get("/jobs"))
    assert app.test_client().get(f"/jobs/{job.id}").status_code == 404
    page = client_for(firm.user).get("/employer/jobs").get_data(as_text=True)
    assert "Taken down by the city" in page and "工资低于最低工资标准" in page
    firm_verified_again = posting.publish_waiting_jobs(firm)  # a verification does not bring it back
    assert firm_verified_again == 0


def test_jobs_stay_out_of_the_city_s_publishing_list(app, client_for, admin):
    job = factories.job(factories.employer(), title="用人单位岗位")
    city = client_for(admin)
    assert "用人单位岗位" not in city.get("/admin/opportunities").get_data(as_text=True)
    assert city.get(f"/admin/opportunities/{job.id}/edit").status_code == 404
