"""Administrators: the audit log (search, pages, read only), managing staff, decision texts."""
import json
import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import event, func, select

from tests import factories
from tests.conftest import PASSWORD, make_user
from webapp.extensions import db
from webapp.models import AuditEvent, DecisionTemplate, User
from webapp.services.applications import machine
from webapp.services.audit import log as audit
from webapp.services.audit import search as audit_search

WEBAPP = Path(__file__).resolve().parents[2] / "webapp"


def _rows(html: str) -> int:
    """Body rows of the results table (each starts with its time as a row header)."""
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0] if "<tbody>" in html else ""
    return body.count('<th scope="row">')


def _events(action: str) -> list[AuditEvent]:
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)))


# --- the audit log -------------------------------------------------------------------------------

@pytest.fixture
def logged(app):
    """A small log with known people, actions and times (UTC, as stored)."""
    zhang = make_user(phone="13611110001", name="张三")
    li = make_user("caseworker", phone="13611110002", name="李四", district="chengqu")
    wang = make_user(phone="13611110003", name="王五")
    helper = make_user("helper", phone="13611110004", name="赵六")
    rows = [  # marker, action, actor, subject, on behalf, UTC time
        ("m1", "profile.submitted", zhang, zhang, False, datetime(2025, 3, 1, 2, 0)),
        ("m2", "evidence.viewed", li, zhang, False, datetime(2025, 3, 5, 6, 0)),
        ("m3", "evidence.viewed", li, wang, False, datetime(2025, 4, 1, 6, 0)),
        ("m4", "needs.submitted", helper, zhang, True, datetime(2025, 3, 10, 6, 0)),
        # 17:00 UTC on 1 March is 01:00 on 2 March in Yangquan: it belongs to 2 March.
        ("m5", "consent.given", zhang, zhang, False, datetime(2025, 3, 1, 17, 0)),
    ]
    for marker, action, actor, subject, behalf, at in rows:
        row = audit.record(action, actor=actor, subject=subject, on_behalf=behalf, ip="10.0.0.9", marker=marker)
        row.at = at
    db.session.commit()
    return {"zhang": zhang, "li": li, "wang": wang, "helper": helper}


def _markers(client, **query) -> set[str]:
    html = client.get("/admin/audit", query_string=query).get_data(as_text=True)
    return set(re.findall(r"marker: (m\d)", html))


@pytest.mark.usefixtures("logged")
def test_audit_search_narrows_by_person_actor_action_and_dates(client, login_as):
    login_as("admin")
    assert _markers(client) == {"m1", "m2", "m3", "m4", "m5"}
    assert _markers(client, person="张三") == {"m1", "m2", "m4", "m5"}
    assert _markers(client, person="136 1111 0001") == {"m1", "m2", "m4", "m5"}
    assert _markers(client, actor="李四") == {"m2", "m3"}
    assert _markers(client, actor="13611110002", person="王") == {"m3"}
    assert _markers(client, action="evidence.viewed", person="张三") == {"m2"}
    assert _markers(client, date_from="2025-03-02", date_to="2025-03-31") == {"m2", "m4", "m5"}
    assert _markers(client, date_to="2025-03-01") == {"m1"}
    assert _markers(client, date_from="2025-03-02", date_to="2025-03-02") == {"m5"}


def test_audit_shows_who_when_what_whose_behalf_ip_and_detail(client, login_as, logged):
    login_as("admin")
    html = client.get("/admin/audit", query_string={"person": "张三"}).get_data(as_text=True)
    order = [html.index(f"marker: {m}") for m in ("m4", "m2", "m5", "m1")]
    assert order == sorted(order), "newest first"
    assert "Viewed a photo of a document" in html and "(evidence.viewed)" in html
    assert "Yes, a family helper for 张三" in html and "赵六" in html
    assert "10.0.0.9" in html and "136****0001" in html and "13611110001" not in html
    assert "Mar 5, 2025, 2:00:00\u202fPM" in html  # 06:00 UTC shown in Yangquan time (UTC+8)


def test_audit_refuses_bad_dates_and_actions_in_words(client, login_as):
    login_as("admin")
    html = client.get("/admin/audit", query_string={"date_from": "2025-13-01"}).get_data(as_text=True)
    assert "Enter a real date like 2026-03-01" in html and 'aria-invalid="true"' in html and "<tbody>" not in html
    html = client.get("/admin/audit", query_string={"date_from": "2025-03-09", "date_to": "2025-03-01"}).get_data(
        as_text=True)
    assert "The end date must be the same as or after the start date." in html
    html = client.get("/admin/audit", query_string={"action": "no.such"}).get_data(as_text=True)
    assert "Choose an action from the list." in html
    html = client.get("/admin/audit", query_string={"date_from": "２０２５／３／１"}).get_data(as_text=True)
    assert "Enter a real date" not in html


def test_audit_pages_fifty_at_a_time_newest_first_in_one_query(app, client, login_as):
    login_as("admin")
    start = datetime(2025, 1, 1)
    for n in range(120):
        row = audit.record("sms.code_sent", ip="10.0.0.1", n=f"n{n:03d}")
        row.at = start + timedelta(minutes=n)
    db.session.commit()
    first = client.get("/admin/audit", query_string={"action": "sms.code_sent"}).get_data(as_text=True)
    assert _rows(first) == 50 and "120 entries · page 1 of 3" in first
    assert "n: n119" in first and "n: n070" in first and "n: n069" not in first
    assert 'href="/admin/audit?page=2&amp;action=sms.code_sent"' in first
    last = client.get("/admin/audit", query_string={"action": "sms.code_sent", "page": 3}).get_data(as_text=True)
    assert _rows(last) == 20 and "n: n000" in last and "n: n020" not in last
    beyond = client.get("/admin/audit", query_string={"action": "sms.code_sent", "page": 9}).get_data(as_text=True)
    assert _rows(beyond) == 20 and "page 3 of 3" in beyond  # past the end: the last page, as every list

    statements = []

    def count(*_args):
        statements.append(1)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        page = audit_search.search(audit_search.Filters(action="sms.code_sent"), page=2)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert len(statements) == 1 and page.total == 120 and len(page.items) == 50


@pytest.mark.parametrize("role", ["applicant", "helper", "caseworker"])
def test_audit_log_is_for_administrators_only(client, login_as, role):
    login_as(role)
    assert client.get("/admin/audit").status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client):
    for path in ("/admin/audit", "/admin/dashboard", "/admin/templates", "/admin/staff/1"):
        response = client.get(path)
        assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_nothing_in_the_app_updates_or_deletes_audit_rows():
    patterns = [re.compile(p, re.I) for p in (
        r"(delete|update)\s*\(\s*AuditEvent", r"(delete\s+from|update)\s+audit_events",
        r"AuditEvent\b.*\.delete\(", r"AuditEvent\b.*\.update\(")]
    found = []
    for path in WEBAPP.rglob("*.py"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if any(p.search(line) for p in patterns) or (".delete(" in line and "audit" in line.lower()):
                found.append(f"{path.relative_to(WEBAPP)}:{number}: {line.strip()}")
    assert not found, "audit rows must never change:\n" + "\n".join(found)


def test_the_audit_log_has_no_edit_or_delete_endpoint(app, client, login_as):
    for rule in app.url_map.iter_rules():
        methods = rule.methods - {"HEAD", "OPTIONS"}
        assert methods <= {"GET", "POST"}, f"{rule} allows {methods}"
        if "audit" in rule.rule or "audit" in rule.endpoint:
            assert methods == {"GET"}, f"{rule} must be read only"
    login_as("admin")
    assert client.post("/admin/audit").status_code == 405


# --- managing staff ------------------------------------------------------------------------------

def test_admin_moves_a_caseworker_between_districts_and_city_wide(client, login_as):
    admin = login_as("admin")
    worker = make_user("caseworker", phone="13700000021", name="钱工作", district="chengqu")
    page = client.get("/admin/staff").get_data(as_text=True)
    assert f'href="/admin/staff/{worker.id}"' in page
    response = client.post(f"/admin/staff/{worker.id}", data={"role": "caseworker", "district": "jiaoqu"})
    assert response.status_code == 303
    response = client.post(f"/admin/staff/{worker.id}", data={"role": "caseworker", "district": ""})
    assert response.status_code == 303
    db.session.expire_all()
    assert db.session.get(User, worker.id).district is None
    changes = [(e.actor_id, e.subject_id, json.loads(e.detail)) for e in _events("account.district_changed")]
    assert changes == [(admin.id, worker.id, {"from": "chengqu", "to": "jiaoqu"}),
                       (admin.id, worker.id, {"from": "jiaoqu", "to": "city"})]
    html = client.get(f"/admin/staff/{worker.id}").get_data(as_text=True)
    assert "Changes saved." in html and "Whole city" in html
    client.post(f"/admin/staff/{worker.id}", data={"role": "caseworker", "district": ""})
    assert len(_events("account.district_changed")) == 2  # nothing changed, nothing written
    log = client.get("/admin/audit", query_string={"person": "钱工作"}).get_data(as_text=True)
    assert "from Jiaoqu District to Whole city" in log


def test_role_change_is_audited_and_bad_choices_are_refused(client, login_as):
    login_as("admin")
    worker = make_user("caseworker", phone="13700000022", name="孙工作", district="yuxian")
    response = client.post(f"/admin/staff/{worker.id}", data={"role": "caseworker", "district": "mars"})
    assert response.status_code == 422 and "Choose a district from the list." in response.get_data(as_text=True)
    response = client.post(f"/admin/staff/{worker.id}", data={"role": "applicant", "district": ""})
    assert response.status_code == 422 and "Choose a staff role." in response.get_data(as_text=True)
    assert client.post(f"/admin/staff/{worker.id}", data={"role": "admin", "district": "yuxian"}).status_code == 303
    db.session.expire_all()
    person = db.session.get(User, worker.id)
    assert (person.role, person.district) == ("admin", None)
    assert json.loads(_events("account.role_changed")[0].detail) == {"from": "caseworker", "to": "admin"}


def test_a_switched_off_account_cannot_sign_in_and_is_signed_out_at_its_next_request(app, client, login_as):
    admin = login_as("admin")
    worker = make_user("caseworker", phone="13700000023", name="周工作", district="chengqu")
    theirs = app.test_client()
    theirs.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    assert theirs.post("/auth/login", data={"phone": worker.phone, "password": PASSWORD}).status_code == 303
    assert "周工作" in theirs.get("/me").get_data(as_text=True)

    assert client.post(f"/admin/staff/{worker.id}", data={"action": "deactivate"}).status_code == 303
    after = theirs.get("/me").get_data(as_text=True)
    assert "周工作" not in after and "Sign in to register your needs" in after
    assert theirs.get("/admin/staff").status_code == 302  # to the sign-in page
    refused = theirs.post("/auth/login", data={"phone": worker.phone, "password": PASSWORD})
    assert refused.status_code == 422 and "switched off" in refused.get_data(as_text=True)
    row = _events("account.deactivated")[0]
    assert (row.actor_id, row.subject_id, json.loads(row.detail)) == (admin.id, worker.id,
                                                                      {"from": "active", "to": "inactive"})
    assert "Switched off" in client.get("/admin/staff").get_data(as_text=True)

    assert client.post(f"/admin/staff/{worker.id}", data={"action": "reactivate"}).status_code == 303
    assert json.loads(_events("account.reactivated")[0].detail) == {"from": "inactive", "to": "active"}
    assert theirs.post("/auth/login", data={"phone": worker.phone, "password": PASSWORD}).status_code == 303


def test_an_admin_cannot_switch_off_or_demote_themself(client, login_as):
    admin = login_as("admin")
    page = client.get(f"/admin/staff/{admin.id}").get_data(as_text=True)
    assert "Switch off this account" not in page and "You cannot switch off your own account" in page
    response = client.post(f"/admin/staff/{admin.id}", data={"action": "deactivate"}, follow_redirects=True)
    assert "You cannot switch off your own account." in response.get_data(as_text=True)
    client.post(f"/admin/staff/{admin.id}", data={"role": "caseworker", "district": "chengqu"})
    db.session.expire_all()
    me = db.session.get(User, admin.id)
    assert me.active and me.role == "admin" and me.district is None
    assert not _events("account.deactivated") and not _events("account.role_changed")
    assert client.get("/me").status_code == 200


def test_staff_pages_are_for_staff_records_and_administrators_only(client, login_as):
    applicant = make_user(phone="13700000024")
    worker = make_user("caseworker", phone="13700000025", district="chengqu")
    login_as("caseworker", district="chengqu")
    assert client.get(f"/admin/staff/{worker.id}").status_code == 403
    assert client.post(f"/admin/staff/{worker.id}", data={"action": "deactivate"}).status_code == 403
    client.post("/auth/logout")
    login_as("admin")
    assert client.get(f"/admin/staff/{applicant.id}").status_code == 404
    assert client.get("/admin/staff/99999").status_code == 404
    assert db.session.get(User, worker.id).active


# --- decision texts ------------------------------------------------------------------------------

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


def test_me_page_links_the_admin_pages(client, login_as):
    login_as("admin")
    html = client.get("/me").get_data(as_text=True)
    for path in ("/admin/dashboard", "/admin/audit", "/admin/templates"):
        assert f'href="{path}"' in html


def test_the_staff_page_says_how_many_applications_the_person_is_checking(client, login_as):
    login_as("admin")
    worker = make_user("caseworker", phone="13700000026", name="吴工作", district="chengqu")
    item = factories.opportunity("course", capacity=2)
    machine.claim(worker, factories.submitted(factories.applicant(), item))
    html = client.get(f"/admin/staff/{worker.id}").get_data(as_text=True)
    assert "They are checking 1 application." in html
