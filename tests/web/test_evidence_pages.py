"""证件照片 pages: upload with consent, refusals, who may see a photo, removing one (even when the
file cannot be deleted), and sweeping the files no photo refers to."""
import io
import os
import re
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from tests.conftest import make_user
from webapp.extensions import db
from webapp.models import AuditEvent, Evidence
from webapp.services.common.acting import Acting
from webapp.services.identity import consent, evidence, profiles


def _jpeg(color=(200, 30, 30), size=(640, 480)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "JPEG")
    return out.getvalue()


def _noisy_jpeg() -> bytes:
    """A photo with real detail, so cutting it short really cuts into the picture."""
    out = io.BytesIO()
    Image.effect_noise((640, 480), 60).convert("RGB").save(out, "JPEG", quality=90)
    return out.getvalue()


def _upload(client, content: bytes | None, kind: str = "certificate", filename: str = "photo.jpg"):
    data = {} if content is None else {kind: (io.BytesIO(content), filename)}
    return client.post(f"/me/evidence/{kind}", data=data, content_type="multipart/form-data")


def _fetch(client, url: str):
    """GET, read and close: photos are streamed from open files."""
    with client.get(url) as response:
        response.get_data()
    return response


def _stored_files(app) -> list[str]:
    folder = Path(app.config["UPLOAD_FOLDER"])
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


def _rows() -> list[Evidence]:
    db.session.expire_all()  # requests commit in their own sessions
    return db.session.scalars(select(Evidence).order_by(Evidence.id)).all()


def _actions() -> list[str]:
    return db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()


def _consented(user):
    consent.give(Acting(user, user))
    return user


def _owner_with_photo(district: str = "chengqu"):
    """An applicant of `district` with a stored certificate photo."""
    owner = _consented(make_user(phone="13700000001", name="王秀英"))
    profiles.save_step(Acting(owner, owner), "district", {"district": district, "town": "上站街道"})
    row = evidence.add(Acting(owner, owner), "certificate", FileStorage(io.BytesIO(_jpeg()), filename="证.jpg"))
    return owner, row


# Uploading ------------------------------------------------------------------------------------

def test_without_consent_an_upload_is_sent_to_the_consent_page_and_nothing_is_stored(app, client, login_as):
    login_as()
    response = _upload(client, _jpeg())
    assert response.status_code == 303 and "/me/consent?next=" in response.location
    page = client.get(response.location).get_data(as_text=True)
    assert "Give your consent before disability information is stored." in page
    assert _rows() == [] and _stored_files(app) == []
    assert "evidence.uploaded" not in _actions()


def test_a_photo_is_stored_privately_and_shown_to_its_owner(app, client, login_as):
    user = _consented(login_as(name="王秀英"))
    response = _upload(client, _jpeg())
    assert response.status_code == 303 and response.location.endswith("/me/evidence")
    [row] = _rows()
    assert (row.user_id, row.kind, row.uploaded_by_id, row.mime) == (user.id, "certificate", user.id, "image/jpeg")
    assert row.deleted_at is None and "photo" not in row.file_name
    assert _stored_files(app) == sorted([row.file_name, row.thumb_name])
    assert (Path(app.config["UPLOAD_FOLDER"]) / row.file_name).stat().st_size == row.size

    page = client.get("/me/evidence").get_data(as_text=True)
    assert "Photo uploaded." in page
    img = re.search(rf'<img src="/evidence/{row.id}/thumb" alt="([^"]+)" loading="lazy">', page)
    assert img and img.group(1).startswith("Photo of the Disability certificate")
    assert f'href="/evidence/{row.id}/full"' in page

    for size in ("full", "thumb"):
        shown = _fetch(client, f"/evidence/{row.id}/{size}")
        assert shown.status_code == 200 and shown.mimetype == "image/jpeg"
        assert shown.headers["Cache-Control"] == "private, no-store"
        assert Image.open(io.BytesIO(shown.data)).format == "JPEG"
    assert _fetch(client, f"/evidence/{row.id}/full").data == (Path(app.config["UPLOAD_FOLDER"]) / row.file_name).read_bytes()
    assert _actions().count("evidence.uploaded") == 1
    assert "evidence.viewed" not in _actions()  # owners looking at their own photos are not logged


def test_a_second_photo_of_the_same_kind_replaces_the_first(app, client, login_as):
    _consented(login_as())
    _upload(client, _jpeg((200, 30, 30)))
    _upload(client, _jpeg((30, 200, 30)))
    _upload(client, _jpeg((30, 30, 200)), kind="id_card")
    old, new, id_card = _rows()
    assert old.deleted_at is not None and new.deleted_at is None and id_card.deleted_at is None
    assert (old.kind, new.kind, id_card.kind) == ("certificate", "certificate", "id_card")
    page = client.get("/me/evidence").get_data(as_text=True)
    assert f"/evidence/{new.id}/thumb" in page and f"/evidence/{id_card.id}/thumb" in page
    assert f"/evidence/{old.id}/" not in page
    assert page.count("<img ") == 2
    assert _fetch(client, f"/evidence/{old.id}/full").status_code == 404


@pytest.mark.parametrize("content, filename, message", [
    (None, None, "Choose a photo to upload."),
    (b"", "photo.jpg", "The file you chose is empty. Choose another photo."),
    (b"Hello, this is a letter, not a photo.\n", "photo.jpg", "The file must be a photo in JPG, PNG or WebP format."),
    ("truncated", "photo.jpg", "Part of the photo is missing: the file was cut short. Upload it again, or take a new photo."),
], ids=["no file", "empty", "text named .jpg", "truncated"])
def test_a_refused_upload_says_why_and_stores_nothing(app, client, login_as, content, filename, message):
    _consented(login_as())
    if content == "truncated":
        whole = _noisy_jpeg()
        content = whole[: len(whole) // 2]
    response = _upload(client, content, filename=filename or "")
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in page
    assert "<title>Error:" in page
    assert 'href="#certificate"' in page and 'aria-invalid="true"' in page
    assert _rows() == [] and _stored_files(app) == []
    assert "evidence.uploaded" not in _actions()


def test_an_unknown_kind_of_document_is_not_found(app, client, login_as):
    _consented(login_as())
    assert _upload(client, _jpeg(), kind="passport").status_code == 404
    assert _rows() == [] and _stored_files(app) == []


# Who may see a photo --------------------------------------------------------------------------

@pytest.mark.parametrize("role, fields, status", [
    ("applicant", {}, 404),
    ("helper", {}, 404),  # not linked to the owner
    ("caseworker", {"district": "chengqu"}, 200),
    ("caseworker", {"district": None}, 200),  # city-wide
    ("caseworker", {"district": "jiaoqu"}, 404),
    ("admin", {}, 404),
])
def test_only_the_owner_and_caseworkers_of_their_district_see_a_photo(client, login_as, role, fields, status):
    owner, row = _owner_with_photo("chengqu")
    viewer = login_as(role, **fields)
    for size in ("full", "thumb"):
        assert _fetch(client, f"/evidence/{row.id}/{size}").status_code == status
    viewed = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "evidence.viewed")).all()
    if status == 200:
        # the full photo and its thumbnail within minutes: one view recorded
        assert [(e.actor_id, e.subject_id) for e in viewed] == [(viewer.id, owner.id)]
    else:
        assert viewed == []


def test_signed_out_visitors_are_sent_to_sign_in(client):
    _, row = _owner_with_photo()
    response = _fetch(client, f"/evidence/{row.id}/full")
    assert response.status_code == 302 and "/auth/login" in response.location


# Removing -------------------------------------------------------------------------------------

def test_the_owner_removes_a_photo(client, login_as):
    user = _consented(login_as())
    _upload(client, _jpeg())
    [row] = _rows()
    response = client.post(f"/me/evidence/{row.id}/remove")
    assert response.status_code == 303 and response.location.endswith("/me/evidence")
    page = client.get("/me/evidence").get_data(as_text=True)
    assert "Photo removed." in page and f"/evidence/{row.id}/" not in page and "<img " not in page
    [row] = _rows()
    assert row.deleted_at is not None
    assert _fetch(client, f"/evidence/{row.id}/full").status_code == 404
    assert client.post(f"/me/evidence/{row.id}/remove").status_code == 404  # already gone
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "evidence.removed"))
    assert (event.actor_id, event.subject_id) == (user.id, user.id)


def test_nobody_removes_someone_elses_photo(client, login_as):
    _, row = _owner_with_photo()
    login_as()
    assert client.post(f"/me/evidence/{row.id}/remove").status_code == 404
    assert client.post("/me/evidence/999999/remove").status_code == 404
    assert _rows()[0].deleted_at is None
    assert "evidence.removed" not in _actions()


# When a file cannot be deleted ----------------------------------------------------------------

@pytest.fixture
def unwritable_folder(app, monkeypatch):
    """Deleting in the upload folder fails, as when it cannot be written (the suite runs as root,
    for whom permissions do not stop anything, so os.unlink is made to fail instead)."""
    folder = Path(app.config["UPLOAD_FOLDER"])
    real_unlink = os.unlink

    def unlink(path, *args, **kwargs):
        if Path(path).parent == folder:
            raise PermissionError(13, "Permission denied", str(path))
        return real_unlink(path, *args, **kwargs)

    monkeypatch.setattr(os, "unlink", unlink)
    return lambda: monkeypatch.setattr(os, "unlink", real_unlink)


def _age_files(app, seconds: float = 3600) -> None:
    for path in Path(app.config["UPLOAD_FOLDER"]).iterdir():
        os.utime(path, (path.stat().st_atime - seconds, path.stat().st_mtime - seconds))


def _sweep(app) -> str:
    result = app.test_cli_runner().invoke(args=["sweep-uploads"])
    assert result.exit_code == 0, result.output
    return result.output.strip()


def test_removing_a_photo_whose_file_cannot_be_deleted_still_removes_it_and_the_sweep_deletes_the_file_later(
        app, client, login_as, unwritable_folder):
    _consented(login_as())
    _upload(client, _jpeg())
    [row] = _rows()
    response = client.post(f"/me/evidence/{row.id}/remove")
    assert response.status_code == 303
    assert "Photo removed." in client.get("/me/evidence").get_data(as_text=True)
    [row] = _rows()
    assert row.deleted_at is not None and "evidence.removed" in _actions()
    assert _stored_files(app) == sorted([row.file_name, row.thumb_name])  # left for the sweep

    unwritable_folder()  # the folder can be written again
    assert _sweep(app) == "Removed 0 unreferenced upload file(s)."  # too young: could be an upload on its way
    _age_files(app)
    assert _sweep(app) == "Removed 2 unreferenced upload file(s)."
    assert _stored_files(app) == []


def test_replacing_a_photo_whose_old_file_cannot_be_deleted_still_stores_the_new_one(
        app, client, login_as, unwritable_folder):
    _consented(login_as())
    _upload(client, _jpeg((200, 30, 30)))
    response = _upload(client, _jpeg((30, 200, 30)))
    assert response.status_code == 303
    assert "Photo uploaded." in client.get("/me/evidence").get_data(as_text=True)
    old, new = _rows()
    assert old.deleted_at is not None and new.deleted_at is None
    assert len(_stored_files(app)) == 4

    unwritable_folder()
    _age_files(app)
    assert _sweep(app) == "Removed 2 unreferenced upload file(s)."
    assert _stored_files(app) == sorted([new.file_name, new.thumb_name])
    assert _fetch(client, f"/evidence/{new.id}/full").status_code == 200


def test_the_sweep_keeps_every_photo_in_use(app):
    _, row = _owner_with_photo()
    _age_files(app)
    assert _sweep(app) == "Removed 0 unreferenced upload file(s)."
    assert _stored_files(app) == sorted([row.file_name, row.thumb_name])
