"""我的数据: download everything as a zip, close the account, and the purge after retention."""
import io
import json
import zipfile
from datetime import timedelta
from pathlib import Path

from PIL import Image
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage

from tests.conftest import PASSWORD, make_user
from webapp.extensions import db
from webapp.models import AuditEvent, Consent, Evidence, HelperInvite, HelperLink, NeedsRegistration, Profile, User
from webapp.models.base import utcnow
from webapp.services.common.acting import Acting
from webapp.services.family import invites
from webapp.services.identity import consent, evidence, mydata, numbers, profiles
from webapp.services.needs import steps

BODY = "14030219850612123"
ID_NUMBER = BODY + numbers.check_character(BODY)
CERTIFICATE = ID_NUMBER + "12"


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (640, 480), (200, 30, 30)).save(out, "JPEG")
    return out.getvalue()


def _full_record(user):
    """Consent, identity answers, a needs draft and a certificate photo for `user`; returns the photo."""
    acting = Acting(user, user)
    consent.give(acting)
    profiles.save_step(acting, "name", {"full_name": user.name})
    profiles.save_step(acting, "id-number", {"id_number": ID_NUMBER})
    profiles.save_step(acting, "certificate", {"certificate_number": CERTIFICATE})
    profiles.save_step(acting, "district", {"district": "chengqu", "town": "上站街道"})
    steps.save_step(acting, "status", {"employment_status": "unemployed"})
    return evidence.add(acting, "certificate", FileStorage(io.BytesIO(_jpeg()), filename="证.jpg"))


def _link(applicant, helper, relationship: str = "女儿") -> HelperLink:
    return invites.accept_invite(helper, invites.create_invite(Acting(applicant, applicant)), relationship)


def _events(action: str) -> list[AuditEvent]:
    return db.session.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)).all()


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def _stored_files(app) -> list[str]:
    folder = Path(app.config["UPLOAD_FOLDER"])
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


def _download(client):
    response = client.get("/me/data/download")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    assert response.headers["Cache-Control"] == "private, no-store"
    assert "attachment" in response.headers["Content-Disposition"]
    return zipfile.ZipFile(io.BytesIO(response.data))


# Download -------------------------------------------------------------------------------------

def test_the_download_holds_the_whole_record_and_no_password(app, client, login_as):
    user = login_as(name="王秀英", phone="13812345678")
    photo = _full_record(user)
    _link(user, make_user("helper", phone="13700000002", name="李明"))
    archive = _download(client)
    raw = archive.read("data.json").decode()
    data = json.loads(raw)
    assert data["account"]["phone"] == "13812345678" and data["account"]["name"] == "王秀英"
    assert data["profile"]["id_number"] == ID_NUMBER and data["profile"]["certificate_number"] == CERTIFICATE
    assert data["profile"]["district"] == "chengqu"
    assert "id_number_enc" not in data["profile"] and "id_hash" not in data["profile"]
    assert [c["notice_version"] for c in data["consents"]] == [consent.NOTICE_VERSION]
    assert [n["employment_status"] for n in data["needs_registrations"]] == ["unemployed"]
    assert [e["kind"] for e in data["evidence"]] == ["certificate"]
    assert [link["relationship"] for link in data["helper_links"]] == ["女儿"]
    assert "consent.given" in [event["action"] for event in data["audit"]]
    assert "password_hash" not in raw and db.session.get(User, user.id).password_hash not in raw
    photos = [name for name in archive.namelist() if name.startswith("evidence/")]
    assert photos == [f"evidence/certificate-{photo.id}.jpg"]
    assert archive.read(photos[0]) == (Path(app.config["UPLOAD_FOLDER"]) / photo.file_name).read_bytes()
    event = _events("data.exported")[0]
    assert (event.actor_id, event.subject_id, event.on_behalf_of_id) == (user.id, user.id, None)


def test_a_new_account_downloads_just_the_account(client, login_as):
    login_as(phone="13812345678")
    archive = _download(client)
    data = json.loads(archive.read("data.json"))
    assert data["account"]["phone"] == "13812345678" and "profile" not in data
    assert data["consents"] == data["needs_registrations"] == data["evidence"] == data["helper_links"] == []
    assert archive.namelist() == ["data.json"]


def test_a_helper_downloads_the_data_of_the_person_they_act_for(client, login_as):
    applicant = make_user(phone="13812345678", name="王秀英")
    _full_record(applicant)
    helper = login_as("helper", name="李明")
    _link(applicant, helper)
    data = json.loads(_download(client).read("data.json"))
    assert data["account"]["phone"] == "13812345678"
    assert [link["helper_id"] for link in data["helper_links"]] == [helper.id]
    event = _events("data.exported")[0]
    assert (event.actor_id, event.subject_id, event.on_behalf_of_id) == (helper.id, applicant.id, applicant.id)


def test_a_helper_with_no_link_downloads_nothing(client, login_as):
    login_as("helper")
    response = client.get("/me/data/download")
    assert response.status_code == 302 and response.location.endswith("/me/acting")
    assert _events("data.exported") == []


# Deletion -------------------------------------------------------------------------------------

def test_deleting_closes_the_account_now_and_sets_the_purge_date(app, client, login_as):
    user = login_as(phone="13812345678", name="王秀英")
    _full_record(user)
    _link(user, make_user("helper", phone="13700000002", name="李明"))
    page = client.get("/me/data/delete").get_data(as_text=True)
    assert "Are you sure?" in page and 'action="/me/data/delete"' in page and "Keep my account" in page
    assert db.session.get(User, user.id).deleted_at is None  # looking is not deleting

    response = client.post("/me/data/delete")
    assert response.status_code == 303 and response.location.endswith("/")
    assert "The account is closed." in client.get(response.location).get_data(as_text=True)
    assert "Sign out" not in client.get("/me").get_data(as_text=True)
    assert client.get("/me/profile").status_code == 302

    db.session.expire_all()
    user = db.session.get(User, user.id)
    assert user.active is False and user.deleted_at is not None
    retention = timedelta(days=app.config["DATA_RETENTION_DAYS"])
    assert user.purge_after - user.deleted_at == retention
    assert abs(user.purge_after - (utcnow() + retention)) < timedelta(minutes=1)
    assert all(link.revoked_at is not None and link.revoked_by_id == user.id
               for link in db.session.scalars(select(HelperLink)))
    assert _count(Profile) == 1 and _count(Evidence) == 1  # erased only at the purge
    event = _events("data.deletion_requested")[0]
    assert (event.actor_id, event.subject_id) == (user.id, user.id)

    response = client.post("/auth/login", data={"phone": "13812345678", "password": PASSWORD})
    assert response.status_code == 422
    assert "switched off" in response.get_data(as_text=True)


def test_a_helper_loses_access_when_the_person_deletes_their_account(client, login_as):
    applicant = make_user(phone="13812345678", name="王秀英")
    helper = login_as("helper")
    _link(applicant, helper)
    assert client.get("/me/profile").status_code == 200
    mydata.request_deletion(Acting(applicant, applicant))
    response = client.get("/me/profile")
    assert response.status_code == 302 and response.location.endswith("/me/acting")


# Purge ----------------------------------------------------------------------------------------

def test_the_purge_erases_personal_data_after_the_retention_period_and_keeps_the_audit_log(app, login_as):
    user = make_user(phone="13812345678", name="王秀英")
    _full_record(user)
    helper = make_user("helper", phone="13700000002", name="李明")
    _link(user, helper)
    invites.create_invite(Acting(user, user))
    keeper = make_user(phone="13812345679", name="张建国")  # not deleting: untouched
    consent.give(Acting(keeper, keeper))
    mydata.request_deletion(Acting(user, user))
    db.session.refresh(user)
    due = user.purge_after
    audit_rows = _count(AuditEvent)

    assert mydata.purge_due(now=due - timedelta(minutes=1)) == 0
    db.session.expire_all()
    assert _count(Profile) == 1 and _count(Evidence) == 1 and _count(NeedsRegistration) == 1
    assert len(_stored_files(app)) == 2 and db.session.get(User, user.id).phone == "13812345678"

    assert mydata.purge_due(now=due + timedelta(seconds=1)) == 1
    db.session.expire_all()
    assert db.session.get(Profile, user.id) is None
    assert db.session.scalars(select(NeedsRegistration).where(NeedsRegistration.user_id == user.id)).all() == []
    assert db.session.scalars(select(Consent).where(Consent.user_id == user.id)).all() == []
    assert db.session.scalars(select(Evidence).where(Evidence.user_id == user.id)).all() == []
    assert _count(HelperLink) == 0 and _count(HelperInvite) == 0
    assert _stored_files(app) == []
    purged = db.session.get(User, user.id)
    assert purged.phone.startswith("x") and purged.name == "" and purged.active is False
    assert "13812345678" not in purged.phone
    assert _count(AuditEvent) == audit_rows + 1  # nothing removed, one row added
    assert _events("data.purged")[0].subject_id == user.id
    assert _events("consent.given")[0].subject_id == user.id
    kept = db.session.get(User, keeper.id)
    assert kept.phone == "13812345679" and consent.active_consent(kept) is not None
    assert db.session.get(User, helper.id).phone == "13700000002"

    assert mydata.purge_due(now=due + timedelta(days=1)) == 0  # once only
