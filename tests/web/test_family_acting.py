"""Acting for a linked person: choosing whom, writes on their behalf, what a helper sees, who reaches which page."""
import io

import pytest
from PIL import Image
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage

from tests.conftest import make_user
from tests.web.family_helpers import audit_events, banner, link_helper, sign_in
from webapp.extensions import db
from webapp.models import HelperInvite, Profile
from webapp.services.common.acting import Acting
from webapp.services.identity import consent, evidence


def _status(client, url: str) -> int:
    """GET and close the response (a photo is streamed from an open file)."""
    with client.get(url) as response:
        return response.status_code


def _photo_of(user):
    """A stored certificate photo of `user` (with their consent)."""
    consent.give(Acting(user, user))
    out = io.BytesIO()
    Image.new("RGB", (400, 300), (30, 120, 200)).save(out, "JPEG")
    out.seek(0)
    return evidence.add(Acting(user, user), "certificate", FileStorage(out, filename="photo.jpg"))


# Choosing whom to act for ---------------------------------------------------------------------

def test_a_helper_with_no_link_is_sent_to_choose(client, login_as):
    login_as("helper")
    response = client.get("/me/profile")
    assert response.status_code == 302 and response.location.endswith("/me/acting")
    page = client.get("/me/acting").get_data(as_text=True)
    assert "You are not linked to anyone yet." in page
    assert banner(page) is None


def test_a_helper_with_two_links_chooses_whom_to_act_for(client, login_as):
    first = make_user(phone="13700000001", name="王秀英")
    second = make_user(phone="13700000002", name="张建国")
    stranger = make_user(phone="13700000003", name="陌生人")
    helper = login_as("helper")
    link_helper(first, helper)
    link_helper(second, helper, "邻居")
    response = client.get("/me/profile")
    assert response.status_code == 302 and response.location.endswith("/me/acting")
    page = client.get("/me/acting").get_data(as_text=True)
    assert "Act for 王秀英" in page and "Act for 张建国" in page and banner(page) is None
    response = client.post(f"/me/acting/{second.id}")
    assert response.status_code == 303 and response.location.endswith("/me/profile")
    page = client.get("/me/profile").get_data(as_text=True)
    assert "You are now acting for 张建国." in page and banner(page) == "Acting for 张建国"
    assert client.post(f"/me/acting/{stranger.id}").status_code == 404
    assert client.post("/me/acting/999999").status_code == 404
    assert banner(client.get("/me").get_data(as_text=True)) == "Acting for 张建国"  # unchanged by the refusals
    client.post("/me/acting/stop")
    assert client.get("/me/profile").location.endswith("/me/acting")

# Acting on someone's behalf -------------------------------------------------------------------

def test_a_helpers_writes_are_recorded_as_done_on_behalf_of_the_person(client, login_as):
    applicant = make_user(phone="13700000001", name="王秀英")
    helper = login_as("helper", name="李明")
    link_helper(applicant, helper)
    response = client.post("/me/identity/name", data={"full_name": "王 秀英"})
    assert response.status_code == 303
    db.session.expire_all()
    profile = db.session.get(Profile, applicant.id)
    assert profile.full_name == "王 秀英" and profile.updated_by_id == helper.id
    assert db.session.get(Profile, helper.id) is None
    event = audit_events("profile.step_saved")[0]
    assert (event.actor_id, event.subject_id, event.on_behalf_of_id) == (helper.id, applicant.id, applicant.id)


def test_pages_speak_of_the_person_in_the_third_person_to_a_helper(client, login_as):
    applicant = make_user(phone="13700000001", name="王秀英")
    helper = login_as("helper")
    link_helper(applicant, helper)
    page = client.get("/me/needs").get_data(as_text=True)
    assert "what work and support they need" in page
    assert "what work and support you need" not in page
    sign_in(client, applicant)
    assert "what work and support you need" in client.get("/me/needs").get_data(as_text=True)


def test_a_helper_cannot_see_the_photos_of_someone_they_are_not_linked_to(client, login_as):
    linked = make_user(phone="13700000001", name="王秀英")
    other = make_user(phone="13700000002", name="张建国")
    own_photo, other_photo = _photo_of(linked), _photo_of(other)
    helper = login_as("helper")
    link_helper(linked, helper)
    assert _status(client, f"/evidence/{own_photo.id}/thumb") == 200
    assert _status(client, f"/evidence/{other_photo.id}/full") == 404
    assert _status(client, f"/evidence/{other_photo.id}/thumb") == 404
    assert audit_events("evidence.viewed") == []


@pytest.mark.parametrize("role, method, path", [
    ("applicant", "get", "/me/acting"),
    ("applicant", "post", "/me/acting"),
    ("helper", "get", "/me/helpers"),
    ("helper", "post", "/me/helpers/invite"),
    ("caseworker", "get", "/me/helpers"),
    ("applicant", "get", "/casework/helpers/link"),
    ("helper", "post", "/casework/helpers/link"),
])
def test_each_role_reaches_only_its_own_pages(client, login_as, role, method, path):
    login_as(role)
    assert getattr(client, method)(path).status_code == 403
    assert db.session.scalar(select(func.count()).select_from(HelperInvite)) == 0


@pytest.mark.parametrize("path", ["/me/helpers", "/me/acting", "/casework/helpers/link"])
def test_signed_out_visitors_are_sent_to_sign_in(client, path):
    response = client.get(path)
    assert response.status_code == 302 and "/auth/login" in response.location
