"""Handing an application over: the caseworker checking it, a team lead (组长) or an administrator
may; another caseworker of the district may not, and is told who can."""
from sqlalchemy import select

from tests.conftest import make_user
from tests.web.casework_helpers import claimed, text
from webapp.extensions import db
from webapp.models import Application, AuditEvent


def _url(application) -> str:
    return f"/casework/applications/{application.reference}/reassign"


def test_a_colleague_who_is_not_a_lead_cannot_hand_it_over(app, worker, client_for):
    application = claimed(worker)
    colleague = make_user("caseworker", phone="13711110002", name="王磊", district="chengqu")
    other = make_user("caseworker", phone="13711110003", name="赵敏", district="chengqu")
    browser = client_for(colleague)
    page = text(browser.get(f"/casework/applications/{application.reference}"))
    assert 'name="reassign-assignee"' not in page and "ask them or a team lead" in page
    response = browser.post(_url(application), data={"reassign-assignee": str(other.id)})
    assert response.status_code == 409 and "a team lead or an administrator can hand" in text(response)
    db.session.expire_all()
    assert db.session.get(Application, application.id).assigned_to_id == worker.id


def test_a_team_lead_hands_it_over(app, worker, client_for):
    application = claimed(worker)
    lead = make_user("caseworker", phone="13711110002", name="组长", district="chengqu")
    lead.leads_team = True
    db.session.commit()
    colleague = make_user("caseworker", phone="13711110003", name="赵敏", district="chengqu")
    response = client_for(lead).post(_url(application), data={"reassign-assignee": str(colleague.id)})
    assert response.status_code == 303
    db.session.expire_all()
    assert db.session.get(Application, application.id).assigned_to_id == colleague.id


def test_an_administrator_makes_a_caseworker_a_team_lead_and_it_is_audited(client, login_as):
    login_as("admin")
    worker = make_user("caseworker", phone="13711110009", district="chengqu")
    response = client.post(f"/admin/staff/{worker.id}", data={"action": "save", "role": "caseworker",
                                                             "district": "chengqu", "leads_team": "y"})
    assert response.status_code == 303
    db.session.expire_all()
    assert db.session.get(type(worker), worker.id).leads_team is True
    row = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "account.team_lead_changed"))
    assert row.subject_id == worker.id and "from no to yes" in client.get("/admin/audit").get_data(as_text=True)
