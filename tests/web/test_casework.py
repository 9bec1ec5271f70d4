"""Casework: the district queue, the application page, decisions, identity checks, assessments."""
import io
import re
import threading
from datetime import timedelta

import pytest
from PIL import Image
from sqlalchemy import event, func, select, update
from werkzeug.datastructures import FileStorage

from tests import factories
from tests.conftest import PASSWORD, make_user
from webapp.demo import casework as demo_casework
from webapp.extensions import db
from webapp.models import Application, ApplicationEvent, Assessment, AuditEvent, DecisionTemplate, Notice, Profile, User
from webapp.models.base import utcnow
from webapp.services.applications import drafts, machine
from webapp.services.applications.rules import TransitionError
from webapp.services.casework import assessments, decisions, queue, verification
from webapp.services.common.acting import Acting
from webapp.services.identity import consent, evidence, numbers, profiles, stored_numbers
from webapp.services.needs import steps, versions


@pytest.fixture
def config_overrides():
    return {"RATELIMIT_LOGIN": "1000 per minute"}


@pytest.fixture
def worker(app):
    """The 城区 caseworker."""
    return make_user("caseworker", phone="13711110001", name="李芳", district="chengqu")


def browser(app, user):
    """A signed-in English-speaking test client for `user`."""
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    response = client.post("/auth/login", data={"phone": user.phone, "password": PASSWORD})
    assert response.status_code == 303, response.get_data(as_text=True)
    return client


def verified(person, caseworker):
    verification.verify_identity(caseworker, profiles.profile_of(person), True, None)
    return person


def unverified(person):
    """Not checked yet (whatever the factory does by default)."""
    profile = profiles.profile_of(person)
    profile.identity_status = profile.identity_checked_at = profile.identity_checked_by_id = None
    db.session.commit()
    return person


def claimed(caseworker, kind="post", district="chengqu", verify=True, **applicant):
    """An application under review by `caseworker`, its applicant verified unless told otherwise."""
    person = factories.applicant(district=district, **applicant)
    if verify:
        verified(person, caseworker)
    else:
        unverified(person)
    return decisions.claim(caseworker, factories.submitted(person, factories.opportunity(kind)))


def counts(application_id) -> tuple[int, int, int]:
    """(events, notices, audit rows about applications) for one application's applicant."""
    db.session.expire_all()
    application = db.session.get(Application, application_id)
    return (db.session.scalar(select(func.count()).select_from(ApplicationEvent)
                              .where(ApplicationEvent.application_id == application_id)),
            db.session.scalar(select(func.count()).select_from(Notice).where(Notice.application_id == application_id)),
            db.session.scalar(select(func.count()).select_from(AuditEvent).where(
                AuditEvent.subject_id == application.applicant_id, AuditEvent.action.like("application.%"))))


def actions() -> list[str]:
    db.session.expire_all()
    return db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()


def status_of(application_id) -> str:
    db.session.expire_all()
    return db.session.get(Application, application_id).status


def text(response) -> str:
    return response.get_data(as_text=True)


def references(response) -> list[str]:
    return re.findall(r"· (YQ-\d{4}-\d{6})</span>", text(response))


# Scope -------------------------------------------------------------------------------------------

def test_a_caseworker_of_another_district_gets_404_for_the_page_and_every_action(app, worker):
    application = claimed(worker)
    person_id = application.applicant_id
    outsider = browser(app, make_user("caseworker", phone="13711110009", district="jiaoqu"))
    ref = application.reference
    before = (counts(application.id), actions())
    assert outsider.get(f"/casework/applications/{ref}").status_code == 404
    for action in ("claim", "unclaim", "approve", "reject", "ask", "reassign", "unmask"):
        response = outsider.post(f"/casework/applications/{ref}/{action}", data={"reject-text": "x", "ask-text": "x"})
        assert response.status_code == 404, action
    assert outsider.get(f"/casework/people/{person_id}/identity").status_code == 404
    assert outsider.post(f"/casework/people/{person_id}/identity",
                         data={"verify-outcome": "not_verified", "verify-note": "x"}).status_code == 404
    assert outsider.get(f"/casework/people/{person_id}/assessment").status_code == 404
    assert outsider.post(f"/casework/people/{person_id}/assessment", data={
        "assess-assessed_on": "2026-01-05", "assess-method": "interview",
        "assess-work_capacity": "full"}).status_code == 404
    assert ref not in text(outsider.get("/casework"))
    assert (counts(application.id), actions()) == before
    assert status_of(application.id) == "under_review"


def test_applicants_and_helpers_cannot_open_casework(app, login_as, client):
    login_as("applicant")
    assert client.get("/casework").status_code == 403


def test_city_wide_staff_see_every_district(app, worker):
    chengqu = factories.submitted(factories.applicant(district="chengqu"), factories.opportunity("post"))
    jiaoqu = factories.submitted(factories.applicant(district="jiaoqu"), factories.opportunity("post"))
    city = browser(app, make_user("caseworker", phone="13711110008", district=None))
    assert set(references(city.get("/casework"))) == {chengqu.reference, jiaoqu.reference}
    assert references(browser(app, worker).get("/casework")) == [chengqu.reference]
    assert city.get(f"/casework/applications/{jiaoqu.reference}").status_code == 200
    admin = browser(app, make_user("admin", phone="13711110007"))
    assert set(references(admin.get("/casework"))) == {chengqu.reference, jiaoqu.reference}
    assert "shown to caseworkers only" in text(admin.get(f"/casework/applications/{jiaoqu.reference}"))


# Decisions ---------------------------------------------------------------------------------------

DECISIONS = {
    "claim": ("submitted", {}, "under_review", "application.claimed"),
    "approve": ("under_review", {}, "approved", "application.approved"),
    "reject": ("under_review", {"reject-text": "不符合岗位要求"}, "rejected", "application.rejected"),
    "ask": ("under_review", {"ask-text": "请补充上传身份证照片"}, "needs_info", "application.information_requested"),
    "unclaim": ("under_review", {}, "submitted", "application.unclaimed"),
}


@pytest.mark.parametrize("action", DECISIONS)
def test_every_decision_writes_one_event_one_notice_and_one_audit_row(app, worker, action):
    start, data, to, audited = DECISIONS[action]
    if start == "submitted":
        person = verified(factories.applicant(), worker)
        application = factories.submitted(person, factories.opportunity("post"))
    else:
        application = claimed(worker)
    before = counts(application.id)
    response = browser(app, worker).post(f"/casework/applications/{application.reference}/{action}", data=data)
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/casework/applications/{application.reference}")
    assert status_of(application.id) == to
    after = counts(application.id)
    assert tuple(b - a for a, b in zip(before, after)) == (1, 1, 1)
    row = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(1)).one()
    assert (row.action, row.actor_id, row.subject_id, row.ip) == (audited, worker.id, application.applicant_id,
                                                                  "127.0.0.1")
    assert db.session.scalars(select(Notice.to_status).order_by(Notice.id.desc()).limit(1)).one() == to


def test_reject_without_a_reason_is_refused_and_changes_nothing(app, worker):
    application = claimed(worker)
    client = browser(app, worker)
    before = (counts(application.id), actions())
    response = client.post(f"/casework/applications/{application.reference}/reject",
                           data={"reject-template": "", "reject-text": "   "})
    assert response.status_code == 422
    assert "Give the reason, so the applicant knows why." in text(response)
    assert 'aria-invalid="true"' in text(response) and "<title>Error:" in text(response)
    assert status_of(application.id) == "under_review"
    assert (counts(application.id), actions()) == before


def test_reject_combines_the_chosen_template_with_own_words(app, worker):
    template = DecisionTemplate(kind="reject", text="名额已满且无候补")
    db.session.add_all([template, DecisionTemplate(kind="ask", text="请补充上传身份证照片")])
    db.session.commit()
    application = claimed(worker)
    client = browser(app, worker)
    page = text(client.get(f"/casework/applications/{application.reference}"))
    assert "名额已满且无候补" in page and "请补充上传身份证照片" in page
    response = client.post(f"/casework/applications/{application.reference}/reject",
                           data={"reject-template": str(template.id), "reject-text": "下次优先考虑"})
    assert response.status_code == 303
    reason = db.session.scalars(select(Notice.reason).order_by(Notice.id.desc()).limit(1)).one()
    assert reason == "名额已满且无候补\n下次优先考虑"
    assert "下次优先考虑" in text(client.get(f"/casework/applications/{application.reference}"))


def test_a_template_of_the_other_kind_is_refused(app, worker):
    ask_only = DecisionTemplate(kind="ask", text="请补充上传身份证照片")
    db.session.add(ask_only)
    db.session.commit()
    application = claimed(worker)
    response = browser(app, worker).post(f"/casework/applications/{application.reference}/reject",
                                         data={"reject-template": str(ask_only.id)})
    assert response.status_code == 422 and status_of(application.id) == "under_review"


def test_ask_tells_the_applicant_what_is_missing_and_they_can_send_again(app, worker):
    application = claimed(worker)
    response = browser(app, worker).post(f"/casework/applications/{application.reference}/ask",
                                         data={"ask-text": "请补充说明可以工作的时间"})
    assert response.status_code == 303
    notice = db.session.scalars(select(Notice).order_by(Notice.id.desc()).limit(1)).one()
    assert (notice.user_id, notice.to_status, notice.reason) == (application.applicant_id, "needs_info",
                                                                 "请补充说明可以工作的时间")
    db.session.expire_all()  # the request changed it in its own session
    person = db.session.get(User, application.applicant_id)
    machine.resubmit(Acting(person, person), db.session.get(Application, application.id))
    assert status_of(application.id) == "submitted"


def test_ask_without_saying_what_is_missing_is_refused(app, worker):
    application = claimed(worker)
    response = browser(app, worker).post(f"/casework/applications/{application.reference}/ask", data={})
    assert response.status_code == 422 and "Say exactly what is missing." in text(response)
    assert status_of(application.id) == "under_review"


def test_approving_an_unverified_person_is_refused(app, worker):
    application = claimed(worker, verify=False)
    client = browser(app, worker)
    page = text(client.get(f"/casework/applications/{application.reference}"))
    assert "/approve" not in page and "identity before approving." in page
    before = (counts(application.id), actions())
    response = client.post(f"/casework/applications/{application.reference}/approve")
    assert response.status_code == 422
    assert re.search(r'id="problem-title">There is a problem</h2>\s*<p>Verify the person.s identity before approving',
                     text(response))
    assert status_of(application.id) == "under_review"
    assert (counts(application.id), actions()) == before


def test_a_person_found_not_verified_cannot_be_approved_either(app, worker):
    application = claimed(worker, verify=False)
    verification.verify_identity(worker, profiles.profile_of(application.applicant), False, "证件照片模糊")
    response = browser(app, worker).post(f"/casework/applications/{application.reference}/approve")
    assert response.status_code == 422 and status_of(application.id) == "under_review"


def test_only_the_caseworker_checking_it_decides(app, worker):
    application = claimed(worker)
    colleague = make_user("caseworker", phone="13711110002", name="王磊", district="chengqu")
    client = browser(app, colleague)
    assert "李芳 is checking this application." in text(client.get(f"/casework/applications/{application.reference}"))
    before = counts(application.id)
    for action, data in (("approve", {}), ("reject", {"reject-text": "x"}), ("unclaim", {})):
        response = client.post(f"/casework/applications/{application.reference}/{action}", data=data)
        assert response.status_code == 409, action
        assert "Another caseworker is checking this application." in text(response)
    assert status_of(application.id) == "under_review" and counts(application.id) == before


def test_a_decision_on_a_finished_application_is_refused_with_409(app, worker):
    application = claimed(worker)
    decisions.reject(worker, application, "不符合岗位要求")
    response = browser(app, worker).post(f"/casework/applications/{application.reference}/claim")
    assert response.status_code == 409
    assert "can no longer be changed this way" in text(response)


# Two caseworkers claiming at once ----------------------------------------------------------------

def test_the_second_of_two_claims_gets_409_and_changes_nothing(app, worker):
    person = verified(factories.applicant(), worker)
    application = factories.submitted(person, factories.opportunity("post"))
    other = make_user("caseworker", phone="13711110002", name="王磊", district="chengqu")
    first, second = browser(app, worker), browser(app, other)
    assert first.post(f"/casework/applications/{application.reference}/claim").status_code == 303
    before = (counts(application.id), actions())
    response = second.post(f"/casework/applications/{application.reference}/claim")
    assert response.status_code == 409
    assert "This application can no longer be changed this way." in text(response)
    db.session.expire_all()
    assert db.session.get(Application, application.id).assigned_to_id == worker.id
    assert (counts(application.id), actions()) == before


def test_two_claims_at_the_same_moment_one_wins(app, worker):
    person = verified(factories.applicant(), worker)
    application_id = factories.submitted(person, factories.opportunity("post")).id
    ids = [worker.id, make_user("caseworker", phone="13711110002", district="chengqu").id]
    db.session.remove()
    start, results = threading.Barrier(2), []

    def one(caseworker_id):
        with app.app_context():
            try:
                start.wait()
                decisions.claim(db.session.get(User, caseworker_id), db.session.get(Application, application_id))
                results.append(("won", caseworker_id))
            except TransitionError:
                results.append(("lost", caseworker_id))
            finally:
                db.session.remove()

    threads = [threading.Thread(target=one, args=(i,)) for i in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcome for outcome, _id in results) == ["lost", "won"]
    winner = next(i for outcome, i in results if outcome == "won")
    assert db.session.get(Application, application_id).assigned_to_id == winner
    assert actions().count("application.claimed") == 1


# Reassigning -------------------------------------------------------------------------------------

def test_reassign_only_to_active_colleagues_of_the_same_district(app, worker):
    application = claimed(worker)
    same = make_user("caseworker", phone="13711110002", name="王磊", district="chengqu")
    make_user("caseworker", phone="13711110003", name="郊区同事", district="jiaoqu")
    make_user("caseworker", phone="13711110004", name="市级同事", district=None)
    gone = make_user("caseworker", phone="13711110005", name="已停用", district="chengqu")
    gone.active = False
    db.session.commit()
    others = {u.phone: u.id for u in db.session.scalars(select(User).where(User.role == "caseworker"))}
    client = browser(app, worker)
    page = text(client.get(f"/casework/applications/{application.reference}"))
    select_html = page.split('name="reassign-assignee"')[1].split("</select>")[0]
    assert "王磊" in select_html and "郊区同事" not in select_html and "市级同事" not in select_html
    assert "已停用" not in select_html
    url = f"/casework/applications/{application.reference}/reassign"
    before = actions()
    for phone in ("13711110003", "13711110004", "13711110005"):
        response = client.post(url, data={"reassign-assignee": str(others[phone])})
        assert response.status_code == 422 and "Choose a colleague of your district." in text(response)
    assert actions() == before
    assert client.post(url, data={"reassign-assignee": str(same.id)}).status_code == 303
    db.session.expire_all()
    assert db.session.get(Application, application.id).assigned_to_id == same.id
    row = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(1)).one()
    assert (row.action, row.actor_id, row.subject_id) == ("application.reassigned", worker.id, application.applicant_id)
    assert status_of(application.id) == "under_review"


def test_reassign_only_while_under_review(app, worker):
    person = verified(factories.applicant(), worker)
    application = factories.submitted(person, factories.opportunity("post"))
    same = make_user("caseworker", phone="13711110002", name="王磊", district="chengqu")
    response = browser(app, worker).post(f"/casework/applications/{application.reference}/reassign",
                                         data={"reassign-assignee": str(same.id)})
    assert response.status_code == 409
    db.session.expire_all()
    assert db.session.get(Application, application.id).assigned_to_id is None


# The application page ----------------------------------------------------------------------------

def _photo(person) -> None:
    out = io.BytesIO()
    Image.new("RGB", (640, 400), (200, 200, 180)).save(out, "JPEG")
    out.seek(0)
    evidence.add(Acting(person, person), "certificate", FileStorage(out, filename="证.jpg"))


def test_the_page_shows_masked_numbers_until_asked_and_audits_the_unmasking(app, worker):
    application = claimed(worker)
    number = stored_numbers.unmasked(profiles.profile_of(application.applicant), application.applicant).id_number
    certificate = number + "12"
    client = browser(app, worker)
    page = text(client.get(f"/casework/applications/{application.reference}"))
    assert numbers.mask_id(number) in page and numbers.mask_certificate(certificate) in page
    assert number not in page
    assert "Visual, Level 2" in page  # category and level in words
    assert client.get(f"/casework/applications/{application.reference}/unmask").status_code == 405
    response = client.post(f"/casework/applications/{application.reference}/unmask")
    assert response.status_code == 200
    assert number in text(response) and certificate in text(response)
    row = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(1)).one()
    assert (row.action, row.actor_id, row.subject_id, row.ip) == ("identity.unmasked", worker.id,
                                                                  application.applicant_id, "127.0.0.1")
    assert number not in text(client.get(f"/casework/applications/{application.reference}"))


def test_the_page_shows_answers_photos_needs_assessment_and_timeline(app, worker):
    application = claimed(worker)
    person = application.applicant
    _photo(person)
    me = Acting(person, person)
    steps.save_step(me, "status", {"employment_status": "unemployed"})
    steps.save_step(me, "pattern", {"work_patterns": ["part_time"]})
    versions.submit(me)
    assessments.record_assessment(worker, profiles.profile_of(person), assessed_on="2026-01-05",
                                   method="home_visit", work_capacity="supported", hard_to_employ=True)
    db.session.execute(update(Application).where(Application.id == application.id).values(
        consent_withdrawn_at=utcnow()))
    db.session.commit()
    page = text(browser(app, worker).get(f"/casework/applications/{application.reference}"))
    photo = evidence.current(person)["certificate"]
    assert f'src="/evidence/{photo.id}/full"' in page
    assert re.search(r'<img src="/evidence/\d+/full" width="\d+" height="\d+" alt="Photo of the Disability certificate'
                     r' \(残疾人证\) of 申请人, uploaded ', page)
    assert "工作日" in page and "Public-welfare post" in page  # the answers and the kind
    assert "Not working and looking for work" in page  # the needs registration
    assert "Needs supported employment" in page and "Home visit" in page
    assert "Difficulty finding work (就业困难)" in page
    assert "Consent withdrawn" in page
    assert "Being checked by a caseworker" in page and "李芳" in page  # the timeline


def test_the_evidence_photo_is_served_to_the_caseworker_and_the_view_audited(app, worker):
    application = claimed(worker)
    _photo(application.applicant)
    photo = evidence.current(application.applicant)["certificate"]
    with browser(app, worker).get(f"/evidence/{photo.id}/full") as response:
        response.get_data()
    assert response.status_code == 200 and "evidence.viewed" in actions()


# Identity check ----------------------------------------------------------------------------------

def test_not_verified_needs_a_reason(app, worker):
    person = unverified(factories.applicant())
    client = browser(app, worker)
    url = f"/casework/people/{person.id}/identity"
    assert client.get(url).status_code == 200
    before = actions()
    response = client.post(url, data={"verify-outcome": "not_verified", "verify-note": " "})
    assert response.status_code == 422
    assert "Say what did not match" in text(response)
    assert actions() == before
    db.session.expire_all()
    assert profiles.profile_of(person).identity_status is None
    response = client.post(url, data={"verify-outcome": "not_verified", "verify-note": "证件号与照片不一致"})
    assert response.status_code == 303
    db.session.expire_all()
    profile = profiles.profile_of(person)
    assert (profile.identity_status, profile.identity_note, profile.identity_checked_by_id) == (
        "not_verified", "证件号与照片不一致", worker.id)
    assert actions()[-1] == "identity.not_verified"


def test_verification_from_the_application_page_returns_there(app, worker):
    application = claimed(worker, verify=False)
    url = f"/casework/applications/{application.reference}"
    response = browser(app, worker).post(f"/casework/people/{application.applicant_id}/identity",
                                         data={"verify-outcome": "verified", "verify-next": url})
    assert response.status_code == 303 and response.headers["Location"].endswith(url)
    db.session.expire_all()
    assert profiles.profile_of(application.applicant).identity_status == "verified"
    assert actions()[-1] == "identity.verified"


def test_verification_needs_a_result(app, worker):
    person = factories.applicant()
    response = browser(app, worker).post(f"/casework/people/{person.id}/identity", data={})
    assert response.status_code == 422 and "Choose the result of the check." in text(response)


# Ability assessment ------------------------------------------------------------------------------

GOOD = {"assess-assessed_on": "2026-01-05", "assess-method": "practical", "assess-work_capacity": "partial",
        "assess-directions": "网店客服", "assess-notes": "打字较慢", "assess-hard_to_employ": "y"}


def test_an_assessment_is_stored_and_sets_hard_to_employ(app, worker):
    person = factories.applicant()
    client = browser(app, worker)
    page = text(client.get(f"/casework/people/{person.id}/assessment"))
    assert 'inputmode="numeric"' in page and "Practical task" in page
    response = client.post(f"/casework/people/{person.id}/assessment", data=GOOD)
    assert response.status_code == 303
    db.session.expire_all()
    row = db.session.scalars(select(Assessment).where(Assessment.user_id == person.id)).one()
    assert (row.assessed_on.isoformat(), row.method, row.work_capacity, row.directions, row.notes,
            row.hard_to_employ, row.created_by_id) == ("2026-01-05", "practical", "partial", "网店客服", "打字较慢",
                                                       True, worker.id)
    assert db.session.get(Profile, person.id).hard_to_employ is True
    assert actions()[-1] == "assessment.recorded"
    # a later assessment without the flag clears it
    client.post(f"/casework/people/{person.id}/assessment", data={**GOOD, "assess-hard_to_employ": ""})
    db.session.expire_all()
    assert db.session.get(Profile, person.id).hard_to_employ is False


@pytest.mark.parametrize("changes, message", [
    ({"assess-assessed_on": ""}, "Enter the date of the assessment."),
    ({"assess-assessed_on": "5/1"}, "Enter the date as year-month-day"),
    ({"assess-assessed_on": "2026-02-30"}, "Enter a real date"),
    ({"assess-assessed_on": "2999-01-01"}, "cannot be in the future"),
    ({"assess-method": ""}, "Choose how the assessment was done."),
    ({"assess-work_capacity": "maybe"}, "Not a valid choice"),
])
def test_assessment_validation(app, worker, changes, message):
    person = factories.applicant()
    response = browser(app, worker).post(f"/casework/people/{person.id}/assessment", data={**GOOD, **changes})
    assert response.status_code == 422
    assert message in text(response)
    assert db.session.scalar(select(func.count()).select_from(Assessment)) == 0


def test_assessment_dates_typed_in_other_ways():
    assert assessments.parse_date("２０２６年１月５日").isoformat() == "2026-01-05"
    assert assessments.parse_date("2026/1/5").isoformat() == "2026-01-05"
    assert assessments.parse_date("20260105").isoformat() == "2026-01-05"


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


def test_the_queue_lists_the_district_newest_first_without_drafts(app, worker, queue_items):
    refs = references(browser(app, worker).get("/casework"))
    q = queue_items
    assert refs == [q[k].reference for k in ("asked", "theirs", "mine", "sent", "old")]


@pytest.mark.parametrize("args, expected", [
    ("kind=stall", ["asked", "old"]),
    ("status=under_review", ["theirs", "mine"]),
    ("waiting=10", ["old"]),
    ("mine=y", ["asked", "mine"]),
    ("unassigned=y", ["sent", "old"]),
    ("q=王秀英", ["sent"]),
    ("q=秀英", ["sent"]),
    ("status=submitted&kind=post", ["sent"]),
    ("kind=nonsense", ["asked", "theirs", "mine", "sent", "old"]),
])
def test_queue_filters_and_search(app, worker, queue_items, args, expected):
    response = browser(app, worker).get(f"/casework?{args}")
    assert response.status_code == 200
    assert references(response) == [queue_items[k].reference for k in expected]


def test_queue_search_by_reference_and_by_opportunity(app, worker, queue_items):
    client = browser(app, worker)
    assert references(client.get(f"/casework?q={queue_items['mine'].reference}")) == [queue_items["mine"].reference]
    page = text(client.get("/casework"))
    assert "社区保洁员" in page.split('name="opportunity"')[1].split("</select>")[0]
    refs = references(client.get(f"/casework?opportunity={queue_items['post'].id}"))
    assert refs == [queue_items[k].reference for k in ("theirs", "sent")]


def test_a_mistyped_waiting_time_is_pointed_out(app, worker, queue_items):
    response = browser(app, worker).get("/casework?waiting=abc")
    assert response.status_code == 200
    assert "Enter a whole number of days" in text(response) and "<title>Error:" in text(response)
    assert len(references(response)) == 5


def test_counts_per_status(app, worker, queue_items):
    found = queue.queue(worker, queue.QueueFilters())
    assert found.counts == {"submitted": 2, "under_review": 2, "needs_info": 1}
    assert found.page.total == 5
    page = text(browser(app, worker).get("/casework?kind=post"))
    assert re.search(r"Submitted, waiting for a caseworker</span></span><span class=\"cell__value\">1<", page)
    assert re.search(r"Being checked by a caseworker</span></span><span class=\"cell__value\">1<", page)
    assert "More information needed</span></span>" not in page  # no post is waiting for information


def test_queue_markers_for_withdrawn_consent_and_hard_to_employ(app, worker, queue_items):
    person = queue_items["sent"].applicant
    consent.withdraw(Acting(person, person))
    assessments.record_assessment(worker, profiles.profile_of(queue_items["old"].applicant), assessed_on="2026-01-05",
                                   method="interview", work_capacity="partial", hard_to_employ=True)
    page = text(browser(app, worker).get("/casework"))
    rows = {ref: row for row in page.split('<li class="cell">') for ref in re.findall(r"YQ-\d{4}-\d{6}", row)}
    assert "Consent withdrawn" in rows[queue_items["sent"].reference]
    assert "就业困难" in rows[queue_items["old"].reference]
    assert "Consent withdrawn" not in rows[queue_items["mine"].reference]


def test_the_queue_is_paginated_by_20(app, worker):
    item = factories.opportunity("post")
    made = [factories.submitted(factories.applicant(), item) for _ in range(21)]
    client = browser(app, worker)
    first = client.get("/casework")
    assert len(references(first)) == 20 and "Page 1 of 2" in text(first)
    second = client.get("/casework?page=2")
    assert references(second) == [made[0].reference]
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


def test_the_queue_costs_the_same_number_of_queries_for_2_or_12_rows(app, worker):
    item = factories.opportunity("post")
    colleague = make_user("caseworker", phone="13711110002", name="王磊", district="chengqu")
    for _ in range(2):
        factories.submitted(factories.applicant(), item)
    client = browser(app, worker)
    client.get("/casework")  # warm up: first-request work is not the queue's
    few = _statements(client, "/casework")
    for i in range(10):
        application = factories.submitted(factories.applicant(), factories.opportunity("stall"))
        if i % 2:
            decisions.claim(colleague, application)
    many = _statements(client, "/casework")
    assert len(references(client.get("/casework"))) == 12
    assert many == few


def test_me_links_caseworkers_to_the_queue(app, worker):
    assert 'href="/casework"' in text(browser(app, worker).get("/me"))


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
