"""Text that hides or reorders itself (NUL, ESC, bidi overrides, zero-width marks) is stored without
those characters; text far too long is refused beside its field with a 4xx; phone numbers are
ASCII digits only (after full-width ones are made ASCII)."""
import pytest
from sqlalchemy import select

from tests import factories
from webapp.extensions import db
from webapp.models import Application, Profile, User

HIDDEN = "\x00\x1b[31m\u202e\u2066\u200b\ufeff"


def test_a_name_is_stored_without_hidden_characters(client, login_as):
    user = login_as()
    response = client.post("/me/identity/name", data={"full_name": f"张{HIDDEN}明\u202dgnp.exe"})
    assert response.status_code == 303
    assert db.session.get(Profile, user.id).full_name == "张 [31m明gnp.exe"


def test_a_very_long_name_is_refused_beside_the_name_field(client, login_as):
    login_as()
    response = client.post("/me/identity/name", data={"full_name": "张" * 10_000})
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "50 characters or fewer" in page
    assert 'aria-invalid="true"' in page


def test_answers_lose_their_hidden_characters(client_for):
    person = factories.applicant()
    browser = client_for(person)
    item = factories.opportunity("post")
    assert browser.post(f"/apply/{item.id}").status_code == 303
    application = db.session.scalar(select(Application).where(Application.applicant_id == person.id))
    response = browser.post(f"/me/applications/{application.reference}/answers",
                            data={"availability": f"周一{HIDDEN}到周五\r\n下午", "fit": "\u202eabc"})
    assert response.status_code == 303
    db.session.expire_all()
    stored = db.session.get(Application, application.id).answers
    assert stored == {"availability": "周一  [31m到周五\n下午", "fit": "abc"}


@pytest.mark.parametrize("phone", ["139١١١١٠٠١١", "١٣٩١١١١٠٠١١", "139¹¹¹¹⁰⁰¹¹", "13911110011\x00"])
def test_phone_numbers_in_other_digits_are_refused(client, phone):
    response = client.post("/auth/register", data={"phone": phone})
    assert response.status_code == 422
    assert "11-digit mainland mobile number" in response.get_data(as_text=True)
    assert db.session.scalar(select(User)) is None


def test_full_width_digits_are_still_fine(client, sms_outbox):
    response = client.post("/auth/register", data={"phone": "１３９１１１１００１１"})
    assert response.status_code == 303 and sms_outbox[-1][0] == "13911110011"
