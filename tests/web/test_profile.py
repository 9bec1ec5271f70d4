"""Identity questions, consent, masking and the one-account-per-person rule."""
import pytest
from sqlalchemy import select

from tests.conftest import make_user
from webapp.extensions import db
from webapp.models import AuditEvent, Consent, Profile
from webapp.services.common.acting import Acting
from webapp.services.identity import consent, numbers, profiles, stored_numbers

BODY = "14030219850612123"
ID_NUMBER = BODY + numbers.check_character(BODY)
CERTIFICATE = ID_NUMBER + "12"


def _actions(user_id=None):
    query = select(AuditEvent.action).order_by(AuditEvent.id)
    if user_id:
        query = query.where(AuditEvent.subject_id == user_id)
    return db.session.scalars(query).all()


def test_each_answer_is_saved_at_once_and_leads_to_the_next_question(client, login_as):
    user = login_as()
    response = client.post("/me/identity/name", data={"full_name": " 赵  小红 "})
    assert response.status_code == 303 and response.location.endswith("/me/identity/id-number")
    assert db.session.get(Profile, user.id).full_name == "赵 小红"
    assert "profile.step_saved" in _actions(user.id)
    # leaving and coming back: the overview shows the work in progress and where to go on
    page = client.get("/me/profile").get_data(as_text=True)
    assert "In progress" in page and "/me/identity/id-number" in page


def test_id_number_accepts_spaces_full_width_and_lower_case_x(client, login_as):
    user = login_as()
    typed = "１１０１０５ １９４９１２３１ ００２ｘ"
    assert client.post("/me/identity/id-number", data={"id_number": typed}).status_code == 303
    profile = db.session.get(Profile, user.id)
    assert stored_numbers.unmasked(profile, user).id_number == "11010519491231002X"
    assert "11010519491231002X" not in (profile.id_number_enc or "")  # encrypted at rest
    assert profile.gender == "female" and profile.birth_date.isoformat() == "1949-12-31"


@pytest.mark.parametrize("typed, message", [
    ("", "Enter your resident ID number."),
    ("1401021985061212", "must have 18 characters"),
    (BODY + ("0" if ID_NUMBER[-1] != "0" else "1"), "typing mistake"),
    ("140302" + "19850230" + "1231", "not a real date"),
])
def test_bad_id_numbers_get_their_own_message_and_nothing_is_stored(client, login_as, typed, message):
    user = login_as()
    response = client.post("/me/identity/id-number", data={"id_number": typed})
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and message in page
    assert 'aria-invalid="true"' in page and f'value="{typed}"' in page
    profile = db.session.get(Profile, user.id)
    assert profile is None or profile.id_number_enc is None


def test_a_second_account_with_the_same_id_is_refused_and_logged(client, login_as):
    first = make_user(phone="13700000001")
    profiles.save_step(Acting(first, first), "id-number", {"id_number": ID_NUMBER})
    second = login_as()
    response = client.post("/me/identity/id-number", data={"id_number": ID_NUMBER.lower()})
    assert response.status_code == 422
    assert "already registered to another account" in response.get_data(as_text=True)
    assert db.session.get(Profile, second.id) is None or db.session.get(Profile, second.id).id_hash is None
    assert "identity.duplicate_refused" in _actions(second.id)


def test_the_certificate_waits_for_consent(client, login_as):
    user = login_as()
    client.post("/me/identity/id-number", data={"id_number": ID_NUMBER})
    response = client.get("/me/identity/certificate")
    assert response.status_code == 303 and "/me/consent?next=" in response.location
    assert client.post("/me/consent").status_code == 303
    given = db.session.scalar(select(Consent).where(Consent.user_id == user.id))
    assert given.notice_version == consent.NOTICE_VERSION and given.on_behalf is False
    assert client.post("/me/identity/certificate", data={"certificate_number": CERTIFICATE}).status_code == 303
    profile = db.session.get(Profile, user.id)
    assert (profile.disability_category, profile.disability_level) == (1, 2)


@pytest.mark.parametrize("typed, message", [
    ("", "Enter your disability certificate number."),
    (ID_NUMBER + "1", "has 20 characters"),
    ("11010519491231002X12", "must start with your resident ID number"),
    (ID_NUMBER + "82", "must be 1 to 7"),
    (ID_NUMBER + "15", "must be 1 to 4"),
])
def test_bad_certificates_are_refused(client, login_as, typed, message):
    user = login_as()
    consent.give(Acting(user, user))
    profiles.save_step(Acting(user, user), "id-number", {"id_number": ID_NUMBER})
    response = client.post("/me/identity/certificate", data={"certificate_number": typed})
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    assert db.session.get(Profile, user.id).certificate_enc is None


def _complete(user):
    me = Acting(user, user)
    consent.give(me)
    for step, data in (("name", {"full_name": "赵小红"}), ("id-number", {"id_number": ID_NUMBER}),
                       ("certificate", {"certificate_number": CERTIFICATE}),
                       ("district", {"district": "chengqu", "town": "上站街道"}),
                       ("household", {"household_type": "rural"}),
                       ("education", {"education": "senior", "is_student": "no"}),
                       ("contact", {"contact_phone": "13812345678", "preferred_contact": "sms"})):
        profiles.save_step(me, step, data)


def test_check_answers_masks_numbers_and_submits_with_a_reference(client, login_as):
    user = login_as()
    _complete(user)
    page = client.get("/me/identity/check").get_data(as_text=True)
    assert numbers.mask_id(ID_NUMBER) in page and ID_NUMBER not in page
    assert numbers.mask_certificate(CERTIFICATE) in page and CERTIFICATE not in page
    assert "Visual, Level 2" in page
    assert 'href="/me/identity/district?change=1"' in page
    assert client.post("/me/identity/check").status_code == 303
    overview = client.get("/me/profile").get_data(as_text=True)
    assert "Submitted" in overview and f"JC-{user.id:06d}" in overview


def test_the_owner_sees_the_full_number_only_on_their_own_edit_page(client, login_as):
    user = login_as()
    _complete(user)
    assert f'value="{ID_NUMBER}"' in client.get("/me/identity/id-number").get_data(as_text=True)
    assert ID_NUMBER not in client.get("/me/profile").get_data(as_text=True)


def test_submitting_with_questions_missing_is_refused(client, login_as):
    login_as()
    client.post("/me/identity/name", data={"full_name": "赵小红"})
    page = client.get("/me/identity/check").get_data(as_text=True)
    assert "Some questions are not answered yet" in page and "Submit these details" not in page
    response = client.post("/me/identity/check", follow_redirects=True)
    assert "Some questions are not answered yet." in response.get_data(as_text=True)


def test_changing_from_the_check_page_returns_to_it(client, login_as):
    user = login_as()
    _complete(user)
    response = client.post("/me/identity/household?change=1", data={"household_type": "urban"})
    assert response.location.endswith("/me/identity/check")


def test_withdrawing_consent_stops_disability_data_from_being_added(client, login_as):
    user = login_as()
    _complete(user)
    assert "Are you sure?" in client.get("/me/consent/withdraw").get_data(as_text=True)
    assert client.post("/me/consent/withdraw").status_code == 303
    assert consent.active_consent(user) is None
    assert client.get("/me/identity/certificate").status_code == 303
    assert "consent.withdrawn" in _actions(user.id)


@pytest.mark.parametrize("role, status", [("caseworker", 403), ("admin", 403)])
def test_staff_have_no_profile_pages_of_their_own(client, login_as, role, status):
    login_as(role)
    assert client.get("/me/profile").status_code == status


def test_unknown_question_is_404(client, login_as):
    login_as()
    assert client.get("/me/identity/favourite-colour").status_code == 404
