"""The service's own day is Beijing's, whatever the server's clock zone: with the one clock frozen at
23:30 and at 00:30 Beijing time (15:30 and 16:30 UTC, when a UTC server's date is still the day
before), deadlines, "open today", the Apply button, default and latest dates, ages and reference
years all follow Beijing."""
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from tests import factories
from webapp.extensions import db
from webapp.models import Application, Assessment, Opportunity
from webapp.services.applications import drafts
from webapp.services.common import dates
from webapp.services.common.acting import Acting
from webapp.services.identity.numbers import check_resident_id

DAY = timedelta(days=1)
LATE, EARLY = "2026-12-01 23:30", "2026-12-02 00:30"  # Beijing; 15:30 and 16:30 UTC on 1 December
TODAY_AT = {LATE: date(2026, 12, 1), EARLY: date(2026, 12, 2)}


def _course(deadline: date, **fields) -> Opportunity:
    item = factories.opportunity("course", title="计算机与办公软件", **fields)
    item.deadline = deadline
    db.session.commit()
    return item


@pytest.mark.parametrize("moment", [LATE, EARLY])
def test_today_is_the_day_in_beijing(app, freeze_clock, moment):
    freeze_clock(moment)
    assert dates.today() == TODAY_AT[moment]
    assert dates.current_year() == 2026


@pytest.mark.parametrize("moment", [LATE, EARLY])
def test_a_course_closing_today_takes_applications_to_the_last_minute(app, client, freeze_clock, moment):
    freeze_clock(moment)
    item = _course(TODAY_AT[moment])
    page = client.get(f"/training/{item.id}?lang=en").get_data(as_text=True)
    assert f'href="/apply/{item.id}"' in page
    assert "The deadline has passed" not in page
    listed = client.get("/training?open=y&lang=en").get_data(as_text=True)
    assert "计算机与办公软件" in listed


def test_at_half_past_midnight_yesterdays_deadline_has_passed(app, client, client_for, freeze_clock):
    freeze_clock(EARLY)  # a UTC server's date is still 1 December
    item = _course(date(2026, 12, 1))
    page = client.get(f"/training/{item.id}?lang=en").get_data(as_text=True)
    assert f'href="/apply/{item.id}"' not in page
    assert "The deadline has passed: the last day to apply was" in page
    assert "计算机与办公软件" not in client.get("/training?open=y&lang=en").get_data(as_text=True)
    person = factories.applicant()
    assert [str(problem.message) for problem in drafts.problems(person, item)] == [
        "已过截止日期，或该项目已停止申请。"]
    response = client_for(person).post(f"/apply/{item.id}?lang=en", follow_redirects=True)
    assert "The deadline has passed or the item is closed." in response.get_data(as_text=True)
    assert db.session.scalar(select(Application.id)) is None


def test_a_course_opening_today_opens_at_midnight_beijing(app, client, freeze_clock):
    freeze_clock(EARLY)
    item = _course(date(2026, 12, 20), opens_on=date(2026, 12, 2))
    page = client.get(f"/training/{item.id}?lang=en").get_data(as_text=True)
    assert f'href="/apply/{item.id}"' in page and "You can apply from" not in page


def test_the_assessment_form_defaults_to_beijings_day_and_takes_it(app, worker, client_for, freeze_clock):
    freeze_clock(EARLY)
    person = factories.applicant()
    client = client_for(worker)
    url = f"/casework/people/{person.id}/assessment"
    assert 'value="2026-12-02"' in client.get(url).get_data(as_text=True)
    response = client.post(url, data={"assess-assessed_on": "2026-12-02", "assess-method": "practical",
                                      "assess-work_capacity": "partial", "assess-directions": "网店客服"})
    assert response.status_code == 303, response.get_data(as_text=True)
    assert db.session.scalar(select(Assessment.assessed_on)) == date(2026, 12, 2)


def test_someone_born_today_in_beijing_is_not_born_in_the_future(app, freeze_clock):
    freeze_clock(EARLY)
    number = "14030220261202001"
    digits = [int(d) for d in number]
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    number += "10X98765432"[sum(d * w for d, w in zip(digits, weights)) % 11]
    assert check_resident_id(number).birth_date == date(2026, 12, 2)


def test_a_reference_made_at_half_past_midnight_on_new_years_day_has_the_new_year(app, freeze_clock):
    freeze_clock("2027-01-01 00:30")
    person = factories.applicant()
    item = factories.opportunity("course")
    application = drafts.start(Acting(person, person), item)
    assert application.reference.startswith("YQ-2027-")
