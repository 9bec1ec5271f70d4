"""朗读本页 on every content page, hidden until the script finds speech synthesis, its words from the
catalog; pages that are forms to fill in opt out ({% set read_aloud = false %})."""
import re
from html.parser import HTMLParser

import pytest
from flask_babel import force_locale, gettext
from sqlalchemy import select

from webapp.demo import APPLICANT, DEMO_PASSWORD
from webapp.extensions import db
from webapp.models import Opportunity

# data-words: the six words the script shows or announces, in this order, joined by "|".
WORDS = {"en": ["Pause", "Resume", "Stop", "Reading aloud", "Paused", "Reading ended"]}
LABEL = {"en": "Read this page aloud"}


class Controls(HTMLParser):
    """Every read-aloud button of a page (found): its attributes, its text and the tag after it."""

    def __init__(self):
        super().__init__()
        self.found, self._inside, self._after = [], None, False

    def handle_starttag(self, tag, attrs):
        if self._after:
            self.found[-1]["next"], self._after = (tag, dict(attrs)), False
        if tag == "button" and "data-aloud" in dict(attrs):
            self._inside = {"attrs": dict(attrs), "text": "", "next": None}
            self.found.append(self._inside)

    def handle_data(self, data):
        if self._inside is not None:
            self._inside["text"] += data

    def handle_endtag(self, tag):
        if tag == "button" and self._inside is not None:
            self._inside, self._after = None, True


def controls(html: str) -> list[dict]:
    parsed = Controls()
    parsed.feed(html)
    return parsed.found


@pytest.fixture
def demo(app):
    from webapp.demo import load

    load()


def _item(kind: str) -> int:
    return db.session.scalar(select(Opportunity.id).where(Opportunity.kind == kind).limit(1))


def _content_pages() -> list[str]:
    return ["/", "/training", "/opportunities", "/jobs", "/fairs", f"/training/{_item('course')}",
            f"/opportunities/{_item('stall')}", "/no-such-page"]


SIGNED_IN_CONTENT = ["/me", "/me/applications", "/me/notices", "/me/profile", "/me/needs", "/me/consent",
                     "/me/data"]
FORMS = ["/auth/login", "/auth/register", "/auth/reset", "/me/settings", "/offline", "/offline?for=form",
         "/employer/register"]
SIGNED_IN_FORMS = ["/me/settings", "/me/evidence", "/me/identity/name", "/me/needs/status"]


def _assert_control(html: str, path: str, lang: str = "en") -> None:
    found = controls(html)
    assert len(found) == 1, f"{path}: {len(found)} read-aloud buttons"
    button = found[0]
    attrs = button["attrs"]
    assert "hidden" in attrs and attrs["type"] == "button", path
    assert re.fullmatch(r"/static/js/read-aloud\.[0-9a-f]{12}\.js", attrs["data-aloud"]), attrs["data-aloud"]
    assert attrs["data-words"].split("|") == WORDS[lang], path
    assert button["text"] == LABEL[lang], path
    # The polite status beside it, empty until something changes.
    assert button["next"] == ("span", {"class": "visually-hidden", "role": "status"}), path


def test_every_content_page_has_the_control_hidden_with_its_words(client, demo):
    for path in _content_pages():
        response = client.get(path)
        assert response.status_code in (200, 404), path
        _assert_control(response.get_data(as_text=True), path)


def test_signed_in_content_pages_have_it_too(client, demo):
    assert client.post("/auth/login", data={"phone": APPLICANT, "password": DEMO_PASSWORD}).status_code == 303
    for path in SIGNED_IN_CONTENT:
        response = client.get(path)
        assert response.status_code == 200, path
        _assert_control(response.get_data(as_text=True), path)


def test_forms_to_fill_in_opt_out(client, demo):
    for path in FORMS:
        response = client.get(path)
        assert response.status_code == 200, path
        assert not controls(response.get_data(as_text=True)), f"{path} is a form: no read-aloud"
    assert client.post("/auth/login", data={"phone": APPLICANT, "password": DEMO_PASSWORD}).status_code == 303
    for path in SIGNED_IN_FORMS:
        response = client.get(path)
        assert response.status_code == 200, path
        assert not controls(response.get_data(as_text=True)), f"{path} is a form: no read-aloud"


def test_the_words_come_through_the_catalog_on_a_chinese_page(app, client, demo):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "zh-CN"
    html = client.get("/").get_data(as_text=True)
    button = controls(html)[0]
    with app.test_request_context("/"), force_locale("zh_CN"):
        wanted = [gettext(word) for word in WORDS["en"]]
        label = gettext(LABEL["en"])
    assert button["attrs"]["data-words"].split("|") == wanted and button["text"] == label
    assert wanted != WORDS["en"]  # the catalog has them in Chinese
    assert '<html lang="zh-CN"' in html


def test_the_script_is_a_static_file_under_its_hashed_name_and_not_in_the_first_visit(client, demo):
    html = client.get("/").get_data(as_text=True)
    url = controls(html)[0]["attrs"]["data-aloud"]
    with client.get(url) as response:
        assert response.status_code == 200 and response.mimetype == "text/javascript"
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert b"speechSynthesis" in response.get_data()
    assert f'src="{url}"' not in html
    assert "read-aloud" not in client.get("/sw.js").get_data(as_text=True)
