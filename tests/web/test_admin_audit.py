"""Administrators' audit log: search, what a row shows, pages, who may read it, read only."""
import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import event

from tests.conftest import make_user
from webapp.extensions import db
from webapp.services.audit import log as audit
from webapp.services.audit import search as audit_search

WEBAPP = Path(__file__).resolve().parents[2] / "webapp"


def _rows(html: str) -> int:
    """Body rows of the results table (each starts with its time as a row header)."""
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0] if "<tbody>" in html else ""
    return body.count('<th scope="row">')


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
