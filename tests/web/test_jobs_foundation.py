"""The jobs tables hold what the jobs pages will write, on SQLite and PostgreSQL, and a job
application already shows wherever applications are listed."""
from datetime import date, datetime

import pytest
from sqlalchemy.exc import IntegrityError

from tests import factories
from tests.conftest import make_user
from webapp.extensions import db
from webapp.models import (
    EmploymentRecord,
    Fair,
    FairEmployer,
    FairJob,
    FairRegistration,
    FollowUp,
    GraduatePlan,
    Interview,
    JobKind,
    PlanAction,
    PlanContact,
    SharedPassport,
)


def test_an_employer_posts_a_job_that_is_applied_for_interviewed_and_followed_up(app):
    employer = factories.employer(staff_count=120, disabled_staff=1)
    job = factories.job(employer, accommodations=["step_free"], accessibility=["screen_reader_tools"],
                        pay_min=2500, pay_max=3500, duties="录入数据", suits="视力正常、会用电脑的人")
    person = factories.applicant()
    application = factories.submitted(person, job)
    db.session.add_all([
        Interview(application_id=application.id, at=datetime(2026, 12, 10, 9, 30), place="公司一楼会议室",
                  arrangements="无障碍入口在东门", interpreter_requested=True, created_by_id=employer.user_id),
        SharedPassport(application_id=application.id, share_accommodations=True),
        FollowUp(application_id=application.id, due_on=date(2027, 1, 10), month=1),
        EmploymentRecord(user_id=person.id, employer_name="某超市", since=date(2026, 11, 1),
                         recorded_by_id=employer.user_id),
    ])
    db.session.commit()
    db.session.expire_all()
    assert job.employer.name == employer.name and job.job_kind is JobKind.FULL_TIME
    assert (job.for_graduates, job.state_reserved) == (False, False)
    assert employer.quota_required == 2 and employer.quota_met is False
    passport = db.session.get(SharedPassport, 1)
    assert passport.shares_anything and not passport.share_category


def test_fairs_and_the_graduates_ledger(app):
    admin = make_user("admin", phone="13900000077")
    employer = factories.employer()
    job = factories.job(employer)
    person = factories.applicant()
    fair = Fair(title="助残招聘会", mode="on_site", venue="阳泉市残联大厅", date=date(2026, 12, 20),
                accessibility=["step_free"], sign_language=True, created_by_id=admin.id)
    db.session.add(fair)
    db.session.flush()
    plan = GraduatePlan(user_id=person.id, district="chengqu", school="阳泉职业技术学院", graduation_year=2027,
                        created_by_id=admin.id)
    db.session.add_all([FairEmployer(fair_id=fair.id, employer_id=employer.id),
                        FairJob(fair_id=fair.id, opportunity_id=job.id),
                        FairRegistration(fair_id=fair.id, user_id=person.id, support=["interpreter"]), plan])
    db.session.flush()
    db.session.add_all([PlanAction(plan_id=plan.id, text="推荐岗位", owner="城区残联", due_on=date(2027, 3, 1)),
                        PlanContact(plan_id=plan.id, by_id=admin.id, notes="电话联系")])
    db.session.commit()
    assert fair.status == "draft" and fair.mode.label
    assert plan.status == "student"

    db.session.add(FairRegistration(fair_id=fair.id, user_id=person.id))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_a_credit_code_names_one_employer(app):
    first = factories.employer()
    with pytest.raises(IntegrityError):
        factories.employer(credit_code=first.credit_code)
    db.session.rollback()


def test_a_job_application_is_listed_with_its_kind(app, client_for):
    person = factories.applicant()
    application = factories.submitted(person, factories.job(title="数据录入员"))
    browser = client_for(person)
    page = browser.get("/me/applications").get_data(as_text=True)
    assert "数据录入员" in page and "Job" in page
    assert browser.get(f"/me/applications/{application.reference}").status_code == 200


def test_a_job_application_shows_in_the_casework_queue(app, client_for, worker):
    application = factories.submitted(factories.applicant(), factories.job(title="数据录入员"))
    browser = client_for(worker)
    assert "数据录入员" in browser.get("/casework").get_data(as_text=True)
    assert browser.get(f"/casework/applications/{application.reference}").status_code == 200
