"""Administrators keep the decision texts caseworkers choose from: adding, switching, refusals."""
import pytest
from sqlalchemy import func, select

from webapp.extensions import db
from webapp.models import AuditEvent, DecisionTemplate


def test_admin_adds_and_switches_decision_texts(client, login_as):
    admin = login_as("admin")
    text = "身份证照片不清楚，请重新拍照上传。"
    assert client.post("/admin/templates", data={"kind": "ask", "text": f"  {text} "}).status_code == 303
    assert client.post("/admin/templates", data={"kind": "reject", "text": "不在本市居住"}).status_code == 303
    template = db.session.scalar(select(DecisionTemplate).where(DecisionTemplate.kind == "ask"))
    assert (template.text, template.active, template.created_by_id) == (text, True, admin.id)
    html = client.get("/admin/templates").get_data(as_text=True)
    assert text in html and "不在本市居住" in html
    assert html.index("Requests for more documents") < html.index(text)

    assert client.post(f"/admin/templates/{template.id}/deactivate").status_code == 303
    db.session.expire_all()
    assert not db.session.get(DecisionTemplate, template.id).active
    assert "Switched off" in client.get("/admin/templates").get_data(as_text=True)
    again = client.post(f"/admin/templates/{template.id}/deactivate", follow_redirects=True)
    assert "already switched off" in again.get_data(as_text=True)
    assert client.post(f"/admin/templates/{template.id}/reactivate").status_code == 303
    db.session.expire_all()
    assert db.session.get(DecisionTemplate, template.id).active
    actions = [e.action for e in db.session.scalars(select(AuditEvent).where(
        AuditEvent.action.like("decision_template.%")).order_by(AuditEvent.id))]
    assert actions == ["decision_template.added", "decision_template.added", "decision_template.deactivated",
                       "decision_template.reactivated"]
    assert client.post(f"/admin/templates/{template.id}/remove").status_code == 404
    assert client.get(f"/admin/templates/{template.id}/deactivate").status_code == 405


@pytest.mark.parametrize(("data", "message"), [
    ({"kind": "ask", "text": ""}, "Enter the text, at least 4 characters."),
    ({"kind": "ask", "text": "x" * 301}, "The text must be 300 characters or fewer."),
    ({"kind": "maybe", "text": "请补充残疾人证照片"}, "Choose what the text is for."),
    ({"text": "请补充残疾人证照片"}, "Choose what the text is for."),
])
def test_decision_text_refusals(client, login_as, data, message):
    login_as("admin")
    response = client.post("/admin/templates", data=data)
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(DecisionTemplate)) == 0


def test_a_duplicate_decision_text_is_refused_and_others_cannot_add(client, login_as):
    login_as("admin")
    client.post("/admin/templates", data={"kind": "reject", "text": "材料不全"})
    response = client.post("/admin/templates", data={"kind": "reject", "text": "材料不全"})
    assert response.status_code == 422 and "already in the list" in response.get_data(as_text=True)
    client.post("/auth/logout")
    login_as("caseworker", district="chengqu")
    assert client.post("/admin/templates", data={"kind": "ask", "text": "请补充照片"}).status_code == 403
    assert client.get("/admin/templates").status_code == 403
    assert db.session.scalar(select(func.count()).select_from(DecisionTemplate)) == 1
