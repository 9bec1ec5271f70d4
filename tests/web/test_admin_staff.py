"""Administrators manage staff: district, role, switching accounts off and on, the staff page."""
import json

from sqlalchemy import select

from tests import factories
from tests.conftest import PASSWORD, make_user
from webapp.extensions import db
from webapp.models import AuditEvent, User
from webapp.services.applications import machine


def _events(action: str) -> list[AuditEvent]:
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)))


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


def test_a_switched_off_account_cannot_sign_in_and_is_signed_out_at_its_next_request(app, client, login_as,
                                                                                     client_for):
    admin = login_as("admin")
    worker = make_user("caseworker", phone="13700000023", name="周工作", district="chengqu")
    theirs = client_for(worker)
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


def test_the_staff_page_says_how_many_applications_the_person_is_checking(client, login_as):
    login_as("admin")
    worker = make_user("caseworker", phone="13700000026", name="吴工作", district="chengqu")
    item = factories.opportunity("course", capacity=2)
    machine.claim(worker, factories.submitted(factories.applicant(), item))
    html = client.get(f"/admin/staff/{worker.id}").get_data(as_text=True)
    assert "They are checking 1 application." in html
