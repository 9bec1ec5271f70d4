"""Every `next` keeps the person on this site, whatever it holds, and never turns into a server error."""
from urllib.parse import urlsplit

import pytest
from sqlalchemy import func, select

from tests import factories
from tests.conftest import PASSWORD, make_user
from webapp.extensions import db
from webapp.models import SavedItem
from webapp.services.identity import profiles
from webapp.web.client import safe_next

# What a browser does to a Location before following it: drop tabs and newlines, read "\" as "/".
BROWSER_DROPS = str.maketrans({"\t": None, "\n": None, "\r": None, "\\": "/"})
HOSTILE = [
    "/\t/evil.example/", "/\n/evil.example/", "/\r\n/evil.example/", "//evil.example/", "///evil.example/",
    "/\\evil.example/", "\\\\evil.example/", "https://evil.example/", "javascript:alert(1)", " //evil.example/",
    "\x00//evil.example/", "/\x0b/evil.example/", "/%09/evil.example/", "http:/evil.example", "/\x7f/evil.example",
    "/ /evil.example", "", "me/settings",
]


@pytest.fixture
def db_url(tmp_path_factory):
    """SQLite only: where a redirect goes does not depend on the database."""
    return f"sqlite:///{tmp_path_factory.getbasetemp() / 'suite.sqlite3'}"


def _stays_here(location: str) -> bool:
    followed = location.translate(BROWSER_DROPS).strip("\x00\x20")
    parts = urlsplit(followed)
    return followed.startswith("/") and not followed.startswith("//") and not (parts.scheme or parts.netloc)


@pytest.mark.parametrize("target", HOSTILE)
def test_the_one_check_refuses_anything_a_browser_could_read_as_another_site(target):
    assert safe_next(target) in (None, "/%09/evil.example/")  # an escaped tab is only text in the path


@pytest.mark.parametrize("target", ["/me/settings", "/training?district=chengqu&page=2", "/me/identity/certificate?"])
def test_paths_on_this_site_are_kept(target):
    assert safe_next(target) == target


@pytest.mark.parametrize("target", HOSTILE)
def test_signing_in_never_leaves_the_site(client, target):
    make_user(phone="13812345678")
    response = client.post("/auth/login", query_string={"next": target},
                           data={"phone": "13812345678", "password": PASSWORD})
    assert response.status_code == 303 and _stays_here(response.location)


@pytest.mark.parametrize("target", HOSTILE)
def test_giving_consent_never_leaves_the_site(client, login_as, target):
    login_as()
    response = client.post("/me/consent", query_string={"next": target})
    assert response.status_code == 303 and _stays_here(response.location)


@pytest.mark.parametrize("target", HOSTILE)
def test_saving_an_item_never_leaves_the_site_and_says_what_happened(client, login_as, target):
    person = login_as()
    item = factories.opportunity("course")
    response = client.post(f"/saved/{item.id}", data={"next": target})
    assert response.status_code == 303 and _stays_here(response.location)
    assert db.session.scalar(select(func.count()).select_from(SavedItem).where(SavedItem.user_id == person.id)) == 1
    assert "Saved." in client.get(response.location).get_data(as_text=True)


@pytest.mark.parametrize("target", HOSTILE)
def test_the_assessment_form_never_sends_a_caseworker_off_the_site(client, login_as, target):
    caseworker = login_as("caseworker", district="chengqu")
    person = factories.applicant()
    page = client.get(f"/casework/people/{person.id}/assessment", query_string={"next": target})
    assert page.status_code == 200
    response = client.post(f"/casework/people/{person.id}/assessment", data={
        "assess-assessed_on": "2026-01-05", "assess-method": "interview", "assess-work_capacity": "full",
        "assess-next": target})
    assert response.status_code == 303 and _stays_here(response.location)
    assert profiles.profile_of(person) is not None and caseworker.district == "chengqu"
