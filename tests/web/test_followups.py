"""回访: a hire for a job books three visits (1, 3, 6 months, in the service's calendar); the
district's list says which are overdue, in words and counted; a visit is recorded with an audit
row; employment found outside the service is recorded too."""
from datetime import date

import pytest
from sqlalchemy import func, select

from tests import factories
from tests.conftest import make_user
from webapp.extensions import db
from webapp.models import AuditEvent, EmploymentRecord, FollowUp
from webapp.services.applications import machine
from webapp.services.applications.rules import TransitionError
from webapp.services.casework.followups import add_months
from webapp.services.common.acting import Acting

INTERVIEW = {"day": "2026-12-10", "time": "09:30", "place": "公司一楼会议室"}


def hired(person, boss=None):
    boss = boss or factories.employer()
    application = factories.submitted(person, factories.job(boss, title="数据录入员"))
    machine.invite(boss.user, application, **INTERVIEW)
    machine.offer(boss.user, application)
    return machine.accept(Acting(person, person), application)


@pytest.mark.parametrize("day, months, due", [
    (date(2026, 1, 31), 1, date(2026, 2, 28)), (date(2028, 1, 31), 1, date(2028, 2, 29)),
    (date(2026, 8, 15), 6, date(2027, 2, 15)), (date(2026, 11, 30), 3, date(2027, 2, 28)),
])
def test_months_are_added_in_the_calendar(day, months, due):
    assert add_months(day, months) == due


def test_a_hire_books_three_visits_on_the_service_day(app, freeze_clock):
    freeze_clock("2026-12-01 07:30")  # 1 December in Beijing, still 30 November in UTC
    application = hired(factories.applicant())
    visits = db.session.execute(select(FollowUp.month, FollowUp.due_on).where(
        FollowUp.application_id == application.id).order_by(FollowUp.month)).all()
    assert visits == [(1, date(2027, 1, 1)), (3, date(2027, 3, 1)), (6, date(2027, 6, 1))]


def test_a_hire_refused_for_want_of_openings_books_no_visits(app):
    boss = factories.employer()
    person = factories.applicant()
    application = factories.submitted(person, factories.job(boss, capacity=0))
    machine.invite(boss.user, application, **INTERVIEW)
    machine.offer(boss.user, application)
    with pytest.raises(TransitionError):
        machine.accept(Acting(person, person), application)
    assert db.session.scalar(select(func.count()).select_from(FollowUp)) == 0


def test_the_district_list_counts_the_overdue_and_says_so(app, client_for, freeze_clock):
    freeze_clock("2026-10-01 10:00")
    hired(factories.applicant(name="城区人", district="chengqu"))
    hired(factories.applicant(name="矿区人", district="kuangqu"))
    freeze_clock("2026-11-05 10:00")  # the 1-month visits were due on 1 November
    caseworker = make_user("caseworker", phone="13700000001", district="chengqu")
    page = client_for(caseworker).get("/casework/followups").get_data(as_text=True)
    assert "城区人" in page and "矿区人" not in page
    assert "3 visits to make" in page and "1 overdue" in page and page.count("OVERDUE") == 1


def test_recording_a_visit_takes_it_off_the_list_with_an_audit_row(app, client_for, freeze_clock):
    freeze_clock("2026-10-01 10:00")
    application = hired(factories.applicant(district="chengqu"))
    first = db.session.scalar(select(FollowUp).where(FollowUp.month == 1))
    freeze_clock("2026-11-03 10:00")
    browser = client_for(make_user("caseworker", phone="13700000001", district="chengqu"))
    refused = browser.post("/casework/followups/visit", data={"follow_up": first.id, f"v{first.id}-done_on": "2027-01-01"})
    assert refused.status_code == 422 and "in the future" in refused.get_data(as_text=True)
    done = browser.post("/casework/followups/visit", data={"follow_up": first.id, f"v{first.id}-done_on": "2026-11-02",
                                                            f"v{first.id}-notes": "工作顺利"})
    assert done.status_code == 303
    db.session.expire_all()
    visit = db.session.get(FollowUp, first.id)
    assert (visit.done_on, visit.notes) == (date(2026, 11, 2), "工作顺利")
    assert db.session.scalar(select(func.count()).select_from(AuditEvent).where(
        AuditEvent.action == "followup.visit_recorded", AuditEvent.subject_id == application.applicant_id)) == 1
    assert "2 visits to make" in browser.get("/casework/followups").get_data(as_text=True)
    # done, or another district's: not there
    assert browser.post("/casework/followups/visit", data={"follow_up": first.id}).status_code == 404
    outsider = client_for(make_user("caseworker", phone="13700000002", district="kuangqu"))
    second = db.session.scalar(select(FollowUp).where(FollowUp.month == 3))
    assert outsider.post("/casework/followups/visit", data={"follow_up": second.id}).status_code == 404


@pytest.mark.parametrize("form, message", [
    ({"employer_name": "", "since": "2026-10-01"}, "Enter the employer"),
    ({"employer_name": "某超市", "since": "十月"}, "for example 2026-12-10"),
])
def test_employment_found_outside_is_recorded_or_refused_in_words(app, client_for, form, message):
    person = factories.applicant(district="chengqu")
    browser = client_for(make_user("caseworker", phone="13700000001", district="chengqu"))
    refused = browser.post(f"/casework/people/{person.id}/employment", data=form)
    assert refused.status_code == 422 and message in refused.get_data(as_text=True)
    assert browser.post(f"/casework/people/{person.id}/employment",
                        data={"employer_name": "某超市", "since": "2026-10-01"}).status_code == 303
    record = db.session.scalar(select(EmploymentRecord))
    assert (record.user_id, record.employer_name, record.since) == (person.id, "某超市", date(2026, 10, 1))
