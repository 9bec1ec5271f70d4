"""Casework on a person: the identity check and the ability assessment."""
import pytest
from sqlalchemy import func, select

from tests import factories
from tests.web.casework_helpers import actions, claimed, text, unverified
from webapp.extensions import db
from webapp.models import Assessment, Profile
from webapp.services.casework import assessments
from webapp.services.identity import profiles

# Identity check ----------------------------------------------------------------------------------

def test_not_verified_needs_a_reason(app, worker, client_for):
    person = unverified(factories.applicant())
    client = client_for(worker)
    url = f"/casework/people/{person.id}/identity"
    assert client.get(url).status_code == 200
    before = actions()
    response = client.post(url, data={"verify-outcome": "not_verified", "verify-note": " "})
    assert response.status_code == 422
    assert "Say what did not match" in text(response)
    assert actions() == before
    db.session.expire_all()
    assert profiles.profile_of(person).identity_status is None
    response = client.post(url, data={"verify-outcome": "not_verified", "verify-note": "证件号与照片不一致"})
    assert response.status_code == 303
    db.session.expire_all()
    profile = profiles.profile_of(person)
    assert (profile.identity_status, profile.identity_note, profile.identity_checked_by_id) == (
        "not_verified", "证件号与照片不一致", worker.id)
    assert actions()[-1] == "identity.not_verified"


def test_verification_from_the_application_page_returns_there(app, worker, client_for):
    application = claimed(worker, verify=False)
    url = f"/casework/applications/{application.reference}"
    response = client_for(worker).post(f"/casework/people/{application.applicant_id}/identity",
                                         data={"verify-outcome": "verified", "verify-next": url})
    assert response.status_code == 303 and response.headers["Location"].endswith(url)
    db.session.expire_all()
    assert profiles.profile_of(application.applicant).identity_status == "verified"
    assert actions()[-1] == "identity.verified"


def test_verification_needs_a_result(app, worker, client_for):
    person = factories.applicant()
    response = client_for(worker).post(f"/casework/people/{person.id}/identity", data={})
    assert response.status_code == 422 and "Choose the result of the check." in text(response)


# Ability assessment ------------------------------------------------------------------------------

GOOD = {"assess-assessed_on": "2026-01-05", "assess-method": "practical", "assess-work_capacity": "partial",
        "assess-directions": "网店客服", "assess-notes": "打字较慢", "assess-hard_to_employ": "y"}


def test_an_assessment_is_stored_and_sets_hard_to_employ(app, worker, client_for):
    person = factories.applicant()
    client = client_for(worker)
    page = text(client.get(f"/casework/people/{person.id}/assessment"))
    assert 'inputmode="numeric"' in page and "Practical task" in page
    response = client.post(f"/casework/people/{person.id}/assessment", data=GOOD)
    assert response.status_code == 303
    db.session.expire_all()
    row = db.session.scalars(select(Assessment).where(Assessment.user_id == person.id)).one()
    assert (row.assessed_on.isoformat(), row.method, row.work_capacity, row.directions, row.notes,
            row.hard_to_employ, row.created_by_id) == ("2026-01-05", "practical", "partial", "网店客服", "打字较慢",
                                                       True, worker.id)
    assert db.session.get(Profile, person.id).hard_to_employ is True
    assert actions()[-1] == "assessment.recorded"
    # a later assessment without the flag clears it
    client.post(f"/casework/people/{person.id}/assessment", data={**GOOD, "assess-hard_to_employ": ""})
    db.session.expire_all()
    assert db.session.get(Profile, person.id).hard_to_employ is False


@pytest.mark.parametrize("changes, message", [
    ({"assess-assessed_on": ""}, "Enter the date of the assessment."),
    ({"assess-assessed_on": "5/1"}, "Enter the date as year-month-day"),
    ({"assess-assessed_on": "2026-02-30"}, "Enter a real date"),
    ({"assess-assessed_on": "2999-01-01"}, "cannot be in the future"),
    ({"assess-method": ""}, "Choose how the assessment was done."),
    ({"assess-work_capacity": "maybe"}, "Not a valid choice"),
])
def test_assessment_validation(app, worker, changes, message, client_for):
    person = factories.applicant()
    response = client_for(worker).post(f"/casework/people/{person.id}/assessment", data={**GOOD, **changes})
    assert response.status_code == 422
    assert message in text(response)
    assert db.session.scalar(select(func.count()).select_from(Assessment)) == 0


def test_assessment_dates_typed_in_other_ways():
    assert assessments.parse_date("２０２６年１月５日").isoformat() == "2026-01-05"
    assert assessments.parse_date("2026/1/5").isoformat() == "2026-01-05"
    assert assessments.parse_date("20260105").isoformat() == "2026-01-05"
