"""A verified identity holds only for what was checked: changing the name, the ID or the certificate
(or the photos of them) puts the check back to "to verify", and approval waits for it again."""
import io

import pytest
from PIL import Image
from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from tests import factories
from tests.conftest import make_user
from webapp.extensions import db
from webapp.models import AuditEvent, Profile
from webapp.services.applications import machine
from webapp.services.casework import verification
from webapp.services.common.acting import Acting
from webapp.services.common.errors import DomainError
from webapp.services.identity import consent, evidence, profiles, stored_numbers


@pytest.fixture
def worker(app):
    with app.test_request_context("/?lang=en"):
        yield make_user("caseworker", phone="13711110009", district="chengqu")


def _under_review(person, worker):
    verification.verify_identity(worker, profiles.profile_of(person), True, None)
    return machine.claim(worker, factories.submitted(person, factories.opportunity("post")))


def _resets() -> list[AuditEvent]:
    return db.session.scalars(select(AuditEvent).where(AuditEvent.action == "identity.check_reset")).all()


def _changes(person) -> dict:
    number = stored_numbers.unmasked(profiles.profile_of(person), person).id_number
    return {"name": {"full_name": "张明明"},
            "certificate": {"certificate_number": number + "13"},
            "id-number": {"id_number": factories.id_number(987)}}


@pytest.mark.parametrize("step", ["name", "certificate", "id-number"])
def test_changing_what_was_checked_needs_a_new_check_before_approval(app, worker, step):
    person = factories.applicant()
    application = _under_review(person, worker)
    profiles.save_step(Acting(person, person), step, _changes(person)[step])
    db.session.expire_all()
    profile = db.session.get(Profile, person.id)
    assert profile.identity_status is None and profile.identity_checked_by_id is None
    [event] = _resets()
    assert (event.subject_id, event.actor_id) == (person.id, person.id) and step in event.detail
    with pytest.raises(DomainError, match="Verify the person's identity before approving"):
        machine.approve(worker, db.session.get(type(application), application.id))


def test_saving_the_same_answers_again_keeps_the_check(app, worker):
    person = factories.applicant()
    _under_review(person, worker)
    profile = profiles.profile_of(person)
    profiles.save_step(Acting(person, person), "name", {"full_name": profile.full_name})
    profiles.save_step(Acting(person, person), "district", {"district": "chengqu", "town": "义井街道"})
    db.session.expire_all()
    assert db.session.get(Profile, person.id).identity_verified and _resets() == []


def test_a_change_before_any_check_records_nothing_more(app, worker):
    person = factories.applicant()
    profiles.save_step(Acting(person, person), "name", {"full_name": "张明明"})
    assert _resets() == []


def _photo() -> FileStorage:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (90, 120, 200)).save(out, "JPEG")
    return FileStorage(io.BytesIO(out.getvalue()), filename="证.jpg")


@pytest.mark.parametrize("change", ["new photo", "photo removed"])
def test_changing_the_photos_needs_a_new_check_before_approval(app, worker, change):
    person = factories.applicant()
    consent.give(Acting(person, person))
    before = evidence.add(Acting(person, person), "certificate", _photo())
    application = _under_review(person, worker)
    if change == "new photo":
        evidence.add(Acting(person, person), "id_card", _photo())
    else:
        evidence.remove(Acting(person, person), before.id)
    db.session.expire_all()
    assert db.session.get(Profile, person.id).identity_status is None
    [event] = _resets()
    assert event.subject_id == person.id and "photo" in event.detail
    with pytest.raises(DomainError, match="Verify the person's identity before approving"):
        machine.approve(worker, db.session.get(type(application), application.id))
