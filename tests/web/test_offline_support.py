"""What the service worker may keep for reading offline, and whose it is (webapp/pwa/offline.py),
the offline pages it shows, and sign-out clearing the browser's cache. The worker itself is walked
in real Chromium by tests/browser/test_offline_walk.py."""
import re
from datetime import datetime, timezone

import pytest

from tests.conftest import PASSWORD, make_user
from webapp.models import base

NOTE = re.compile(r'<p class="flash flash--info" data-offline-note hidden>([^<]+)</p>')


@pytest.fixture
def half_past_eleven_in_beijing(monkeypatch):
    """15:30 UTC is 23:30 in Yangquan: the note must say 23:30, whatever the server's clock zone."""
    monkeypatch.setattr(base, "clock", lambda: datetime(2026, 12, 1, 15, 30, tzinfo=timezone.utc))


def test_a_public_list_is_kept_as_saved_at_with_its_time_in_beijing(client, half_past_eleven_in_beijing):
    response = client.get("/training?q=massage")
    assert response.headers["X-Offline-Keep"] == "saved"
    assert response.headers["X-Offline-Owner"] == "-"  # nobody's: the shared cache
    note = NOTE.search(response.get_data(as_text=True))
    assert note and note.group(1).startswith("Offline — saved at") and "11:30" in note.group(1)
    assert "PM" in note.group(1)


@pytest.mark.parametrize("path", ["/opportunities", "/"])
def test_other_public_pages_are_kept_too(client, path):
    response = client.get(path)
    assert response.headers["X-Offline-Keep"] == "saved" and NOTE.search(response.get_data(as_text=True))


def test_the_persons_applications_and_notices_are_kept_as_last_updated_and_still_never_in_the_http_cache(
        client, login_as):
    login_as("applicant")
    for path in ("/me/applications", "/me/notices"):
        response = client.get(path)
        assert response.headers["X-Offline-Keep"] == "personal", path
        assert response.headers["Cache-Control"] == "private, no-store", path
        note = NOTE.search(response.get_data(as_text=True))
        assert note and note.group(1).startswith("Offline — last updated"), path


@pytest.mark.parametrize("path", ["/me/profile", "/me/data", "/me/settings", "/offline", "/auth/login"])
def test_pages_with_numbers_or_forms_are_never_kept(client, login_as, path):
    if path != "/auth/login":
        login_as("applicant")
    response = client.get(path)
    assert "X-Offline-Keep" not in response.headers
    assert "data-offline-note" not in response.get_data(as_text=True)


def test_staff_pages_are_never_kept(client, login_as):
    login_as("caseworker", district="chengqu")
    response = client.get("/casework")
    assert response.status_code == 200 and "X-Offline-Keep" not in response.headers


def test_a_form_post_is_never_kept(client, login_as):
    login_as("applicant")
    response = client.post("/me/settings", data={})
    assert "X-Offline-Keep" not in response.headers


def test_each_person_has_their_own_owner_mark_and_it_changes_when_they_sign_out(client, login_as, client_for):
    first = login_as("applicant")
    mark = client.get("/me/applications").headers["X-Offline-Owner"]
    assert re.fullmatch(r"[0-9a-f]{20}", mark)
    assert client.get("/training").headers["X-Offline-Owner"] == mark  # the same person, the same mark
    assert first.phone not in mark and mark != str(first.id)  # opaque

    other = client_for(make_user(phone="13900000777"))
    assert other.get("/me/applications").headers["X-Offline-Owner"] not in (mark, "-")

    signed_out = client.post("/auth/logout")
    assert signed_out.status_code == 303
    assert signed_out.headers["Clear-Site-Data"] == '"cache"'
    assert client.get("/").headers["X-Offline-Owner"] == "-"  # the worker drops the personal pages


def test_signing_in_again_gives_a_new_mark_so_pages_of_the_old_session_are_dropped(client, login_as):
    user = login_as("applicant")
    before = client.get("/me/applications").headers["X-Offline-Owner"]
    client.post("/auth/logout")
    assert client.post("/auth/login", data={"phone": user.phone, "password": PASSWORD}).status_code == 303
    assert client.get("/me/applications").headers["X-Offline-Owner"] not in (before, "-")


@pytest.mark.parametrize("reason, words", [
    ("form", "Nothing was sent: the form could not reach us."),
    ("search", "There is no saved answer to this search on this phone."),
    (None, "This page is not saved on this phone."),
    ("<script>", "This page is not saved on this phone."),
])
def test_the_offline_page_says_why(client, reason, words):
    page = client.get("/offline", query_string={"for": reason} if reason else None).get_data(as_text=True)
    assert words in page and "没有" in page  # in both languages
    assert ("data-back-to-form hidden" in page) == (reason == "form")
    assert "<script>" not in page


def test_the_worker_is_served_at_the_root_uncached_with_a_versioned_shell(client):
    response = client.get("/sw.js")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-cache"
    assert response.mimetype == "text/javascript"
    body = response.get_data(as_text=True)
    assert re.search(r'var CACHE = "yq-[0-9a-f]{12}";', body)
    assert '"/offline?for=form"' in body and '"/offline?for=search"' in body


def test_a_new_release_gets_a_new_shell_cache(tmp_path, monkeypatch):
    """The cache's name is a hash of the shell, the worker and the offline page's making."""
    import shutil

    from webapp.config import ROOT
    from webapp.pwa import routes

    for name in ("static", "webapp/templates/pwa", "translations"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "webapp/templates/base.html", tmp_path / "webapp/templates/base.html")
    monkeypatch.setattr(routes, "ROOT", tmp_path)
    before = routes._shell_version.__wrapped__()
    assert routes._shell_version.__wrapped__() == before
    (tmp_path / "static/css/app.css").write_text("body{}", encoding="utf-8")
    assert routes._shell_version.__wrapped__() != before
