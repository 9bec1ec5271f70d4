"""Finding jobs: the filters of the 培训 tab, the htmx fragment, one query whatever the number of
jobs, a job's page, and the jobs that fit a person's needs registration."""
import re

import pytest

from tests import factories
from tests.web.finding_helpers import count_queries, titles
from webapp.extensions import db
from webapp.models import NeedsRegistration
from webapp.models.base import utcnow


@pytest.fixture
def config_overrides():
    return {"PAGE_CACHE_SECONDS": 0}


@pytest.fixture
def firm(app):
    return factories.employer(name="阳泉市爱心科技有限公司")


def _draft(job):
    job.status = "draft"
    db.session.commit()
    return job


def _needs(person, **fields) -> NeedsRegistration:
    values = {"work_patterns": ["full_time"], "districts": ["chengqu"], "pay_min": 3000,
              "accommodations": ["step_free", "flexible_hours"], **fields}
    row = NeedsRegistration(user_id=person.id, status="submitted", version=1, submitted_at=utcnow(),
                            submitted_by_id=person.id, employment_status="unemployed", **values)
    db.session.add(row)
    db.session.commit()
    return row


@pytest.mark.parametrize("query, shown", [
    ("", {"全职客服", "兼职按摩", "毕业生岗位"}),
    ("job_kind=part_time", {"兼职按摩"}),
    ("district=yuxian", {"兼职按摩"}),
    ("pay=3000", {"全职客服"}),
    ("accessibility=screen_reader_tools", {"全职客服"}),
    ("graduates=y", {"毕业生岗位"}),
    ("q=按摩", {"兼职按摩"}),
    ("pay=abc", {"全职客服", "兼职按摩", "毕业生岗位"}),  # an unknown value is ignored
])
def test_filters(app, client, firm, query, shown):
    factories.job(firm, title="全职客服", job_kind="full_time", pay_min=3000, pay_max=3500,
                  accessibility=["screen_reader_tools"])
    factories.job(firm, title="兼职按摩", job_kind="part_time", district="yuxian", pay_min=1500, pay_max=2000)
    factories.job(firm, title="毕业生岗位", for_graduates=True, pay_min=2000, pay_max=2500)
    _draft(factories.job(firm, title="草稿岗位"))
    assert set(titles(client.get(f"/jobs?{query}"))) == shown


def test_htmx_gets_the_results_fragment_only(app, client, firm):
    for n in range(10):
        factories.job(firm, title=f"岗位{n}", accessibility=["step_free", "accessible_toilet"])
    response = client.get("/jobs?district=chengqu", headers={"HX-Request": "true"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "HX-Request" in response.headers["Vary"]
    assert "<html" not in html and 'id="results-heading"' in html and "10 jobs found" in html
    assert len(response.get_data()) <= 6 * 1024
    full = client.get("/jobs?district=chengqu").get_data(as_text=True)
    assert "<html" in full and 'data-hx-get="/jobs"' in full


def test_no_query_per_row(app, client, firm):
    def grow(count):
        for n in range(count):
            factories.job(factories.employer(name=f"公司{n}"), title=f"岗位{n}")

    grow(3)
    client.get("/jobs")
    before = count_queries(app, lambda: client.get("/jobs"))
    grow(6)
    assert len(titles(client.get("/jobs"))) == 9
    assert count_queries(app, lambda: client.get("/jobs")) == before


def test_a_job_s_page_says_everything_in_words(app, client, firm):
    job = factories.job(firm, title="网络客服", job_kind="home_based", pay_min=2500, pay_max=3200,
                        duties="在家回答网上咨询", suits="会打字的人", accommodations=["flexible_hours"],
                        accessibility=["screen_reader_tools"], capacity=3, for_graduates=True)
    page = client.get(f"/jobs/{job.id}").get_data(as_text=True)
    for words in ("网络客服", "Working from home", "2500 to 3200 yuan a month", "在家回答网上咨询", "会打字的人",
                  "Flexible working hours", "Computers with screen readers", "3 of 3 openings left",
                  "阳泉市爱心科技有限公司 (Private enterprise)", "Reserved for disabled people who graduated"):
        assert words in page, words
    assert "Sign in to apply" in page


def test_a_signed_in_applicant_sees_the_apply_button(app, client, firm, login_as):
    job = factories.job(firm)
    login_as("applicant")
    assert f'href="/apply/{job.id}"' in client.get(f"/jobs/{job.id}").get_data(as_text=True)


def test_drafts_and_other_kinds_are_not_job_pages(app, client, firm, admin):
    draft = _draft(factories.job(firm))
    course = factories.opportunity("course", creator=admin)
    assert client.get(f"/jobs/{draft.id}").status_code == 404
    assert client.get(f"/jobs/{course.id}").status_code == 404


def _reasons(html: str) -> list[str]:
    return re.findall(r"<li>([^<]+)</li>", html)


def test_jobs_that_fit_come_first_with_their_reasons(app, client, firm, login_as):
    person = login_as("applicant")
    _needs(person)
    factories.job(firm, title="兼职远处", job_kind="part_time", district="yuxian", pay_min=1500, pay_max=2000,
                  deadline_days=2)
    factories.job(firm, title="全职近处", job_kind="full_time", district="chengqu", pay_min=3000, pay_max=3600,
                  accommodations=["step_free", "flexible_hours"], deadline_days=9)
    factories.job(firm, title="全职远处", job_kind="full_time", district="yuxian", pay_min=3000, pay_max=3600,
                  deadline_days=5)
    response = client.get("/jobs/fit")
    html = response.get_data(as_text=True)
    assert titles(response) == ["全职近处", "全职远处", "兼职远处"]
    reasons = _reasons(html)
    assert "It is Full-time, as you asked." in reasons
    assert "It offers support you need: Step-free access, Flexible working hours." in reasons
    assert "It offers Part-time; you asked for Full-time." in reasons
    assert "It pays up to 2000 yuan a month; you asked for 3000." in reasons


def test_fit_takes_the_same_queries_whatever_the_number_of_jobs(app, client, firm, login_as):
    _needs(login_as("applicant"))
    for n in range(3):
        factories.job(factories.employer(name=f"公司{n}"), title=f"岗位{n}")
    client.get("/jobs/fit")
    before = count_queries(app, lambda: client.get("/jobs/fit"))
    for n in range(6):
        factories.job(factories.employer(name=f"新公司{n}"), title=f"新岗位{n}")
    assert len(titles(client.get("/jobs/fit"))) == 9
    assert count_queries(app, lambda: client.get("/jobs/fit")) == before


def test_no_needs_registration_says_so(app, client, firm, login_as):
    login_as("applicant")
    factories.job(firm)
    page = client.get("/jobs/fit").get_data(as_text=True)
    assert "You have not registered your employment needs yet" in page and 'href="/me/needs"' in page


def test_fit_asks_to_sign_in(app, client):
    response = client.get("/jobs/fit")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_a_helper_sees_the_jobs_that_fit_the_person_they_act_for(app, client_for, firm):
    from tests.conftest import make_user
    from tests.web.family_helpers import link_helper

    person = factories.applicant(phone="13900002222", name="王阿姨")
    _needs(person, work_patterns=["part_time"], districts=[], pay_min=None, accommodations=[])
    helper = make_user("helper", phone="13800002222", name="女儿")
    link_helper(person, helper)
    factories.job(firm, title="兼职岗位", job_kind="part_time")
    factories.job(firm, title="全职岗位", job_kind="full_time")
    browser = client_for(helper)
    assert browser.post(f"/me/acting/{person.id}").status_code == 303
    response = browser.get("/jobs/fit")
    assert titles(response) == ["兼职岗位", "全职岗位"]
    assert "It offers Full-time; you asked for Part-time." in _reasons(response.get_data(as_text=True))


def test_accommodations_are_matched_after_an_edit_of_the_job(app, client, firm, login_as):
    """The bits the ranking reads follow the list of accommodations on every write."""
    _needs(login_as("applicant"), work_patterns=[], districts=[], pay_min=None, accommodations=["sign_interpreter"])
    job = factories.job(firm, title="手语岗位", accommodations=[])
    assert job.accommodation_flags == 0
    assert "It does not list Sign language interpreter; you could ask the employer." in _reasons(
        client.get("/jobs/fit").get_data(as_text=True))
    job.accommodations = ["step_free", "sign_interpreter"]
    db.session.commit()
    assert job.accommodation_flags == 0b10001
    assert "It offers support you need: Sign language interpreter." in _reasons(
        client.get("/jobs/fit").get_data(as_text=True))


def test_a_page_past_the_end_shows_the_last_page(app, client, firm, login_as):
    _needs(login_as("applicant"))
    for n in range(12):
        factories.job(firm, title=f"岗位{n:02d}", deadline_days=n + 1)
    assert titles(client.get("/jobs/fit?page=9")) == ["岗位10", "岗位11"]
