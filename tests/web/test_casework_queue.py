"""The casework queue: order, filters, search, counts, pages, query cost, demo casework."""
import re
from datetime import timedelta

import pytest
from sqlalchemy import event, func, select, update

from tests import factories
from tests.conftest import PASSWORD, make_user
from tests.web.casework_helpers import actions, references, text
from webapp.demo import casework as demo_casework
from webapp.extensions import db
from webapp.models import Application, DecisionTemplate, Profile
from webapp.models.base import utcnow
from webapp.services.applications import drafts
from webapp.services.casework import assessments, decisions, queue
from webapp.services.common.acting import Acting
from webapp.services.identity import consent, profiles

# The queue ---------------------------------------------------------------------------------------

@pytest.fixture
def queue_items(app, worker):
    """Five 城区 applications in different states, one 郊区 one, one draft."""
    post, stall, course = (factories.opportunity("post", title="社区保洁员"), factories.opportunity("stall", title="桃北市场"),
                           factories.opportunity("course", title="电商直播"))
    sent = factories.submitted(factories.applicant(name="王秀英"), post)
    old = factories.submitted(factories.applicant(name="刘建国"), stall)
    db.session.execute(update(Application).where(Application.id == old.id)
                       .values(submitted_at=utcnow() - timedelta(days=20)))
    db.session.commit()
    mine = decisions.claim(worker, factories.submitted(factories.applicant(name="陈静"), course))
    colleague = make_user("caseworker", phone="13711110002", name="王磊", district="chengqu")
    theirs = decisions.claim(colleague, factories.submitted(factories.applicant(name="赵磊"), post))
    asked = decisions.claim(worker, factories.submitted(factories.applicant(name="孙丽"), stall))
    decisions.ask(worker, asked, "请补充")
    elsewhere = factories.submitted(factories.applicant(district="jiaoqu", name="郊区人"), post)
    person = factories.applicant(name="草稿人")
    draft = drafts.start(Acting(person, person), course)
    return {"sent": sent, "old": old, "mine": mine, "theirs": theirs, "asked": asked, "elsewhere": elsewhere,
            "draft": draft, "post": post}


def test_the_queue_lists_the_district_oldest_first_without_drafts(app, worker, queue_items, client_for):
    refs = references(client_for(worker).get("/casework"))
    q = queue_items
    assert refs == [q[k].reference for k in ("old", "sent", "mine", "theirs", "asked")]


@pytest.mark.parametrize("args, expected", [
    ("kind=stall", ["old", "asked"]),
    ("status=under_review", ["mine", "theirs"]),
    ("waiting=10", ["old"]),
    ("mine=y", ["mine", "asked"]),
    ("unassigned=y", ["old", "sent"]),
    ("q=王秀英", ["sent"]),
    ("q=秀英", ["sent"]),
    ("status=submitted&kind=post", ["sent"]),
    ("kind=nonsense", ["old", "sent", "mine", "theirs", "asked"]),
])
def test_queue_filters_and_search(app, worker, queue_items, args, expected, client_for):
    response = client_for(worker).get(f"/casework?{args}")
    assert response.status_code == 200
    assert references(response) == [queue_items[k].reference for k in expected]


def test_queue_search_by_reference_and_by_opportunity(app, worker, queue_items, client_for):
    client = client_for(worker)
    assert references(client.get(f"/casework?q={queue_items['mine'].reference}")) == [queue_items["mine"].reference]
    page = text(client.get("/casework"))
    assert "社区保洁员" in page.split('name="opportunity"')[1].split("</select>")[0]
    refs = references(client.get(f"/casework?opportunity={queue_items['post'].id}"))
    assert refs == [queue_items[k].reference for k in ("sent", "theirs")]


def test_a_mistyped_waiting_time_is_pointed_out(app, worker, queue_items, client_for):
    response = client_for(worker).get("/casework?waiting=abc")
    assert response.status_code == 200
    assert "Enter a whole number of days" in text(response) and "<title>Error:" in text(response)
    assert len(references(response)) == 5


def test_counts_per_status(app, worker, queue_items, client_for):
    found = queue.queue(worker, queue.QueueFilters())
    assert found.counts == {"submitted": 2, "under_review": 2, "needs_info": 1}
    assert found.page.total == 5
    page = text(client_for(worker).get("/casework?kind=post"))
    assert re.search(r"Submitted, waiting for a caseworker</span></span><span class=\"cell__value\">1<", page)
    assert re.search(r"Being checked by a caseworker</span></span><span class=\"cell__value\">1<", page)
    assert "More information needed</span></span>" not in page  # no post is waiting for information


def test_queue_markers_for_withdrawn_consent_and_hard_to_employ(app, worker, queue_items, client_for):
    person = queue_items["sent"].applicant
    consent.withdraw(Acting(person, person))
    assessments.record_assessment(worker, profiles.profile_of(queue_items["old"].applicant), assessed_on="2026-01-05",
                                   method="interview", work_capacity="partial", hard_to_employ=True)
    page = text(client_for(worker).get("/casework"))
    rows = {ref: row for row in page.split('<li class="cell">') for ref in re.findall(r"YQ-\d{4}-\d{6}", row)}
    assert "Consent withdrawn" in rows[queue_items["sent"].reference]
    assert "就业困难" in rows[queue_items["old"].reference]
    assert "Consent withdrawn" not in rows[queue_items["mine"].reference]


def test_the_queue_is_paginated_by_20(app, worker, client_for):
    item = factories.opportunity("post")
    made = [factories.submitted(factories.applicant(), item) for _ in range(21)]
    client = client_for(worker)
    first = client.get("/casework")
    assert len(references(first)) == 20 and "Page 1 of 2" in text(first)
    second = client.get("/casework?page=2")
    assert references(second) == [made[-1].reference]  # oldest first: the newest is last
    assert "page 2 of 2" in text(second)


def _statements(client, url: str) -> int:
    seen = []

    def count(*_args):
        seen.append(1)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    return len(seen)


def test_the_queue_costs_the_same_number_of_queries_for_2_or_12_rows(app, worker, client_for):
    item = factories.opportunity("post")
    colleague = make_user("caseworker", phone="13711110002", name="王磊", district="chengqu")
    for _ in range(2):
        factories.submitted(factories.applicant(), item)
    client = client_for(worker)
    client.get("/casework")  # warm up: first-request work is not the queue's
    few = _statements(client, "/casework")
    for i in range(10):
        application = factories.submitted(factories.applicant(), factories.opportunity("stall"))
        if i % 2:
            decisions.claim(colleague, application)
    assert len(references(client.get("/casework"))) == 12  # the counts are counted again here...
    many = _statements(client, "/casework")  # ... and kept, as they were when `few` was measured
    assert many == few


def _shown_counts(client, url: str) -> dict[str, int]:
    html = text(client.get(url)).split('id="counts-title"', 1)[1].split("</ul>", 1)[0]
    return {label: int(n) for label, n in re.findall(
        r'cell__label">([^<]+)</span></span><span class="cell__value">(\d+)<', html)}


def test_the_counts_are_kept_until_an_application_changes(app, worker, queue_items, client_for):
    client = client_for(worker)
    cold = _statements(client, "/casework?kind=post")
    assert _statements(client, "/casework?kind=post") == cold - 2  # the counts and the items were kept
    before = _shown_counts(client, "/casework?kind=post")
    assert before == {"All statuses": 2, "Submitted, waiting for a caseworker": 1, "Being checked by a caseworker": 1}
    decisions.claim(worker, queue_items["sent"])  # committed: the kept counts are out of date at once
    assert _shown_counts(client, "/casework?kind=post") == {"All statuses": 2, "Being checked by a caseworker": 2}
    assert references(client.get("/casework?kind=post&status=submitted")) == []
    queue_items["post"].title = "社区绿化员"  # an item renamed: the filter lists its new title
    db.session.commit()
    assert "社区绿化员" in text(client.get("/casework")).split('name="opportunity"')[1].split("</select>")[0]


def test_me_links_caseworkers_to_the_queue(app, worker, client_for):
    assert 'href="/casework"' in text(client_for(worker).get("/me"))


# Demo data ---------------------------------------------------------------------------------------

def test_demo_casework_is_idempotent(app):
    admin = make_user("admin", phone="13800000003")
    caseworker = make_user("caseworker", phone="13800000002", name="李芳", district="chengqu")
    factories.opportunity("course", title="计算机与办公软件", creator=admin)
    factories.opportunity("post", title="图书馆图书整理员", creator=admin)
    applicant = factories.applicant(phone="13800000001")
    demo_casework.load(caseworker, applicant, PASSWORD)
    demo_casework.load(caseworker, applicant, PASSWORD)
    assert db.session.scalar(select(func.count()).select_from(DecisionTemplate)) == 6
    assert profiles.profile_of(applicant).identity_status == "verified"
    found = queue.queue(caseworker, queue.QueueFilters())
    assert found.page.total == 2
    verified_people = db.session.scalar(select(func.count()).select_from(Profile).where(
        Profile.identity_status == "verified"))
    assert verified_people == 2  # the demo applicant and one of the two new people
    assert "identity.verified" in actions() and "assessment.recorded" in actions()


def test_a_scope_with_too_many_items_to_list_finds_them_by_title(app, worker, queue_items, client_for, monkeypatch):
    monkeypatch.setattr(queue, "MAX_ITEM_CHOICES", 2)
    client = client_for(worker)
    page = text(client.get("/casework"))
    assert 'name="opportunity"' not in page  # three items in scope: no list of them
    assert references(client.get("/casework?q=社区保洁")) == [queue_items[k].reference for k in ("sent", "theirs")]
    # A link to one item's applications still filters, and keeps the item when filtering further.
    response = client.get(f"/casework?opportunity={queue_items['post'].id}&status=submitted")
    assert references(response) == [queue_items["sent"].reference]
    assert f'name="opportunity" value="{queue_items["post"].id}"' in text(response)
    assert len(references(client.get("/casework?opportunity=%EF%BC%91"))) == 5  # not a number: ignored


def test_too_many_items_to_list_is_kept_like_a_list(app, worker, queue_items, client_for, monkeypatch):
    monkeypatch.setattr(queue, "MAX_ITEM_CHOICES", 2)
    client = client_for(worker)
    cold = _statements(client, "/casework")
    assert _statements(client, "/casework") == cold - 2
