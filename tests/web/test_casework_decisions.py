"""Casework decisions: claim, approve, reject, ask, unclaim, reassign, and two claims at once."""
import re
import threading

import pytest
from sqlalchemy import select

from tests import factories
from tests.conftest import make_user
from tests.web.casework_helpers import actions, claimed, counts, status_of, text, verified
from webapp.extensions import db
from webapp.models import Application, AuditEvent, DecisionTemplate, Notice, User
from webapp.services.applications import machine
from webapp.services.applications.rules import TransitionError
from webapp.services.casework import decisions, verification
from webapp.services.common.acting import Acting
from webapp.services.identity import profiles

# Decisions ---------------------------------------------------------------------------------------

DECISIONS = {
    "claim": ("submitted", {}, "under_review", "application.claimed"),
    "approve": ("under_review", {"confirm": "yes"}, "approved", "application.approved"),
    "reject": ("under_review", {"reject-text": "不符合岗位要求", "confirm": "yes"}, "rejected", "application.rejected"),
    "ask": ("under_review", {"ask-text": "请补充上传身份证照片"}, "needs_info", "application.information_requested"),
    "unclaim": ("under_review", {}, "submitted", "application.unclaimed"),
}


@pytest.mark.parametrize("action", DECISIONS)
def test_every_decision_writes_one_event_one_notice_and_one_audit_row(app, worker, action, client_for):
    start, data, to, audited = DECISIONS[action]
    if start == "submitted":
        person = verified(factories.applicant(), worker)
        application = factories.submitted(person, factories.opportunity("post"))
    else:
        application = claimed(worker)
    before = counts(application.id)
    response = client_for(worker).post(f"/casework/applications/{application.reference}/{action}", data=data)
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/casework/applications/{application.reference}")
    assert status_of(application.id) == to
    after = counts(application.id)
    assert tuple(b - a for a, b in zip(before, after)) == (1, 1, 1)
    row = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(1)).one()
    assert (row.action, row.actor_id, row.subject_id, row.ip) == (audited, worker.id, application.applicant_id,
                                                                  "127.0.0.1")
    assert db.session.scalars(select(Notice.to_status).order_by(Notice.id.desc()).limit(1)).one() == to


def test_reject_without_a_reason_is_refused_and_changes_nothing(app, worker, client_for):
    application = claimed(worker)
    client = client_for(worker)
    before = (counts(application.id), actions())
    response = client.post(f"/casework/applications/{application.reference}/reject",
                           data={"reject-template": "", "reject-text": "   "})
    assert response.status_code == 422
    assert "Give the reason, so the applicant knows why." in text(response)
    assert 'aria-invalid="true"' in text(response) and "<title>Error:" in text(response)
    assert status_of(application.id) == "under_review"
    assert (counts(application.id), actions()) == before


def test_reject_combines_the_chosen_template_with_own_words(app, worker, client_for):
    template = DecisionTemplate(kind="reject", text="名额已满且无候补")
    db.session.add_all([template, DecisionTemplate(kind="ask", text="请补充上传身份证照片")])
    db.session.commit()
    application = claimed(worker)
    client = client_for(worker)
    page = text(client.get(f"/casework/applications/{application.reference}"))
    assert "名额已满且无候补" in page and "请补充上传身份证照片" in page
    response = client.post(f"/casework/applications/{application.reference}/reject",
                           data={"reject-template": str(template.id), "reject-text": "下次优先考虑", "confirm": "yes"})
    assert response.status_code == 303
    reason = db.session.scalars(select(Notice.reason).order_by(Notice.id.desc()).limit(1)).one()
    assert reason == "名额已满且无候补。下次优先考虑。"  # one text, punctuated, not run together
    assert "下次优先考虑" in text(client.get(f"/casework/applications/{application.reference}"))


def test_a_template_of_the_other_kind_is_refused(app, worker, client_for):
    ask_only = DecisionTemplate(kind="ask", text="请补充上传身份证照片")
    db.session.add(ask_only)
    db.session.commit()
    application = claimed(worker)
    response = client_for(worker).post(f"/casework/applications/{application.reference}/reject",
                                         data={"reject-template": str(ask_only.id)})
    assert response.status_code == 422 and status_of(application.id) == "under_review"


def test_ask_tells_the_applicant_what_is_missing_and_they_can_send_again(app, worker, client_for):
    application = claimed(worker)
    response = client_for(worker).post(f"/casework/applications/{application.reference}/ask",
                                         data={"ask-text": "请补充说明可以工作的时间"})
    assert response.status_code == 303
    notice = db.session.scalars(select(Notice).order_by(Notice.id.desc()).limit(1)).one()
    assert (notice.user_id, notice.to_status, notice.reason) == (application.applicant_id, "needs_info",
                                                                 "请补充说明可以工作的时间。")
    db.session.expire_all()  # the request changed it in its own session
    person = db.session.get(User, application.applicant_id)
    machine.resubmit(Acting(person, person), db.session.get(Application, application.id))
    assert status_of(application.id) == "submitted"


def test_ask_without_saying_what_is_missing_is_refused(app, worker, client_for):
    application = claimed(worker)
    response = client_for(worker).post(f"/casework/applications/{application.reference}/ask", data={})
    assert response.status_code == 422 and "Say exactly what is missing." in text(response)
    assert status_of(application.id) == "under_review"


def test_approving_an_unverified_person_is_refused(app, worker, client_for):
    application = claimed(worker, verify=False)
    client = client_for(worker)
    page = text(client.get(f"/casework/applications/{application.reference}"))
    assert "/approve" not in page and "identity before approving." in page
    before = (counts(application.id), actions())
    response = client.post(f"/casework/applications/{application.reference}/approve")
    assert response.status_code == 422
    assert re.search(r'id="problem-title">There is a problem</h2>\s*<p>Verify the person.s identity before approving',
                     text(response))
    assert status_of(application.id) == "under_review"
    assert (counts(application.id), actions()) == before


def test_a_person_found_not_verified_cannot_be_approved_either(app, worker, client_for):
    application = claimed(worker, verify=False)
    verification.verify_identity(worker, profiles.profile_of(application.applicant), False, "证件照片模糊")
    response = client_for(worker).post(f"/casework/applications/{application.reference}/approve")
    assert response.status_code == 422 and status_of(application.id) == "under_review"


def test_only_the_caseworker_checking_it_decides(app, worker, client_for):
    application = claimed(worker)
    colleague = make_user("caseworker", phone="13711110002", name="王磊", district="chengqu")
    client = client_for(colleague)
    assert "李芳 is checking this application." in text(client.get(f"/casework/applications/{application.reference}"))
    before = counts(application.id)
    for action, data in (("approve", {}), ("reject", {"reject-text": "x"}), ("unclaim", {})):
        response = client.post(f"/casework/applications/{application.reference}/{action}", data=data)
        assert response.status_code == 409, action
        assert "Another caseworker is checking this application." in text(response)
    assert status_of(application.id) == "under_review" and counts(application.id) == before


def test_a_decision_on_a_finished_application_is_refused_with_409(app, worker, client_for):
    application = claimed(worker)
    decisions.reject(worker, application, "不符合岗位要求")
    response = client_for(worker).post(f"/casework/applications/{application.reference}/claim")
    assert response.status_code == 409
    assert "can no longer be changed this way" in text(response)


# Two caseworkers claiming at once ----------------------------------------------------------------

def test_the_second_of_two_claims_gets_409_and_changes_nothing(app, worker, client_for):
    person = verified(factories.applicant(), worker)
    application = factories.submitted(person, factories.opportunity("post"))
    other = make_user("caseworker", phone="13711110002", name="王磊", district="chengqu")
    first, second = client_for(worker), client_for(other)
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

def test_reassign_only_to_active_colleagues_of_the_same_district(app, worker, client_for):
    application = claimed(worker)
    same = make_user("caseworker", phone="13711110002", name="王磊", district="chengqu")
    make_user("caseworker", phone="13711110003", name="郊区同事", district="jiaoqu")
    make_user("caseworker", phone="13711110004", name="市级同事", district=None)
    gone = make_user("caseworker", phone="13711110005", name="已停用", district="chengqu")
    gone.active = False
    db.session.commit()
    others = {u.phone: u.id for u in db.session.scalars(select(User).where(User.role == "caseworker"))}
    client = client_for(worker)
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


def test_reassign_only_while_under_review(app, worker, client_for):
    person = verified(factories.applicant(), worker)
    application = factories.submitted(person, factories.opportunity("post"))
    same = make_user("caseworker", phone="13711110002", name="王磊", district="chengqu")
    response = client_for(worker).post(f"/casework/applications/{application.reference}/reassign",
                                         data={"reassign-assignee": str(same.id)})
    assert response.status_code == 409
    db.session.expire_all()
    assert db.session.get(Application, application.id).assigned_to_id is None
