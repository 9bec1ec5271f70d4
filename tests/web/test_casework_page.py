"""The casework application page: masked numbers and unmasking, answers, photos, timeline."""
import io
import re

from PIL import Image
from sqlalchemy import select, update
from werkzeug.datastructures import FileStorage

from tests.web.casework_helpers import actions, claimed, text
from webapp.extensions import db
from webapp.models import Application, AuditEvent
from webapp.models.base import utcnow
from webapp.services.casework import assessments
from webapp.services.common.acting import Acting
from webapp.services.identity import evidence, numbers, profiles, stored_numbers
from webapp.services.needs import steps, versions


def _photo(person) -> None:
    out = io.BytesIO()
    Image.new("RGB", (640, 400), (200, 200, 180)).save(out, "JPEG")
    out.seek(0)
    evidence.add(Acting(person, person), "certificate", FileStorage(out, filename="证.jpg"))


def test_the_page_shows_masked_numbers_until_asked_and_audits_the_unmasking(app, worker, client_for):
    application = claimed(worker)
    number = stored_numbers.unmasked(profiles.profile_of(application.applicant), application.applicant).id_number
    certificate = number + "12"
    client = client_for(worker)
    page = text(client.get(f"/casework/applications/{application.reference}"))
    assert numbers.mask_id(number) in page and numbers.mask_certificate(certificate) in page
    assert number not in page
    assert "Visual, Level 2" in page  # category and level in words
    assert client.get(f"/casework/applications/{application.reference}/unmask").status_code == 405
    response = client.post(f"/casework/applications/{application.reference}/unmask")
    assert response.status_code == 200
    assert number in text(response) and certificate in text(response)
    row = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(1)).one()
    assert (row.action, row.actor_id, row.subject_id, row.ip) == ("identity.unmasked", worker.id,
                                                                  application.applicant_id, "127.0.0.1")
    assert number not in text(client.get(f"/casework/applications/{application.reference}"))


def test_the_page_shows_answers_photos_needs_assessment_and_timeline(app, worker, client_for):
    application = claimed(worker)
    person = application.applicant
    _photo(person)
    me = Acting(person, person)
    steps.save_step(me, "status", {"employment_status": "unemployed"})
    steps.save_step(me, "pattern", {"work_patterns": ["part_time"]})
    versions.submit(me)
    assessments.record_assessment(worker, profiles.profile_of(person), assessed_on="2026-01-05",
                                   method="home_visit", work_capacity="supported", hard_to_employ=True)
    db.session.execute(update(Application).where(Application.id == application.id).values(
        consent_withdrawn_at=utcnow()))
    db.session.commit()
    page = text(client_for(worker).get(f"/casework/applications/{application.reference}"))
    photo = evidence.current(person)["certificate"]
    assert f'src="/evidence/{photo.id}/full"' in page
    assert re.search(r'<img src="/evidence/\d+/full" width="\d+" height="\d+" alt="Photo of the Disability certificate'
                     r' \(残疾人证\) of 申请人, uploaded ', page)
    assert "工作日" in page and "Public-welfare post" in page  # the answers and the kind
    assert "Not working and looking for work" in page  # the needs registration
    assert "Needs supported employment" in page and "Home visit" in page
    assert "Difficulty finding work (就业困难)" in page
    assert "Consent withdrawn" in page
    assert "Being checked by a caseworker" in page and "李芳" in page  # the timeline


def test_the_evidence_photo_is_served_to_the_caseworker_and_the_view_audited(app, worker, client_for):
    application = claimed(worker)
    _photo(application.applicant)
    photo = evidence.current(application.applicant)["certificate"]
    with client_for(worker).get(f"/evidence/{photo.id}/full") as response:
        response.get_data()
    assert response.status_code == 200 and "evidence.viewed" in actions()
