"""Revoking a helper link: the helper's access ends at once, and only the person's own links can be ended."""
import json

from tests.conftest import make_user
from tests.web.family_helpers import audit_events, banner, helper_links, link_helper


def test_revoking_ends_the_helpers_access_at_once(client, client_for, login_as):
    applicant = login_as("applicant", name="王秀英")
    helper = make_user("helper", phone="13700000002", name="李明")
    link = link_helper(applicant, helper)
    helper_client = client_for(helper)
    assert banner(helper_client.get("/me/profile").get_data(as_text=True)) == "Acting for 王秀英"

    response = client.post(f"/me/helpers/{link.id}/revoke")
    assert response.status_code == 303 and response.location.endswith("/me/helpers")
    page = client.get("/me/helpers").get_data(as_text=True)
    assert "李明 can no longer act for you." in page and "Ended" in page
    assert "End link with 李明" not in page

    response = helper_client.get("/me/profile")
    assert response.status_code == 302 and response.location.endswith("/me/acting")
    assert banner(helper_client.get("/me").get_data(as_text=True)) is None
    assert "王秀英" not in helper_client.get("/me/acting").get_data(as_text=True)
    [stored] = helper_links()
    assert stored.revoked_at is not None and stored.revoked_by_id == applicant.id
    event = audit_events("helper.revoked")[0]
    assert (event.actor_id, event.subject_id, event.on_behalf_of_id) == (applicant.id, applicant.id, None)
    assert json.loads(event.detail)["helper_id"] == helper.id


def test_an_applicant_cannot_revoke_someone_elses_link(client, login_as):
    other = make_user(phone="13700000001", name="王秀英")
    link = link_helper(other, make_user("helper", phone="13700000002"))
    login_as("applicant")
    assert client.post(f"/me/helpers/{link.id}/revoke").status_code == 404
    assert client.post("/me/helpers/999999/revoke").status_code == 404
    assert helper_links()[0].revoked_at is None
    assert audit_events("helper.revoked") == []
