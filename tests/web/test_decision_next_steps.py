"""Good news the person can act on: each decision is one notice and at most one text message,
carrying the next step (start, place, contact, what to bring), and the SMS the reference, no link."""
import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from tests import factories
from tests.web.publish_helpers import form
from webapp.extensions import db
from webapp.models import Application, Notice, Opportunity, Profile
from webapp.services.applications import machine
from webapp.services.casework import decisions
from webapp.services.common.dates import today


def _texts_by_sms(person):
    db.session.get(Profile, person.id).preferred_contact = "sms"
    db.session.commit()
    return person


def _notices(application_id) -> list[str]:
    db.session.expire_all()
    return db.session.scalars(select(Notice.to_status).where(Notice.application_id == application_id)
                              .order_by(Notice.id)).all()


def _course(**fields):
    return factories.opportunity("course", start_date=today() + timedelta(days=30), address="桃北西街12号",
                                 contact="王老师，0353-2021234", what_to_bring="身份证、残疾人证原件", **fields)


def _under_review(worker, item, person=None):
    person = _texts_by_sms(factories.verified(person or factories.applicant(), worker))
    return machine.claim(worker, factories.submitted(person, item))


def test_an_approval_onto_a_course_is_one_notice_and_one_text_with_the_next_step(worker, client_for, sms_outbox):
    application = _under_review(worker, _course(capacity=3))
    before, sent = _notices(application.id), len(sms_outbox)
    decisions.approve(worker, application)
    assert _notices(application.id) == [*before, "enrolled"]  # not "approved" and then "enrolled"
    assert len(sms_outbox) == sent + 1
    phone, text = sms_outbox[-1]
    start = today() + timedelta(days=30)
    assert phone == application.applicant.phone
    assert text.startswith(f"【阳泉助残就业】您的申请（编号{application.reference}）：已录取。下一步：")
    assert f"{start.year}年{start.month}月{start.day}日" in text
    assert "桃北西街12号" in text and "王老师，0353-2021234" in text and "身份证、残疾人证原件" in text
    assert not re.search(r"https?:|www\.|/me/|\.cn", text)  # no link in a text message

    page = client_for(application.applicant).get("/me/notices").get_data(as_text=True)
    assert f"Application {application.reference}: Enrolled" in page
    assert "Whom to contact: 王老师，0353-2021234" in page and "What to bring: 身份证、残疾人证原件" in page
    assert "Where: 提供方, 桃北西街12号" in page
    detail = client_for(application.applicant).get(f"/me/applications/{application.reference}").get_data(as_text=True)
    assert "What happens next" in detail and "王老师，0353-2021234" in detail


def _full_course_approval(worker):
    item = _course(capacity=1)
    decisions.approve(worker, _under_review(worker, item))
    return lambda application: decisions.approve(worker, application), item, "waitlisted"


def _stall(worker, outcome):
    item = factories.opportunity("stall", capacity=1, address="南庄路8号", contact="李经理", what_to_bring="身份证")
    if outcome == "not_allocated":
        db.session.get(Opportunity, item.id).taken = 1
        db.session.commit()

    def allocate(application):
        decisions.approve(worker, application)
        return machine.allocate(db.session.get(Application, application.id), worker)
    return allocate, item, outcome


CASES = {
    "enrolled": lambda w: (lambda a: decisions.approve(w, a), _course(capacity=2), "enrolled"),
    "waitlisted": _full_course_approval,
    "post approved": lambda w: (lambda a: decisions.approve(w, a), factories.opportunity("post"), "approved"),
    "hired": lambda w: (lambda a: machine.hire(w, decisions.approve(w, a)),
                        factories.opportunity("post", contact="张科长"), "hired"),
    "allocated": lambda w: _stall(w, "allocated"),
    "not_allocated": lambda w: _stall(w, "not_allocated"),
    "rejected": lambda w: (lambda a: decisions.reject(w, a, "不符合岗位要求。"), factories.opportunity("post"), "rejected"),
    "needs_info": lambda w: (lambda a: decisions.ask(w, a, "请补充上传身份证照片。"), factories.opportunity("post"),
                             "needs_info"),
}


@pytest.mark.parametrize("case", CASES)
def test_every_decision_is_one_notice_and_at_most_one_text(worker, sms_outbox, case):
    decide, item, outcome = CASES[case](worker)
    application = _under_review(worker, item)
    notices_before = db.session.scalar(select(func.count()).select_from(Notice))
    texts = [text for _phone, text in sms_outbox]
    if outcome in ("allocated", "not_allocated"):
        decide(application)  # approval, then the allocation: two decisions, one notice each
        assert _notices(application.id)[-2:] == ["approved", outcome]
        assert db.session.scalar(select(func.count()).select_from(Notice)) == notices_before + 2
        assert len(sms_outbox) == len(texts) + 2
    elif case == "hired":
        decide(application)
        assert _notices(application.id)[-2:] == ["approved", "hired"]
        assert len(sms_outbox) == len(texts) + 2
    else:
        decide(application)
        assert _notices(application.id)[-1] == outcome
        assert db.session.scalar(select(func.count()).select_from(Notice)) == notices_before + 1
        assert len(sms_outbox) == len(texts) + 1
    assert application.reference in sms_outbox[-1][1] and "http" not in sms_outbox[-1][1]


def test_sending_and_being_taken_up_are_notices_without_texts(worker, sms_outbox):
    person = _texts_by_sms(factories.verified(factories.applicant(), worker))
    application = machine.claim(worker, factories.submitted(person, factories.opportunity("post")))
    assert _notices(application.id) == ["submitted", "under_review"] and sms_outbox == []


def test_a_person_who_prefers_notices_gets_no_text(worker, sms_outbox):
    person = factories.verified(factories.applicant(), worker)  # preferred_contact: inbox
    decisions.approve(worker, machine.claim(worker, factories.submitted(person, _course())))
    assert sms_outbox == []


def test_the_admin_sets_contact_and_what_to_bring_and_the_public_page_shows_them(client, login_as):
    login_as("admin")
    page = client.get("/admin/opportunities/new/post").get_data(as_text=True)
    assert "What people who are accepted are told" in page
    assert 'name="contact"' in page and 'name="what_to_bring"' in page
    response = client.post("/admin/opportunities/new/post",
                           data=form("post", contact="荫营镇人事科 张科长，0353-4041234",
                                     what_to_bring="身份证、残疾人证原件，近期体检报告"))
    assert response.status_code == 303
    item = db.session.scalar(select(Opportunity))
    assert (item.contact, item.what_to_bring) == ("荫营镇人事科 张科长，0353-4041234", "身份证、残疾人证原件，近期体检报告")
    client.post(f"/admin/opportunities/{item.id}/publish")
    public = client.get(f"/opportunities/{item.id}").get_data(as_text=True)
    assert "Whom to contact" in public and "荫营镇人事科 张科长，0353-4041234" in public
    assert "What to bring if you are accepted" in public and "近期体检报告" in public


@pytest.mark.parametrize("kind", ["course", "stall", "post"])
def test_contact_and_what_to_bring_are_optional_for_every_kind(client, login_as, kind):
    login_as("admin")
    assert client.post(f"/admin/opportunities/new/{kind}", data=form(kind)).status_code == 303
    item = db.session.scalar(select(Opportunity))
    assert (item.contact, item.what_to_bring) == (None, None)
    client.post(f"/admin/opportunities/{item.id}/publish")
    listing = "training" if kind == "course" else "opportunities"
    assert "Whom to contact" not in client.get(f"/{listing}/{item.id}").get_data(as_text=True)


def test_a_too_long_contact_is_refused_beside_its_field(client, login_as):
    login_as("admin")
    response = client.post("/admin/opportunities/new/course", data=form("course", contact="王" * 101))
    assert response.status_code in (400, 422)
    assert "Enter 100 characters or fewer." in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Opportunity)) == 0


def test_the_demo_items_say_whom_to_contact_and_what_to_bring(app):
    from webapp import demo
    from webapp.demo import DEMO_ACCOUNTS, DEMO_PASSWORD

    demo.load(DEMO_ACCOUNTS, DEMO_PASSWORD)
    items = db.session.scalars(select(Opportunity)).all()
    assert items and all(item.contact and item.what_to_bring for item in items)


def test_an_approval_that_is_not_yet_a_place_says_what_comes_next_once(worker, sms_outbox):
    stall = _under_review(worker, factories.opportunity("stall"))
    decisions.approve(worker, stall)
    post = _under_review(worker, factories.opportunity("post"))
    decisions.approve(worker, post)
    (_p1, stall_text), (_p2, post_text) = sms_outbox
    assert stall_text == (f"【阳泉助残就业】您的申请（编号{stall.reference}）：已通过。"
                          "接下来在报名截止后公开抽签分配摊位，结果会通知您。")
    assert post_text == (f"【阳泉助残就业】您的申请（编号{post.reference}）：已通过。"
                         "您已进入该岗位的候选名单，是否录用会通知您。")
