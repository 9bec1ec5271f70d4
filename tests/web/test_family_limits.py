"""What a family helper may not do, and what the person is always told: a new helper link comes with
a notice and a text message saying how to end it; a helper sees numbers masked and cannot close
the person's account."""
import io
import json
import zipfile

from sqlalchemy import select

from tests import factories
from tests.conftest import make_user
from tests.web.family_helpers import link_helper
from webapp.extensions import db
from webapp.models import Notice, User
from webapp.services.family import links
from webapp.services.identity import profiles, stored_numbers


def test_the_person_is_told_by_notice_and_text_when_a_helper_is_linked(client, login_as, client_for, sms_outbox):
    person = login_as()
    helper = make_user("helper", phone="13700000011", name="张丽")
    link_helper(person, helper, "女儿")
    assert sms_outbox[-1][0] == person.phone and "张丽" in sms_outbox[-1][1] and "12385" in sms_outbox[-1][1]
    inbox = client.get("/me/notices").get_data(as_text=True)
    assert "张丽 can now act for you" in inbox and "Relationship: 女儿" in inbox
    assert 'href="/me/helpers"' in inbox  # where the person ends it, from their own account
    assert client.post(f"/me/helpers/{links.links_of_applicant(person)[0].id}/revoke").status_code == 303
    assert links.linked_person(helper, person.id) is None


def test_a_caseworker_made_link_is_told_to_the_person_too(client, login_as, sms_outbox):
    caseworker = login_as("caseworker", district="chengqu")
    person = factories.applicant(phone="13700000021")
    helper = make_user("helper", phone="13700000022", name="王芳")
    response = client.post("/casework/helpers/link", data={
        "applicant_phone": person.phone, "helper_phone": helper.phone, "relationship": "邻居",
        "reason": "不会使用手机"})
    assert response.status_code == 303 and caseworker.district == "chengqu"
    assert sms_outbox[-1][0] == person.phone and "王芳" in sms_outbox[-1][1]
    notice = db.session.scalar(select(Notice).where(Notice.user_id == person.id))
    assert notice.about_a_helper and notice.read_at is None


def _helper_of(person):
    helper = make_user("helper", phone="13700000031", name="张丽")
    link_helper(person, helper)
    return helper


def test_a_helper_downloads_the_numbers_masked(client_for):
    person = factories.applicant()
    whole = stored_numbers.unmasked(profiles.profile_of(person), person)
    browser = client_for(_helper_of(person))
    archive = zipfile.ZipFile(io.BytesIO(browser.get("/me/data/download").data))
    data = json.loads(archive.read("data.json"))
    assert data["profile"]["id_number"] == stored_numbers.masked(profiles.profile_of(person)).id_number
    assert whole.id_number not in archive.read("data.json").decode()
    assert whole.certificate not in archive.read("data.json").decode()


def test_a_helper_cannot_close_the_persons_account(client_for):
    person = factories.applicant(name="王秀英")
    browser = client_for(_helper_of(person))
    assert 'href="/me/data/delete"' not in browser.get("/me/data").get_data(as_text=True)
    for method in ("GET", "POST"):
        response = browser.open("/me/data/delete", method=method)
        assert response.status_code == 403, method
        assert "Only 王秀英 can close their own account" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(User, person.id).deleted_at is None and db.session.get(User, person.id).active
