"""需求反馈与好差评: a question, need or complaint reaches the district's caseworkers with a reply
due in working days; the overdue are counted and said in words; the reply reaches the person's
notices; the person rates a reply or a decision once, and a poor rating books a call-back whose
call is recorded; the administrator sees the figures per district. Other people's feedback and
other districts' answer 404; bad text answers 422 in words."""
import re
from datetime import date

import pytest
from sqlalchemy import func, select

from tests import factories
from tests.conftest import make_user
from tests.web.finding_helpers import count_queries
from tests.web.matrix_people import helper_for
from webapp.extensions import db
from webapp.models import AuditEvent, CallBack, Feedback, Notice, Rating
from webapp.services.common import dates
from webapp.services.common.acting import Acting
from webapp.services.feedback import ratings, replies, sending

WEDNESDAY = "2026-12-02 10:00"  # replies due five working days later: Wednesday 9 December


def count(model, *where) -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def audits(action: str) -> int:
    return count(AuditEvent, AuditEvent.action == action)


def send(person, kind="question", body="培训什么时候开始？", **fields):
    return sending.send(Acting(person, person), kind, body, **fields)


def caseworker(district="chengqu", phone="13700000001"):
    return make_user("caseworker", phone=phone, name=f"{district}员", district=district)


@pytest.mark.parametrize("start, days, due", [
    (date(2026, 12, 2), 5, date(2026, 12, 9)),    # Wednesday to Wednesday
    (date(2026, 12, 4), 5, date(2026, 12, 11)),   # Friday: the weekend does not count
    (date(2026, 12, 5), 5, date(2026, 12, 11)),   # Saturday: Monday is the first working day
    (date(2026, 12, 6), 1, date(2026, 12, 7)),    # Sunday
    (date(2026, 12, 2), 0, date(2026, 12, 2)),
])
def test_working_days_skip_saturdays_and_sundays(start, days, due):
    assert dates.add_working_days(start, days) == due


def test_working_days_between_count_only_working_days():
    assert dates.working_days_between(date(2026, 12, 4), date(2026, 12, 7)) == 1  # Friday to Monday
    assert dates.working_days_between(date(2026, 12, 2), date(2026, 12, 2)) == 0


@pytest.mark.parametrize("kind, label", [("question", "Question"), ("need", "Need for support"),
                                         ("complaint", "Complaint")])
def test_each_kind_is_sent_with_its_reply_due_in_working_days(app, client_for, freeze_clock, kind, label):
    freeze_clock(WEDNESDAY)
    person = factories.applicant(name="求助人")
    browser = client_for(person)
    form = browser.get("/feedback?came_from=/jobs").get_data(as_text=True)
    assert 'name="came_from"' in form and 'value="/jobs"' in form
    sent = browser.post("/feedback", data={"kind": kind, "body": "我想问问培训的事。", "came_from": "/jobs"})
    assert sent.status_code == 303
    feedback = db.session.scalar(select(Feedback))
    assert (feedback.kind, feedback.user_id, feedback.came_from) == (kind, person.id, "/jobs")
    assert (feedback.received_on, feedback.due_on) == (date(2026, 12, 2), date(2026, 12, 9))
    assert audits("feedback.sent") == 1
    page = browser.get(sent.location).get_data(as_text=True)
    assert label in page and "我想问问培训的事。" in page and "Waiting for a reply" in page
    assert "9 Dec 2026" in page or "Dec 9, 2026" in page
    assert label in browser.get("/me/feedback").get_data(as_text=True)


def test_the_due_day_follows_the_configured_working_days(app, freeze_clock):
    app.config["FEEDBACK_REPLY_WORKING_DAYS"] = 2
    freeze_clock("2026-12-04 09:00")  # a Friday
    assert send(factories.applicant()).due_on == date(2026, 12, 8)


def test_feedback_may_be_about_the_persons_own_application_only(app, client_for):
    person, other = factories.applicant(name="本人"), factories.applicant(name="别人")
    item = factories.opportunity("post")
    mine, theirs = factories.submitted(person, item), factories.submitted(other, item)
    browser = client_for(person)
    form = browser.get("/feedback").get_data(as_text=True)
    assert mine.reference in form and theirs.reference not in form
    refused = browser.post("/feedback", data={"kind": "complaint", "body": "没人联系我", "application": theirs.reference})
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    assert "Choose one of the applications in the list" in page and "没人联系我" in page
    assert count(Feedback) == 0
    assert browser.post("/feedback", data={"kind": "complaint", "body": "没人联系我",
                                           "application": mine.reference}).status_code == 303
    assert db.session.scalar(select(Feedback.application_id)) == mine.id


def test_a_helper_sends_for_the_person_they_act_for(app, client_for):
    person = factories.applicant(name="本人")
    helper = helper_for(person, "女儿")
    assert client_for(helper).post("/feedback", data={"kind": "need", "body": "需要上门服务"}).status_code == 303
    feedback = db.session.scalar(select(Feedback))
    assert (feedback.user_id, feedback.created_by_id, feedback.on_behalf) == (person.id, helper.id, True)


def test_a_visitor_is_asked_to_sign_in_or_call_12385(app, client):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    page = client.get("/feedback?came_from=/training").get_data(as_text=True)
    assert "Sign in to write to us" in page and "12385" in page and "next=" in page
    assert 'href="/training"' in page  # back to where they were
    assert client.post("/feedback", data={"kind": "question", "body": "x"}).status_code == 200
    assert count(Feedback) == 0
    footer = client.get("/").get_data(as_text=True)
    assert '<a href="/feedback">Questions, needs and complaints</a>' in footer


def test_the_form_remembers_the_page_it_was_opened_from(app, client_for):
    browser = client_for(factories.applicant())
    form = browser.get("/feedback", headers={"Referer": "http://localhost/training/3?page=2"}).get_data(as_text=True)
    assert 'value="/training/3?page=2"' in form
    elsewhere = browser.get("/feedback", headers={"Referer": "http://evil.example/x"}).get_data(as_text=True)
    assert "evil" not in elsewhere
    browser.post("/feedback", data={"kind": "question", "body": "这门课还有名额吗？", "came_from": "/training/3?page=2"})
    assert db.session.scalar(select(Feedback.came_from)) == "/training/3?page=2"
    browser.post("/feedback", data={"kind": "question", "body": "再问", "came_from": "//evil.example/"})
    assert db.session.scalar(select(Feedback.came_from).order_by(Feedback.id.desc())) is None


def test_staff_are_told_the_form_is_not_theirs(app, client_for):
    assert client_for(caseworker()).get("/feedback").status_code == 403


@pytest.mark.parametrize("form, message", [
    ({"kind": "question", "body": ""}, "Write what you want to ask or tell us"),
    ({"kind": "question", "body": " \u200b\u202e "}, "Write what you want to ask or tell us"),
    ({"kind": "question", "body": "长" * 2001}, "Write at most 2000 characters. You wrote 2001."),
    ({"kind": "gossip", "body": "你好"}, "Choose whether it is a question, a need or a complaint"),
    ({"body": "你好"}, "Choose whether it is a question, a need or a complaint"),
    ({"kind": ["question", "need"], "body": "你好", "application": "YQ-2026-000001"}, "Choose one of the applications"),
])
def test_bad_text_is_refused_in_words_and_nothing_is_stored(app, client_for, form, message):
    response = client_for(factories.applicant()).post("/feedback", data=form)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert message in page and 'class="error-summary"' in page
    assert count(Feedback) == 0


def test_hostile_text_is_stored_plain_and_shown_escaped(app, client_for):
    person = factories.applicant(name="本人")
    client_for(person).post("/feedback", data={"kind": "complaint", "body": "<script>alert(1)</script>\u202e\x00好"})
    assert db.session.scalar(select(Feedback.body)) == "<script>alert(1)</script> 好"
    page = client_for(caseworker()).get("/casework/feedback/%d" % db.session.scalar(select(Feedback.id)))
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "<script>alert(1)" not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_the_district_queue_says_when_replies_are_due_and_which_are_overdue(app, client_for, freeze_clock):
    freeze_clock("2026-11-20 10:00")  # a Friday: due Friday 27 November
    send(factories.applicant(name="城区早"), "complaint")
    freeze_clock("2026-12-01 10:00")
    send(factories.applicant(name="城区新"))
    send(factories.applicant(name="矿区人", district="kuangqu"))
    freeze_clock("2026-12-02 10:00")
    page = client_for(caseworker()).get("/casework/feedback").get_data(as_text=True)
    assert "城区早" in page and "城区新" in page and "矿区人" not in page
    assert "2 to answer" in page and "1 overdue" in page and page.count("OVERDUE") == 1
    assert page.index("城区早") < page.index("城区新")  # soonest due first
    city = client_for(make_user("caseworker", phone="13700000009", district=None)).get("/casework/feedback")
    assert "矿区人" in city.get_data(as_text=True)


def test_another_district_is_told_it_is_not_there(app, client_for):
    feedback = send(factories.applicant(district="chengqu"))
    outsider = client_for(caseworker("kuangqu", "13700000002"))
    assert outsider.get(f"/casework/feedback/{feedback.id}").status_code == 404
    assert outsider.post(f"/casework/feedback/{feedback.id}", data={"reply": "答复"}).status_code == 404
    assert count(Feedback, Feedback.replied_at.is_not(None)) == 0


def test_the_reply_reaches_the_persons_notices_and_the_feedback_page(app, client_for, freeze_clock):
    freeze_clock("2026-12-02 10:00")
    person = factories.applicant(name="本人")
    feedback = send(person, "complaint", "没有人联系我")
    worker = caseworker()
    browser = client_for(worker)
    empty = browser.post(f"/casework/feedback/{feedback.id}", data={"reply": "  "})
    assert empty.status_code == 422 and "Write the reply." in empty.get_data(as_text=True)
    freeze_clock("2026-12-07 10:00")  # Monday: three working days later
    done = browser.post(f"/casework/feedback/{feedback.id}", data={"reply": "已转告岗位负责人，明天联系您。"})
    assert done.status_code == 303
    db.session.expire_all()
    stored = db.session.get(Feedback, feedback.id)
    assert (stored.replied_by_id, stored.reply_working_days) == (worker.id, 3)
    assert audits("feedback.replied") == 1
    assert count(Notice, Notice.user_id == person.id, Notice.feedback_id == feedback.id) == 1
    again = browser.post(f"/casework/feedback/{feedback.id}", data={"reply": "再答一次"})
    assert again.status_code == 409 and "already been answered" in again.get_data(as_text=True)
    assert audits("feedback.replied") == 1
    own = client_for(person)
    notices = own.get("/me/notices").get_data(as_text=True)
    assert "Reply: Complaint" in notices
    assert "已转告岗位负责人，明天联系您。" in notices and f"/me/feedback/{feedback.id}" in notices
    page = own.get(f"/me/feedback/{feedback.id}").get_data(as_text=True)
    assert "已转告岗位负责人，明天联系您。" in page and "Answered" in page and "Send the rating" in page
    assert "没有人联系我" not in browser.get("/casework/feedback").get_data(as_text=True)


def test_other_peoples_feedback_is_not_there(app, client_for):
    feedback = send(factories.applicant(name="本人"))
    stranger = client_for(factories.applicant(name="别人"))
    assert stranger.get(f"/me/feedback/{feedback.id}").status_code == 404
    assert stranger.post(f"/me/feedback/{feedback.id}/rate", data={"grade": "good"}).status_code == 404
    assert stranger.get("/me/feedback/999999").status_code == 404


def test_a_reply_is_rated_once_and_a_poor_rating_books_a_call_back(app, client_for):
    person = factories.applicant(name="本人")
    feedback = send(person)
    browser = client_for(person)
    early = browser.post(f"/me/feedback/{feedback.id}/rate", data={"grade": "good"})
    assert early.status_code == 422 and "once you have a reply" in early.get_data(as_text=True)
    worker = caseworker()
    replies.reply(worker, feedback, "下周一开课。")
    bad = browser.post(f"/me/feedback/{feedback.id}/rate", data={"grade": "awful"})
    assert bad.status_code == 422 and "Choose good, fair or poor." in bad.get_data(as_text=True)
    rated = browser.post(f"/me/feedback/{feedback.id}/rate", data={"grade": "poor", "words": "没说在哪里上课"})
    assert rated.status_code == 303
    assert "call you back" in browser.get(rated.location).get_data(as_text=True)
    again = browser.post(f"/me/feedback/{feedback.id}/rate", data={"grade": "good"})
    assert again.status_code == 409 and "already been rated" in again.get_data(as_text=True)
    assert count(Rating) == 1 and audits("rating.given") == 1
    call_back = db.session.scalar(select(CallBack))
    assert call_back.rating.grade == "poor" and call_back.called_at is None

    staff = client_for(worker)
    listed = staff.get("/casework/callbacks").get_data(as_text=True)
    assert "本人" in listed and "1 call-back to make" in listed
    outsider = client_for(caseworker("kuangqu", "13700000002"))
    assert outsider.get(f"/casework/callbacks/{call_back.id}").status_code == 404
    page = staff.get(f"/casework/callbacks/{call_back.id}").get_data(as_text=True)
    assert "没说在哪里上课" in page and person.phone in page
    empty = staff.post(f"/casework/callbacks/{call_back.id}", data={"notes": ""})
    assert empty.status_code == 422 and "Write what the person said" in empty.get_data(as_text=True)
    assert staff.post(f"/casework/callbacks/{call_back.id}", data={"notes": "已道歉，发了上课地址。"}).status_code == 303
    db.session.expire_all()
    call_back = db.session.get(CallBack, call_back.id)
    assert (call_back.called_by_id, call_back.notes) == (worker.id, "已道歉，发了上课地址。")
    assert call_back.called_at is not None and audits("rating.called_back") == 1
    assert "No call-backs to make." in staff.get("/casework/callbacks").get_data(as_text=True)
    assert staff.post(f"/casework/callbacks/{call_back.id}", data={"notes": "再记"}).status_code == 409


def test_a_good_rating_books_no_call_back(app):
    person = factories.applicant()
    feedback = send(person)
    replies.reply(caseworker(), feedback, "好的")
    ratings.rate(Acting(person, person), "good", "", feedback=feedback)
    assert count(CallBack) == 0 and count(Rating) == 1


def test_an_application_is_rated_once_after_its_decision(app, client_for):
    person, other = factories.applicant(name="本人"), factories.applicant(name="别人")
    worker = caseworker()
    decided = factories.approved(person, factories.opportunity("post"), worker)
    waiting = factories.submitted(person, factories.opportunity("post"))
    theirs = factories.approved(other, factories.opportunity("post"), worker)
    browser = client_for(person)
    detail = browser.get(f"/me/applications/{decided.reference}").get_data(as_text=True)
    assert f"/me/applications/{decided.reference}/rate" in detail
    assert f"/me/applications/{waiting.reference}/rate" not in browser.get(
        f"/me/applications/{waiting.reference}").get_data(as_text=True)
    refused = browser.post(f"/me/applications/{waiting.reference}/rate", data={"grade": "good"})
    assert refused.status_code == 422 and "once this application has been decided" in refused.get_data(as_text=True)
    assert browser.get(f"/me/applications/{theirs.reference}/rate").status_code == 404
    assert browser.post(f"/me/applications/{decided.reference}/rate", data={"grade": "fair", "words": "还行"}).status_code == 303
    again = browser.post(f"/me/applications/{decided.reference}/rate", data={"grade": "poor"})
    assert again.status_code == 409 and "already been rated" in again.get_data(as_text=True)
    assert count(Rating) == 1 and count(CallBack) == 0
    assert "还行" in browser.get(f"/me/applications/{decided.reference}/rate").get_data(as_text=True)


def test_decided_is_the_state_machines_one_rule():
    from webapp.models import ApplicationStatus as S
    assert {s for s in S if s.is_decided} == {S.APPROVED, S.REJECTED, S.ENROLLED, S.ALLOCATED, S.NOT_ALLOCATED,
                                              S.HIRED, S.PAID}


def test_the_admin_sees_the_figures_per_district(app, client_for, freeze_clock):
    freeze_clock("2026-11-20 10:00")
    chengqu, pingding = factories.applicant(name="城区人"), factories.applicant(name="平定人", district="pingding")
    late = send(chengqu, "complaint")
    answered = send(chengqu)
    send(pingding, "need")
    freeze_clock("2026-11-24 10:00")  # two working days later
    worker = caseworker()
    replies.reply(worker, answered, "已答复")
    ratings.rate(Acting(chengqu, chengqu), "poor", "不满意", feedback=answered)
    freeze_clock("2026-12-02 10:00")
    admin = client_for(make_user("admin", phone="13700000005"))
    page = admin.get("/admin/feedback")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    row = text[text.index("Chengqu District"):]
    row = row[:row.index("</tr>")]
    cells = [cell.split(">", 1)[1] for cell in row.split("<td")[1:]]
    assert [c.removesuffix("</td>") for c in cells] == ["2", "1", "1", "2.0", "0", "0", "1", "1"]
    assert "Pingding County" in text and "Overdue replies" in text
    assert f"/casework/feedback/{late.id}" in text and text.count("OVERDUE") == 2
    assert client_for(worker).get("/admin/feedback").status_code == 403


def _same_queries(app, browser, path: str, grow, pattern: str) -> None:
    """As tests/web/test_query_counts.py: as many statements with 3N rows as with N."""
    def rows():
        return len(set(re.findall(pattern, browser.get(path).get_data(as_text=True))))

    browser.get(path)
    before = count_queries(app, lambda: browser.get(path))
    shown = rows()
    grow()
    assert rows() == 3 * shown > 0, path
    assert count_queries(app, lambda: browser.get(path)) == before, path


@pytest.mark.parametrize("who, path, pattern", [
    ("caseworker", "/casework/feedback", r"/casework/feedback/(\d+)"),
    ("caseworker", "/casework/callbacks", r"/casework/callbacks/(\d+)"),
    ("admin", "/admin/feedback", r"/casework/feedback/(\d+)"),
    ("person", "/me/feedback", r"/me/feedback/(\d+)"),
    ("person", "/me/notices", r'href="/me/feedback/(\d+)"'),
])
def test_no_query_per_row_in_the_feedback_lists(app, client_for, freeze_clock, who, path, pattern):
    freeze_clock("2026-11-02 10:00")
    worker = caseworker()
    people = [factories.applicant(name=f"人{n}") for n in range(3)]
    item = factories.opportunity("post", capacity=20)
    applications = {person.id: factories.submitted(person, item) for person in people}
    mine_only = who == "person"

    def some(count: int):
        """`count` more rows of what the page lists (overdue ones, replies, poor ratings)."""
        for n in range(count):
            person = people[0] if mine_only else people[n % 3]
            feedback = send(person, "complaint", f"第{n}条", reference=applications[person.id].reference)
            if path in ("/casework/callbacks", "/me/notices"):
                replies.reply(worker, feedback, f"答{n}")
                if path == "/casework/callbacks":
                    ratings.rate(Acting(person, person), "poor", "差", feedback=feedback)

    some(3)
    freeze_clock("2026-12-02 10:00")  # all overdue now, unless answered
    browser = client_for({"caseworker": worker, "person": people[0]}.get(who) or make_user("admin", phone="13700000005"))

    def grow():
        freeze_clock("2026-11-02 10:00")
        some(6)
        freeze_clock("2026-12-02 10:00")

    _same_queries(app, browser, path, grow, pattern)


def test_my_data_holds_my_feedback_and_the_purge_keeps_only_the_counts(app, client_for):
    import io
    import json
    import zipfile
    from datetime import timedelta

    from webapp.models import User
    from webapp.models.base import utcnow
    from webapp.services.identity import mydata

    person = factories.applicant(name="本人")
    feedback = send(person, "complaint", "很久没人联系")
    replies.reply(caseworker(), feedback, "明天联系")
    ratings.rate(Acting(person, person), "poor", "太慢", feedback=feedback)
    call_back = db.session.scalar(select(CallBack))
    ratings.record_call(caseworker("chengqu", "13700000003"), call_back, "已电话沟通")
    archive = zipfile.ZipFile(io.BytesIO(client_for(person).get("/me/data/download").data))
    data = json.loads(archive.read("data.json"))
    assert data["feedback"][0]["body"] == "很久没人联系" and data["ratings"][0]["grade"] == "poor"
    user = db.session.get(User, person.id)
    user.purge_after = utcnow() - timedelta(days=1)
    db.session.commit()
    assert mydata.purge_due() == 1
    db.session.expire_all()
    kept = db.session.get(Feedback, feedback.id)
    assert (kept.body, kept.reply) == ("", None) and db.session.scalar(select(Rating.words)) is None
    assert db.session.scalar(select(CallBack.notes)) is None and count(Rating, Rating.grade == "poor") == 1
