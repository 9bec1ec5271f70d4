"""Invite codes: a person makes one, a helper links with it, and bad codes or answers are refused."""
import json
import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.conftest import make_user
from tests.web.family_helpers import audit_events, banner, helper_links, invite_code
from webapp.extensions import db
from webapp.models import HelperInvite
from webapp.models.base import utcnow
from webapp.services.family import invites

# The code as shown, and spelled out character by character for screen readers.
CODE = re.compile(rf'class="invite-code"><span aria-hidden="true">([{invites.ALPHABET}]{{{invites.CODE_LENGTH}}})</span>'
                  r'<span class="visually-hidden">([^<]+)</span>')


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
    event = audit_events("helper.invite_created")[0]
    assert (event.actor_id, event.subject_id, event.on_behalf_of_id) == (applicant.id, applicant.id, None)


def test_a_helper_links_with_the_code_and_then_acts_for_the_person(client, login_as):
    applicant = make_user(phone="13700000001", name="王秀英")
    code = invite_code(applicant)
    helper = login_as("helper", name="李明")
    response = client.post("/me/acting", data={"code": code, "relationship": "  儿子 "})
    assert response.status_code == 303 and response.location.endswith("/me/profile")
    [link] = helper_links()
    assert (link.applicant_id, link.helper_id, link.relationship_label) == (applicant.id, helper.id, "儿子")
    assert link.created_by_id == helper.id and link.reason is None and link.revoked_at is None
    invite = db.session.scalar(select(HelperInvite))
    assert invite.used_by_id == helper.id and invite.used_at is not None
    profile_page = client.get("/me/profile")
    assert profile_page.status_code == 200
    assert "You can now act for 王秀英." in profile_page.get_data(as_text=True)
    assert banner(profile_page.get_data(as_text=True)) == "Acting for 王秀英"
    me = client.get("/me").get_data(as_text=True)
    assert banner(me) == "Acting for 王秀英" and "Profile of 王秀英" in me
    event = audit_events("helper.linked")[0]
    assert (event.actor_id, event.subject_id) == (helper.id, applicant.id)
    assert json.loads(event.detail)["helper_id"] == helper.id


def test_a_code_typed_in_lower_case_with_spaces_is_accepted(client, login_as):
    applicant = make_user(phone="13700000001", name="王秀英")
    code = invite_code(applicant)
    login_as("helper")
    typed = f" {code[:4].lower()} {code[4:].lower()} "
    response = client.post("/me/acting", data={"code": typed, "relationship": "邻居"})
    assert response.status_code == 303
    assert [link.applicant_id for link in helper_links()] == [applicant.id]


@pytest.mark.parametrize("case", ["used", "expired", "unknown"])
def test_a_used_expired_or_unknown_code_is_refused(client, login_as, case):
    applicant = make_user(phone="13700000001", name="王秀英")
    code = invite_code(applicant)
    if case == "used":
        invites.accept_invite(make_user("helper", phone="13700000002"), code, "女儿")
    elif case == "expired":
        db.session.scalar(select(HelperInvite)).expires_at = utcnow() - timedelta(minutes=1)
        db.session.commit()
    else:
        code = "ABCD2345" if code != "ABCD2345" else "ABCD2346"  # well formed, never issued
    links_before = len(helper_links())
    helper = login_as("helper")
    response = client.post("/me/acting", data={"code": code, "relationship": "邻居"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "This code is not valid" in page and "<title>Error:" in page
    assert 'aria-invalid="true"' in page and 'href="#code"' in page
    assert len(helper_links()) == links_before
    assert not any(link.helper_id == helper.id for link in helper_links())
    assert audit_events("helper.invite_refused")[-1].actor_id == helper.id
    assert banner(client.get("/me").get_data(as_text=True)) is None


@pytest.mark.parametrize("fields, field, message", [
    ({"relationship": ""}, "relationship", "Say how you are related, for example daughter or neighbour."),
    ({"relationship": "   "}, "relationship", "Say how you are related, for example daughter or neighbour."),
    ({"code": ""}, "code", "Enter the 8-character code."),
])
def test_an_empty_code_or_relationship_is_refused_beside_the_field(client, login_as, fields, field, message):
    applicant = make_user(phone="13700000001", name="王秀英")
    code = invite_code(applicant)
    login_as("helper")
    response = client.post("/me/acting", data={"code": code, "relationship": "儿子", **fields})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in page and f'href="#{field}"' in page and "<title>Error:" in page
    assert helper_links() == []
    assert db.session.scalar(select(HelperInvite)).used_at is None  # the code still works
