"""Jobs reserved for graduates are offered to the graduates' ledger first: for the first days after
publication only people with a plan may apply, and they see those jobs first among the jobs that
fit them; everyone else is told from which day they may apply."""
from datetime import datetime, timedelta

import pytest

from tests import factories
from tests.conftest import make_user
from tests.web.finding_helpers import titles
from webapp.extensions import db
from webapp.models import Application, GraduatePlan, NeedsRegistration
from webapp.models.base import utcnow
from webapp.services.applications import drafts
from webapp.services.common.acting import Acting
from webapp.services.common.errors import DomainError
from webapp.services.graduates import reserved


@pytest.fixture
def config_overrides():
    return {"PAGE_CACHE_SECONDS": 0, "GRADUATES_FIRST_DAYS": 7}


@pytest.fixture
def firm(app):
    return factories.employer(name="阳泉市爱心科技有限公司")


def _published(job, at: str):
    """Published at this Beijing time (stored as naive UTC)."""
    job.published_at = datetime.fromisoformat(at) - timedelta(hours=8)
    db.session.commit()
    return job


def _plan(person):
    worker = make_user("caseworker", phone="13500000071", district="chengqu")
    db.session.add(GraduatePlan(user_id=person.id, district="chengqu", school="太原理工大学", graduation_year=2026,
                                status="graduate", created_by_id=worker.id))
    db.session.commit()


def _needs(person):
    db.session.add(NeedsRegistration(user_id=person.id, status="submitted", version=1, submitted_at=utcnow(),
                                     submitted_by_id=person.id, employment_status="unemployed",
                                     work_patterns=["full_time"], districts=["chengqu"], pay_min=None,
                                     accommodations=[]))
    db.session.commit()


def test_the_first_days_are_counted_from_the_service_day_of_publication(firm):
    job = _published(factories.job(firm, for_graduates=True), "2026-12-01 00:30")  # 16:30 UTC the day before
    assert reserved.open_to_all_on(job).isoformat() == "2026-12-08"
    ordinary = _published(factories.job(firm), "2026-12-01 00:30")
    assert reserved.open_to_all_on(ordinary) is None


def test_someone_without_a_plan_waits_and_is_told_until_when(client_for, firm, freeze_clock):
    freeze_clock("2026-12-03 10:00")
    job = _published(factories.job(firm, title="应届生专岗", for_graduates=True), "2026-12-01 09:00")
    person = factories.applicant(name="王芳")
    client = client_for(person)
    page = client.get(f"/apply/{job.id}").get_data(as_text=True)
    assert "This job is offered first to disabled students and recent graduates" in page
    assert "Anyone may apply from 2026-12-08" in page
    response = client.post(f"/apply/{job.id}")
    assert response.status_code == 303
    assert db.session.query(Application).filter_by(applicant_id=person.id).count() == 0
    with pytest.raises(DomainError):
        drafts.start(Acting(person, person), job)
    freeze_clock("2026-12-08 00:10")  # the service day it opens to all, though still 7 December in UTC
    assert drafts.problems(person, job) == []


def test_someone_in_the_ledger_applies_at_once(firm, freeze_clock):
    freeze_clock("2026-12-03 10:00")
    job = _published(factories.job(firm, for_graduates=True), "2026-12-01 09:00")
    person = factories.applicant(name="李明")
    _plan(person)
    application = factories.submitted(person, job)
    assert application.status == "submitted"


def test_the_ledger_s_people_see_reserved_jobs_first_and_others_see_when_they_may_apply(
        client_for, firm, freeze_clock):
    freeze_clock("2026-12-03 10:00")
    factories.job(firm, title="全职客服", deadline_days=2)
    _published(factories.job(firm, title="应届生专岗", for_graduates=True, job_kind="part_time", deadline_days=9),
               "2026-12-01 09:00")
    graduate, other = factories.applicant(name="李明"), factories.applicant(name="王芳")
    _plan(graduate)
    for person in (graduate, other):
        _needs(person)
    response = client_for(graduate).get("/jobs/fit")
    assert titles(response) == ["应届生专岗", "全职客服"]
    assert "It is reserved for disabled graduates, and you are offered it first." in response.get_data(as_text=True)
    response = client_for(other).get("/jobs/fit")
    assert titles(response) == ["全职客服", "应届生专岗"]
    assert "anyone may apply from 2026-12-08." in response.get_data(as_text=True)
