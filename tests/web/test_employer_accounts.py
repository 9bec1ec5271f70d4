"""用人单位: registration with the SMS code and the credit code, the employer's home and quota
position, its licence photo, and the city's verification."""
import json
import re

import pytest
from sqlalchemy import select

from tests import factories
from tests.conftest import make_user
from tests.web.matrix_people import jpeg
from webapp.extensions import db
from webapp.models import AuditEvent, Employer, Role, User
from webapp.services.employers import accounts, verification
from webapp.services.employers.credit_code import check_character

PHONE = "13812345670"
BODY = "91140300MA0K12345"
CODE = BODY + check_character(BODY)
FORM = {"org_name": "阳泉恒达物流有限公司", "org_type": "private_firm", "district": "chengqu",
        "credit_code": CODE, "contact_name": "王经理", "contact_phone": "13812340001",
        "password": "lantern-river-42"}


def _sms_code(sms_outbox):
    return re.search(r"\d{6}", sms_outbox[-1][1]).group(0)


def _register(client, sms_outbox, phone=PHONE, **changes):
    assert client.post("/employer/register", data={"phone": phone}).status_code == 303
    return client.post("/employer/register/details", data={**FORM, "code": _sms_code(sms_outbox), **changes})


def _employer(phone=PHONE):
    return db.session.scalar(select(Employer).join(User, User.id == Employer.user_id).where(User.phone == phone))


def _full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if c.isalnum() else c for c in text)


def test_an_employer_registers_is_signed_in_and_told_it_waits_for_the_city(client, sms_outbox):
    response = _register(client, sms_outbox)
    assert response.status_code == 303 and response.location.endswith("/employer/registered")
    row = _employer()
    assert (row.name, row.credit_code, row.status, row.user.role) == (FORM["org_name"], CODE, "pending", Role.EMPLOYER)
    assert row.user.name == "王经理"
    audit = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "employer.registered"))
    assert audit.subject_id == row.user_id
    page = client.get("/employer/registered").get_data(as_text=True)
    assert "waits for the city" in page and "What happens next" in page
    home = client.get("/employer").get_data(as_text=True)
    assert "Waiting for verification" in home and CODE in home


def test_full_width_lower_case_code_with_spaces_is_stored_normalised(client, sms_outbox):
    typed = _full_width(CODE[:9].lower()) + " " + CODE[9:].lower()
    assert _register(client, sms_outbox, credit_code=typed).status_code == 303
    assert _employer().credit_code == CODE


@pytest.mark.parametrize("typed, message", [
    ("", "Enter the unified social credit code"),
    (CODE[:17], "You entered 17 characters"),
    (CODE[:5] + "O" + CODE[6:], "did you mean 0?"),
    ("X" + CODE[1:], "is not a registration authority code"),
    (BODY + ("0" if CODE[-1] != "0" else "1"), "does not add up"),
])
def test_each_credit_code_mistake_shows_its_message_beside_the_field_and_keeps_the_form(
        client, sms_outbox, typed, message):
    response = _register(client, sms_outbox, credit_code=typed)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in page and 'href="#credit_code"' in page
    assert re.search(r'id="credit_code"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="credit_code"', page)
    assert FORM["org_name"] in page and FORM["contact_phone"] in page  # what was typed is kept
    assert _employer() is None


def test_a_second_registration_with_the_same_code_is_told_so(client, app, sms_outbox):
    factories.employer(credit_code=CODE)
    response = _register(client, sms_outbox)
    assert response.status_code == 422
    assert "already registered" in response.get_data(as_text=True)
    assert _employer() is None


def test_the_sms_code_and_password_rules_are_the_applicants(client, sms_outbox):
    response = _register(client, sms_outbox, password="12345678")
    assert response.status_code == 422 and "too easy to guess" in response.get_data(as_text=True)
    assert client.post("/employer/register/details", data={**FORM, "code": "000000"}).status_code == 422
    assert _employer() is None


@pytest.mark.parametrize("fields, shown", [
    ({"org_type": "state_body", "staff_count": 120, "disabled_staff": 1},
     ["Required at 1.5% of staff", "Quota not met: 1 disabled employees, 2 required",
      "with 50 or more posts must employ at least one disabled person", "This rule is met."]),
    ({"org_type": "private_firm", "staff_count": 80, "disabled_staff": 2}, ["Quota met: 2 disabled employees, 2 required"]),
    ({"org_type": "public_institution", "staff_count": 66, "disabled_staff": 0}, ["Quota not met: 0 disabled employees, 1 required"]),
    ({"org_type": "public_institution", "staff_count": 67, "disabled_staff": 0},
     ["with 67 or more posts must employ", "This rule is not met yet."]),
    ({"org_type": "private_firm", "staff_count": 80}, ["The staff numbers are not given yet", "Give the staff numbers"]),
])
def test_the_home_page_shows_the_quota_position(client_for, app, fields, shown):
    row = factories.employer(**fields)
    page = client_for(row.user).get("/employer").get_data(as_text=True)
    for text in shown:
        assert text in page
    if fields["org_type"] == "private_firm" or fields["staff_count"] == 66:
        assert "must employ at least one" not in page


def test_the_employer_declares_its_numbers(client_for, app):
    row = factories.employer()
    browser = client_for(row.user)
    bad = browser.post("/employer/numbers", data={"staff_count": "120", "disabled_staff": "121"})
    assert bad.status_code == 422 and "cannot be more than" in bad.get_data(as_text=True)
    assert browser.post("/employer/numbers", data={"staff_count": "１２０", "disabled_staff": "3"}).status_code == 303
    db.session.expire_all()
    assert (row.staff_count, row.disabled_staff) == (120, 3)
    assert "Quota met" in browser.get("/employer").get_data(as_text=True)


def test_the_licence_photo_is_seen_by_the_employer_and_administrators_only(client_for, app):
    row = factories.employer(status="pending")
    browser = client_for(row.user)
    refused = browser.post("/employer/licence", data={})
    assert refused.status_code == 422 and "Choose a photo" in refused.get_data(as_text=True)
    assert browser.post("/employer/licence", data={"licence": jpeg()},
                        content_type="multipart/form-data").status_code == 303
    db.session.expire_all()
    url = f"/employer/licence/{row.id}/full"
    assert row.licence_evidence_id
    for viewer in (browser, client_for(make_user("admin", phone="13900000091"))):
        with viewer.get(url) as response:
            assert response.status_code == 200 and response.mimetype == "image/jpeg"
    others = [factories.employer().user, make_user("caseworker", phone="13900000092", district=None),
              factories.applicant(phone="13600000093")]
    for person in others:
        assert client_for(person).get(url).status_code == 404
    assert client_for(row.user).get(f"/employer/licence/{others[0].id + 999}/full").status_code == 404
    # nor through the applicants' evidence route, where a city-wide caseworker sees every photo
    for person in (row.user, others[1]):
        assert client_for(person).get(f"/evidence/{row.licence_evidence_id}/full").status_code == 404


def test_an_administrator_verifies_and_rejects_with_a_reason(client_for, app):
    admin = make_user("admin", phone="13900000091")
    waiting = factories.employer(status="pending", name="等待单位")
    factories.employer(name="已审单位")
    browser = client_for(admin)
    listing = browser.get("/admin/employers").get_data(as_text=True)
    assert listing.index("等待单位") < listing.index("已审单位")  # waiting first

    empty = browser.post(f"/admin/employers/{waiting.id}/reject", data={"reason": "  "})
    assert empty.status_code == 422 and "Say why" in empty.get_data(as_text=True)
    assert browser.post(f"/admin/employers/{waiting.id}/reject", data={"reason": "营业执照照片看不清"}).status_code == 303
    db.session.expire_all()
    assert (waiting.status, waiting.status_reason) == ("rejected", "营业执照照片看不清")
    home = client_for(waiting.user).get("/employer").get_data(as_text=True)
    assert "Not verified" in home and "营业执照照片看不清" in home

    assert browser.post(f"/admin/employers/{waiting.id}/verify").status_code == 303
    db.session.expire_all()
    assert waiting.status == "verified" and waiting.verified_by_id == admin.id and waiting.status_reason is None
    actions = db.session.scalars(select(AuditEvent.action).where(AuditEvent.subject_id == waiting.user_id,
                                                                AuditEvent.action.like("employer.%"))
                                 .order_by(AuditEvent.id)).all()
    assert actions == ["employer.rejected", "employer.verified"]
    assert "Verified by the city" in client_for(waiting.user).get("/employer").get_data(as_text=True)


def test_an_administrator_corrects_the_numbers_and_it_is_recorded(client_for, app):
    admin = make_user("admin", phone="13900000091")
    row = factories.employer(staff_count=100, disabled_staff=0)
    browser = client_for(admin)
    assert browser.post(f"/admin/employers/{row.id}/numbers", data={"staff_count": "x"}).status_code == 422
    assert browser.post(f"/admin/employers/{row.id}/numbers",
                        data={"staff_count": "120", "disabled_staff": "2"}).status_code == 303
    db.session.expire_all()
    assert (row.staff_count, row.disabled_staff, row.numbers_corrected_by_id) == (120, 2, admin.id)
    audit = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "employer.numbers_corrected"))
    assert json.loads(audit.detail)["before"] == [100, 0] and audit.actor_id == admin.id
    assert "The city corrected these numbers" in client_for(row.user).get("/employer").get_data(as_text=True)


def test_no_one_but_an_administrator_can_verify(client_for, app):
    row = factories.employer(status="pending")
    for person in (row.user, make_user("caseworker", phone="13900000092", district=None)):
        assert client_for(person).post(f"/admin/employers/{row.id}/verify").status_code == 403
        with pytest.raises(verification.NotAllowed):
            verification.verify(person, row)
    db.session.expire_all()
    assert row.status == "pending"


def test_an_employer_on_applicant_pages_is_told_it_cannot_use_them(client_for, app):
    browser = client_for(factories.employer().user)
    for path in ("/me/applications", "/me/profile", "/me/needs", "/me/notices", "/casework"):
        response = browser.get(path)
        assert response.status_code == 403, path
        assert "does not have access to this page" in response.get_data(as_text=True), path
    me = browser.get("/me").get_data(as_text=True)
    assert "/employer" in me and "My applications" not in me


def test_an_employer_without_its_organisation_row_gets_not_found(client_for, app):
    browser = client_for(make_user("employer", phone="13900000093"))
    assert browser.get("/employer").status_code == 404
    assert accounts.employer_of(None) is None


def test_the_demo_employers_load_once_with_valid_codes(app, client_for):
    from webapp import demo
    from webapp.services.employers.credit_code import check

    demo.load()
    demo.load()
    rows = {row.user.phone: row for row in db.session.scalars(select(Employer))}
    assert sorted(rows) == ["13800000021", "13800000022", "13800000023"]
    assert all(check(row.credit_code) == row.credit_code for row in rows.values())
    assert [rows[p].status for p in sorted(rows)] == ["verified", "verified", "pending"]
    page = client_for(rows["13800000021"].user, demo.DEMO_PASSWORD).get("/employer").get_data(as_text=True)
    assert "Quota not met: 1 disabled employees, 2 required" in page and "This rule is met." in page


def test_verifying_an_employer_publishes_the_jobs_it_saved_while_waiting(app):
    from webapp.models import OpportunityStatus

    waiting = factories.employer(status="pending")
    saved = factories.job(waiting, title="等待发布的岗位")
    taken_down = factories.job(waiting, title="被下架的岗位", unpublished_reason="薪酬写错")
    saved.status = taken_down.status = OpportunityStatus.DRAFT  # as posting saves them while waiting
    db.session.commit()
    admin = make_user("admin", phone="13500000888")
    verification.verify(admin, waiting)
    db.session.expire_all()
    assert db.session.get(type(saved), saved.id).status == OpportunityStatus.PUBLISHED
    assert db.session.get(type(saved), taken_down.id).status == OpportunityStatus.DRAFT  # the city took it down
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "employer.verified")).one()
    assert json.loads(event.detail)["jobs_published"] == 1
