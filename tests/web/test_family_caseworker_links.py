"""Links made by a caseworker for a person in their district who cannot link a helper themself."""
import json

import pytest

from tests.conftest import make_user
from tests.web.family_helpers import audit_events, banner, helper_links, sign_in
from webapp.services.common.acting import Acting
from webapp.services.identity import profiles


def _in_district(user, district: str):
    profiles.save_step(Acting(user, user), "district", {"district": district, "town": "上站街道"})
    return user


LINK_FORM = {"applicant_phone": "137 0000 0001", "helper_phone": "13700000002", "relationship": "儿子",
             "reason": "重度智力残疾，不会使用手机"}


def test_a_caseworker_links_a_helper_for_a_person_in_their_district(client, login_as):
    applicant = _in_district(make_user(phone="13700000001", name="王秀英"), "chengqu")
    helper = make_user("helper", phone="13700000002", name="李明")
    caseworker = login_as("caseworker", district="chengqu")
    response = client.post("/casework/helpers/link", data=LINK_FORM)
    assert response.status_code == 303 and response.location.endswith("/casework/helpers/link")
    assert "李明 can now act for 王秀英." in client.get(response.location).get_data(as_text=True)
    [link] = helper_links()
    assert (link.applicant_id, link.helper_id, link.relationship_label) == (applicant.id, helper.id, "儿子")
    assert link.reason == "重度智力残疾，不会使用手机" and link.created_by_id == caseworker.id
    event = audit_events("helper.linked")[0]
    assert (event.actor_id, event.subject_id) == (caseworker.id, applicant.id)
    assert json.loads(event.detail)["reason"] == "重度智力残疾，不会使用手机"

    sign_in(client, applicant)
    page = client.get("/me/helpers").get_data(as_text=True)
    assert "李明（儿子）" in page and "Linked by a caseworker: 重度智力残疾，不会使用手机" in page
    sign_in(client, helper)
    assert banner(client.get("/me/profile").get_data(as_text=True)) == "Acting for 王秀英"


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
    assert helper_links() == [] and audit_events("helper.linked") == []
