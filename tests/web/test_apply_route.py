"""From "I want this course" to applying: sign in or register and come back; what is missing, in a
neutral box whose steps come back to the course; the home page's own links."""
import re
from html import unescape
from urllib.parse import unquote

from tests import factories
from tests.conftest import PASSWORD
from webapp.services.common.acting import Acting
from webapp.services.identity import consent

PHONE = "13812345678"


def _code(sms_outbox) -> str:
    return re.search(r"\d{6}", sms_outbox[-1][1]).group(0)


def _hrefs(page: str) -> list[str]:
    return [unquote(unescape(href)) for href in re.findall(r'href="([^"]+)"', page)]


def test_a_new_person_registers_from_the_sign_in_page_and_lands_back_on_the_course(client, admin, sms_outbox):
    course = factories.opportunity(creator=admin, title="盲人保健按摩")
    detail = f"/training/{course.id}"
    page = client.get(f"/auth/login?next={detail}").get_data(as_text=True)
    register = next(href for href in _hrefs(page) if href.startswith("/auth/register"))
    assert register == f"/auth/register?next=/training/{course.id}"

    sent = client.post(register, data={"phone": PHONE})
    assert sent.status_code == 303 and unquote(sent.location) == f"/auth/register/verify?next=/training/{course.id}"
    verify_page = client.get(sent.location).get_data(as_text=True)
    assert f"/auth/resend/register?next=/training/{course.id}" in unquote(verify_page)  # a new code keeps it too
    created = client.post(sent.location, data={"code": _code(sms_outbox), "name": "赵小红",
                                               "password": "lantern-river-42"})
    assert created.status_code == 303 and created.location == detail
    landed = client.get(detail).get_data(as_text=True)
    assert "盲人保健按摩" in landed and "Your account has been created. You are signed in as 赵小红." in landed


def test_registering_without_a_next_still_ends_on_the_welcome_page(client, sms_outbox):
    client.post("/auth/register", data={"phone": PHONE})
    created = client.post("/auth/register/verify", data={"code": _code(sms_outbox), "name": "赵小红",
                                                         "password": "lantern-river-42"})
    assert created.location == "/auth/welcome"


def test_a_next_leading_off_the_site_is_dropped_on_every_step(client, sms_outbox):
    for number, hostile in enumerate(("//evil.example/x", "https://evil.example/", "/\\evil.example")):
        page = client.get("/auth/login", query_string={"next": hostile}).get_data(as_text=True)
        assert "/auth/register" in _hrefs(page)  # the register link carries no unsafe next
        sent = client.post("/auth/register", query_string={"next": hostile}, data={"phone": f"1381234560{number}"})
        assert sent.location == "/auth/register/verify"
    created = client.post("/auth/register/verify", query_string={"next": "//evil.example/x"},
                          data={"code": _code(sms_outbox), "name": "赵小红", "password": "lantern-river-42"})
    assert created.location == "/auth/welcome"


def _box(page: str) -> str:
    found = re.search(r'<section class="info-box".*?</section>', page, re.S)
    assert found, "no information box"
    return found.group(0)


def test_what_is_missing_is_a_neutral_box_whose_steps_come_back_to_the_course(client, admin, login_as):
    course = factories.opportunity(creator=admin)
    login_as()
    response = client.get(f"/apply/{course.id}")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<title>Error:" not in page and "error-summary" not in page
    box = _box(page)
    assert "You cannot apply yet" in box and "brings you back to this page" in box
    back = f"next=/apply/{course.id}"
    links = _hrefs(box)
    assert f"/me/identity/name?{back}" in links
    assert f"/me/consent?{back}" in links
    assert any(link.startswith("/me/identity/certificate?") and back in link for link in links)


def test_giving_consent_and_submitting_the_details_from_the_box_come_back_to_the_course(client, admin, login_as):
    course = factories.opportunity(creator=admin)
    user = login_as()
    start = f"/apply/{course.id}"
    given = client.post(f"/me/consent?next={start}")
    assert given.status_code == 303 and given.location == start

    answers = {"name": {"full_name": "赵小红"}, "id-number": {"id_number": factories.id_number(7)},
               "certificate": {"certificate_number": factories.id_number(7) + "12"},
               "district": {"district": "chengqu", "town": "上站街道"}, "household": {"household_type": "urban"},
               "education": {"education": "senior", "is_student": "no"},
               "contact": {"contact_phone": user.phone, "preferred_contact": "inbox"},
               "communication": {}}
    url = f"/me/identity/name?next=/apply/{course.id}"
    for step, data in answers.items():
        assert url.startswith(f"/me/identity/{step}?"), url
        saved = client.post(url, data=data)
        assert saved.status_code == 303, saved.get_data(as_text=True)
        url = unquote(saved.location)
    assert url == f"/me/identity/check?next=/apply/{course.id}"
    check = client.get(url).get_data(as_text=True)
    assert f'action="/me/identity/check?next=/apply/{course.id}"' in unquote(check)
    submitted = client.post(url)
    assert submitted.status_code == 303 and submitted.location == start
    ready = client.get(start).get_data(as_text=True)
    assert "info-box" not in ready and "These details are right: continue" in ready


def test_a_missing_consent_alone_links_to_consent_and_back(client, admin, login_as):
    course = factories.opportunity(creator=admin)
    person = factories.applicant()
    consent.withdraw(Acting(person, person))
    client.post("/auth/login", data={"phone": person.phone, "password": PASSWORD})
    box = _box(client.get(f"/apply/{course.id}").get_data(as_text=True))
    assert f"/me/consent?next=/apply/{course.id}" in _hrefs(box)


def test_a_closed_course_says_so_without_steps_to_take(client, admin):
    course = factories.opportunity(creator=admin, deadline_days=-1)
    person = factories.applicant()
    client.post("/auth/login", data={"phone": person.phone, "password": PASSWORD})
    page = client.get(f"/apply/{course.id}").get_data(as_text=True)
    box = _box(page)
    assert "The deadline has passed" in box and "brings you back" not in box
    assert "<title>Error:" not in page


def test_the_home_page_sends_needs_and_progress_to_their_own_pages(client, login_as):
    links = dict((label, href) for href, label in re.findall(
        r'<a class="cell__link" href="([^"]+)"><span class="cell__body"><span class="cell__label">([^<]+)<',
        client.get("/").get_data(as_text=True)))
    assert links["Register your employment needs"] == "/me/needs"
    assert links["Follow your applications"] == "/me/applications"
    login_as()
    assert client.get("/me/needs").status_code == 200
    assert client.get("/me/applications").status_code == 200


def test_staff_are_sent_from_the_home_page_to_their_own_work_not_to_applicant_pages(client, login_as):
    login_as("caseworker", district="chengqu")
    page = client.get("/?lang=en").get_data(as_text=True)
    hrefs = _hrefs(page)
    assert "/me/needs" not in hrefs and "/me/applications" not in hrefs
    assert "Your work" in page and "/me" in hrefs
    assert all(client.get(href).status_code == 200 for href in hrefs if href.startswith("/me"))
