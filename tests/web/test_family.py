"""亲友代办: invite codes, acting for a linked person, revocation, and caseworker-made links."""
import io
import json
import re
from datetime import timedelta

import pytest
from PIL import Image
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage

from tests.conftest import PASSWORD, make_user
from webapp.extensions import db
from webapp.models import AuditEvent, HelperInvite, HelperLink, Profile
from webapp.models.base import utcnow
from webapp.services.common.acting import Acting
from webapp.services.family import invites
from webapp.services.identity import consent, evidence, profiles

# The code as shown, and spelled out character by character for screen readers.
CODE = re.compile(rf'class="invite-code"><span aria-hidden="true">([{invites.ALPHABET}]{{{invites.CODE_LENGTH}}})</span>'
                  r'<span class="visually-hidden">([^<]+)</span>')


def _events(action: str) -> list[AuditEvent]:
    return db.session.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)).all()


def _banner(page: str) -> str | None:
    """The "Acting for ..." line every page shows a helper, or None."""
    match = re.search(r'<p class="banner">(.*?) ·', page)
    return match.group(1) if match else None


def _links() -> list[HelperLink]:
    db.session.expire_all()  # requests commit in their own sessions
    return db.session.scalars(select(HelperLink).order_by(HelperLink.id)).all()


def _invite(applicant) -> str:
    return invites.create_invite(Acting(applicant, applicant))


def _link(applicant, helper, relationship: str = "女儿") -> HelperLink:
    return invites.accept_invite(helper, _invite(applicant), relationship)


def _status(client, url: str) -> int:
    """GET and close the response (a photo is streamed from an open file)."""
    with client.get(url) as response:
        return response.status_code


def _sign_in(client, user) -> None:
    response = client.post("/auth/login", data={"phone": user.phone, "password": PASSWORD})
    assert response.status_code == 303, response.get_data(as_text=True)


def _in_district(user, district: str):
    profiles.save_step(Acting(user, user), "district", {"district": district, "town": "上站街道"})
    return user


def _photo_of(user):
    """A stored certificate photo of `user` (with their consent)."""
    consent.give(Acting(user, user))
    out = io.BytesIO()
    Image.new("RGB", (400, 300), (30, 120, 200)).save(out, "JPEG")
    out.seek(0)
    return evidence.add(Acting(user, user), "certificate", FileStorage(out, filename="photo.jpg"))


@pytest.fixture
def second_client(app):
    """Another browser, for a second person signed in at the same time."""
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


# Invite codes --------------------------------------------------------------------------------

def test_an_applicant_creates_a_code_that_is_shown_once_and_stored_only_as_a_hash(client, login_as):
    applicant = login_as("applicant", name="王秀英")
    response = client.post("/me/helpers/invite")
    assert response.status_code == 303 and response.location.endswith("/me/helpers#invite-code")
    page = client.get("/me/helpers").get_data(as_text=True)
    shown = CODE.search(page)
    code = shown.group(1)
    assert shown.group(2) == " ".join(code)
    assert "Your invite code" in page and "It works once, for 24 hours" in page
    again = client.get("/me/helpers").get_data(as_text=True)
    assert code not in again and "Your invite code" not in again
    invite = db.session.scalar(select(HelperInvite))
    assert invite.applicant_id == applicant.id and invite.used_at is None
    assert invite.code_hash != code and code not in invite.code_hash
    assert timedelta(hours=23) < invite.expires_at - utcnow() <= timedelta(hours=24)
    event = _events("helper.invite_created")[0]
    assert (event.actor_id, event.subject_id, event.on_behalf_of_id) == (applicant.id, applicant.id, None)


def test_a_helper_links_with_the_code_and_then_acts_for_the_person(client, login_as):
    applicant = make_user(phone="13700000001", name="王秀英")
    code = _invite(applicant)
    helper = login_as("helper", name="李明")
    response = client.post("/me/acting", data={"code": code, "relationship": "  儿子 "})
    assert response.status_code == 303 and response.location.endswith("/me/profile")
    [link] = _links()
    assert (link.applicant_id, link.helper_id, link.relationship_label) == (applicant.id, helper.id, "儿子")
    assert link.created_by_id == helper.id and link.reason is None and link.revoked_at is None
    invite = db.session.scalar(select(HelperInvite))
    assert invite.used_by_id == helper.id and invite.used_at is not None
    profile_page = client.get("/me/profile")
    assert profile_page.status_code == 200
    assert "You can now act for 王秀英." in profile_page.get_data(as_text=True)
    assert _banner(profile_page.get_data(as_text=True)) == "Acting for 王秀英"
    me = client.get("/me").get_data(as_text=True)
    assert _banner(me) == "Acting for 王秀英" and "Profile of 王秀英" in me
    event = _events("helper.linked")[0]
    assert (event.actor_id, event.subject_id) == (helper.id, applicant.id)
    assert json.loads(event.detail)["helper_id"] == helper.id


def test_a_code_typed_in_lower_case_with_spaces_is_accepted(client, login_as):
    applicant = make_user(phone="13700000001", name="王秀英")
    code = _invite(applicant)
    login_as("helper")
    typed = f" {code[:4].lower()} {code[4:].lower()} "
    response = client.post("/me/acting", data={"code": typed, "relationship": "邻居"})
    assert response.status_code == 303
    assert [link.applicant_id for link in _links()] == [applicant.id]


@pytest.mark.parametrize("case", ["used", "expired", "unknown"])
def test_a_used_expired_or_unknown_code_is_refused(client, login_as, case):
    applicant = make_user(phone="13700000001", name="王秀英")
    code = _invite(applicant)
    if case == "used":
        invites.accept_invite(make_user("helper", phone="13700000002"), code, "女儿")
    elif case == "expired":
        db.session.scalar(select(HelperInvite)).expires_at = utcnow() - timedelta(minutes=1)
        db.session.commit()
    else:
        code = "ABCD2345" if code != "ABCD2345" else "ABCD2346"  # well formed, never issued
    links_before = len(_links())
    helper = login_as("helper")
    response = client.post("/me/acting", data={"code": code, "relationship": "邻居"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "This code is not valid" in page and "<title>Error:" in page
    assert 'aria-invalid="true"' in page and 'href="#code"' in page
    assert len(_links()) == links_before
    assert not any(link.helper_id == helper.id for link in _links())
    assert _events("helper.invite_refused")[-1].actor_id == helper.id
    assert _banner(client.get("/me").get_data(as_text=True)) is None


@pytest.mark.parametrize("fields, field, message", [
    ({"relationship": ""}, "relationship", "Say how you are related, for example daughter or neighbour."),
    ({"relationship": "   "}, "relationship", "Say how you are related, for example daughter or neighbour."),
    ({"code": ""}, "code", "Enter the 8-character code."),
])
def test_an_empty_code_or_relationship_is_refused_beside_the_field(client, login_as, fields, field, message):
    applicant = make_user(phone="13700000001", name="王秀英")
    code = _invite(applicant)
    login_as("helper")
    response = client.post("/me/acting", data={"code": code, "relationship": "儿子", **fields})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in page and f'href="#{field}"' in page and "<title>Error:" in page
    assert _links() == []
    assert db.session.scalar(select(HelperInvite)).used_at is None  # the code still works


# Choosing whom to act for ---------------------------------------------------------------------

def test_a_helper_with_no_link_is_sent_to_choose(client, login_as):
    login_as("helper")
    response = client.get("/me/profile")
    assert response.status_code == 302 and response.location.endswith("/me/acting")
    page = client.get("/me/acting").get_data(as_text=True)
    assert "You are not linked to anyone yet." in page
    assert _banner(page) is None


def test_a_helper_with_two_links_chooses_whom_to_act_for(client, login_as):
    first = make_user(phone="13700000001", name="王秀英")
    second = make_user(phone="13700000002", name="张建国")
    stranger = make_user(phone="13700000003", name="陌生人")
    helper = login_as("helper")
    _link(first, helper)
    _link(second, helper, "邻居")
    response = client.get("/me/profile")
    assert response.status_code == 302 and response.location.endswith("/me/acting")
    page = client.get("/me/acting").get_data(as_text=True)
    assert "Act for 王秀英" in page and "Act for 张建国" in page and _banner(page) is None
    response = client.post(f"/me/acting/{second.id}")
    assert response.status_code == 303 and response.location.endswith("/me/profile")
    page = client.get("/me/profile").get_data(as_text=True)
    assert "You are now acting for 张建国." in page and _banner(page) == "Acting for 张建国"
    assert client.post(f"/me/acting/{stranger.id}").status_code == 404
    assert client.post("/me/acting/999999").status_code == 404
    assert _banner(client.get("/me").get_data(as_text=True)) == "Acting for 张建国"  # unchanged by the refusals
    client.post("/me/acting/stop")
    assert client.get("/me/profile").location.endswith("/me/acting")


# Revocation -----------------------------------------------------------------------------------

def test_revoking_ends_the_helpers_access_at_once(client, second_client, login_as):
    applicant = login_as("applicant", name="王秀英")
    helper = make_user("helper", phone="13700000002", name="李明")
    link = _link(applicant, helper)
    _sign_in(second_client, helper)
    assert _banner(second_client.get("/me/profile").get_data(as_text=True)) == "Acting for 王秀英"

    response = client.post(f"/me/helpers/{link.id}/revoke")
    assert response.status_code == 303 and response.location.endswith("/me/helpers")
    page = client.get("/me/helpers").get_data(as_text=True)
    assert "李明 can no longer act for you." in page and "Ended" in page
    assert "End link with 李明" not in page

    response = second_client.get("/me/profile")
    assert response.status_code == 302 and response.location.endswith("/me/acting")
    assert _banner(second_client.get("/me").get_data(as_text=True)) is None
    assert "王秀英" not in second_client.get("/me/acting").get_data(as_text=True)
    [stored] = _links()
    assert stored.revoked_at is not None and stored.revoked_by_id == applicant.id
    event = _events("helper.revoked")[0]
    assert (event.actor_id, event.subject_id, event.on_behalf_of_id) == (applicant.id, applicant.id, None)
    assert json.loads(event.detail)["helper_id"] == helper.id


def test_an_applicant_cannot_revoke_someone_elses_link(client, login_as):
    other = make_user(phone="13700000001", name="王秀英")
    link = _link(other, make_user("helper", phone="13700000002"))
    login_as("applicant")
    assert client.post(f"/me/helpers/{link.id}/revoke").status_code == 404
    assert client.post("/me/helpers/999999/revoke").status_code == 404
    assert _links()[0].revoked_at is None
    assert _events("helper.revoked") == []


# Acting on someone's behalf -------------------------------------------------------------------

def test_a_helpers_writes_are_recorded_as_done_on_behalf_of_the_person(client, login_as):
    applicant = make_user(phone="13700000001", name="王秀英")
    helper = login_as("helper", name="李明")
    _link(applicant, helper)
    response = client.post("/me/identity/name", data={"full_name": "王 秀英"})
    assert response.status_code == 303
    db.session.expire_all()
    profile = db.session.get(Profile, applicant.id)
    assert profile.full_name == "王 秀英" and profile.updated_by_id == helper.id
    assert db.session.get(Profile, helper.id) is None
    event = _events("profile.step_saved")[0]
    assert (event.actor_id, event.subject_id, event.on_behalf_of_id) == (helper.id, applicant.id, applicant.id)


def test_pages_speak_of_the_person_in_the_third_person_to_a_helper(client, login_as):
    applicant = make_user(phone="13700000001", name="王秀英")
    helper = login_as("helper")
    _link(applicant, helper)
    page = client.get("/me/needs").get_data(as_text=True)
    assert "what work and support they need" in page
    assert "what work and support you need" not in page
    _sign_in(client, applicant)
    assert "what work and support you need" in client.get("/me/needs").get_data(as_text=True)


def test_a_helper_cannot_see_the_photos_of_someone_they_are_not_linked_to(client, login_as):
    linked = make_user(phone="13700000001", name="王秀英")
    other = make_user(phone="13700000002", name="张建国")
    own_photo, other_photo = _photo_of(linked), _photo_of(other)
    helper = login_as("helper")
    _link(linked, helper)
    assert _status(client, f"/evidence/{own_photo.id}/thumb") == 200
    assert _status(client, f"/evidence/{other_photo.id}/full") == 404
    assert _status(client, f"/evidence/{other_photo.id}/thumb") == 404
    assert _events("evidence.viewed") == []


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


# Links made by a caseworker -------------------------------------------------------------------

LINK_FORM = {"applicant_phone": "137 0000 0001", "helper_phone": "13700000002", "relationship": "儿子",
             "reason": "重度智力残疾，不会使用手机"}


def test_a_caseworker_links_a_helper_for_a_person_in_their_district(client, login_as):
    applicant = _in_district(make_user(phone="13700000001", name="王秀英"), "chengqu")
    helper = make_user("helper", phone="13700000002", name="李明")
    caseworker = login_as("caseworker", district="chengqu")
    response = client.post("/casework/helpers/link", data=LINK_FORM)
    assert response.status_code == 303 and response.location.endswith("/casework/helpers/link")
    assert "李明 can now act for 王秀英." in client.get(response.location).get_data(as_text=True)
    [link] = _links()
    assert (link.applicant_id, link.helper_id, link.relationship_label) == (applicant.id, helper.id, "儿子")
    assert link.reason == "重度智力残疾，不会使用手机" and link.created_by_id == caseworker.id
    event = _events("helper.linked")[0]
    assert (event.actor_id, event.subject_id) == (caseworker.id, applicant.id)
    assert json.loads(event.detail)["reason"] == "重度智力残疾，不会使用手机"

    _sign_in(client, applicant)
    page = client.get("/me/helpers").get_data(as_text=True)
    assert "李明（儿子）" in page and "Linked by a caseworker: 重度智力残疾，不会使用手机" in page
    _sign_in(client, helper)
    assert _banner(client.get("/me/profile").get_data(as_text=True)) == "Acting for 王秀英"


@pytest.mark.parametrize("change, field, message", [
    ({"reason": "  "}, "reason", "Give the reason the person cannot link a helper themself."),
    ({"relationship": ""}, "relationship", "Say how they are related"),
    ("other district", "applicant_phone", "This person is not registered in your district."),
    ("no profile", "applicant_phone", "This person is not registered in your district."),
    ({"helper_phone": "13700000003"}, "helper_phone", "No family helper account uses this number."),
    ({"helper_phone": "13700000009"}, "helper_phone", "No family helper account uses this number."),
    ({"applicant_phone": "13700000009"}, "applicant_phone", "No jobseeker account uses this number."),
    ({"applicant_phone": "13700000002"}, "applicant_phone", "No jobseeker account uses this number."),
    ({"applicant_phone": "12345"}, "applicant_phone", "Enter an 11-digit mainland mobile number"),
])
def test_a_caseworker_link_is_refused_with_a_message(client, login_as, change, field, message):
    applicant = make_user(phone="13700000001", name="王秀英")
    if change != "no profile":
        _in_district(applicant, "jiaoqu" if change == "other district" else "chengqu")
    make_user("helper", phone="13700000002", name="李明")
    _in_district(make_user(phone="13700000003", name="张建国"), "chengqu")  # an applicant, not a helper
    login_as("caseworker", district="chengqu")
    response = client.post("/casework/helpers/link", data={**LINK_FORM, **(change if isinstance(change, dict) else {})})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in page and f'href="#{field}"' in page and "<title>Error:" in page
    assert _links() == [] and _events("helper.linked") == []
