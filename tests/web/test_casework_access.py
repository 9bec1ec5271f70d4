"""Casework scope: other districts get 404, applicants 403, city-wide staff see all."""
from tests import factories
from tests.conftest import make_user
from tests.web.casework_helpers import actions, claimed, counts, references, status_of, text


def test_a_caseworker_of_another_district_gets_404_for_the_page_and_every_action(app, worker, client_for):
    application = claimed(worker)
    person_id = application.applicant_id
    outsider = client_for(make_user("caseworker", phone="13711110009", district="jiaoqu"))
    ref = application.reference
    before = (counts(application.id), actions())
    assert outsider.get(f"/casework/applications/{ref}").status_code == 404
    for action in ("claim", "unclaim", "approve", "reject", "ask", "reassign", "unmask"):
        response = outsider.post(f"/casework/applications/{ref}/{action}", data={"reject-text": "x", "ask-text": "x"})
        assert response.status_code == 404, action
    assert outsider.get(f"/casework/people/{person_id}/identity").status_code == 404
    assert outsider.post(f"/casework/people/{person_id}/identity",
                         data={"verify-outcome": "not_verified", "verify-note": "x"}).status_code == 404
    assert outsider.get(f"/casework/people/{person_id}/assessment").status_code == 404
    assert outsider.post(f"/casework/people/{person_id}/assessment", data={
        "assess-assessed_on": "2026-01-05", "assess-method": "interview",
        "assess-work_capacity": "full"}).status_code == 404
    assert ref not in text(outsider.get("/casework"))
    assert (counts(application.id), actions()) == before
    assert status_of(application.id) == "under_review"


def test_applicants_and_helpers_cannot_open_casework(app, login_as, client):
    login_as("applicant")
    assert client.get("/casework").status_code == 403


def test_city_wide_staff_see_every_district(app, worker, client_for):
    chengqu = factories.submitted(factories.applicant(district="chengqu"), factories.opportunity("post"))
    jiaoqu = factories.submitted(factories.applicant(district="jiaoqu"), factories.opportunity("post"))
    city = client_for(make_user("caseworker", phone="13711110008", district=None))
    assert set(references(city.get("/casework"))) == {chengqu.reference, jiaoqu.reference}
    assert references(client_for(worker).get("/casework")) == [chengqu.reference]
    assert city.get(f"/casework/applications/{jiaoqu.reference}").status_code == 200
    admin = client_for(make_user("admin", phone="13711110007"))
    assert set(references(admin.get("/casework"))) == {chengqu.reference, jiaoqu.reference}
    assert "shown to caseworkers only" in text(admin.get(f"/casework/applications/{jiaoqu.reference}"))
