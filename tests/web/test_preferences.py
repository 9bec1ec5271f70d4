"""Language: ?lang= > cookie/profile > Accept-Language > zh_CN. Care mode: ?care= > cookie/profile."""
import re

import pytest
from flask_babel import force_locale, gettext

from webapp.extensions import db


def _lang(response) -> str:
    return response.get_data(as_text=True).split('<html lang="')[1].split('"')[0]


def _care(response) -> bool:
    return 'class="care' in response.get_data(as_text=True)


@pytest.mark.parametrize("accept, expected", [("", "zh-CN"), ("en", "en"), ("en-GB,en;q=0.9", "en"),
                                              ("zh-CN,zh;q=0.9,en;q=0.8", "zh-CN"), ("fr", "zh-CN")])
def test_accept_language_picks_the_language_with_chinese_by_default(client, accept, expected):
    assert _lang(client.get("/", headers={"Accept-Language": accept})) == expected


def test_the_page_is_really_translated(app, client):
    with app.test_request_context("/?lang=zh_CN"), force_locale("zh_CN"):
        chinese = gettext("Sign in")
    assert chinese != "Sign in", "the zh_CN catalog has no translation for 'Sign in'"
    page = client.get("/auth/login?lang=zh_CN").get_data(as_text=True)
    assert f"<title>{chinese} – " in page


def test_lang_parameter_wins_and_is_remembered_in_a_cookie(client):
    response = client.get("/training?lang=zh_CN")
    assert _lang(response) == "zh-CN"
    assert any(c.startswith("lang=zh_CN") and "HttpOnly" in c for c in response.headers.getlist("Set-Cookie"))
    assert _lang(client.get("/")) == "zh-CN"  # cookie beats the browser's English
    assert _lang(client.get("/?lang=en")) == "en"
    assert _lang(client.get("/")) == "en"


def test_an_unknown_lang_parameter_is_ignored(client):
    response = client.get("/?lang=klingon")
    assert response.status_code == 200 and _lang(response) == "en"
    assert not response.headers.getlist("Set-Cookie")


def test_signed_in_choices_are_kept_on_the_profile(client, login_as, app):
    user = login_as()
    client.get("/me?lang=zh_CN&care=1")
    db.session.refresh(user)
    assert user.locale == "zh_CN" and user.care_mode is True
    # a new device with no cookies: the profile decides once signed in
    other = app.test_client()
    other.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    other.post("/auth/login", data={"phone": user.phone, "password": "correct-horse-42"})
    page = other.get("/me")
    assert _lang(page) == "zh-CN" and _care(page)


def test_care_mode_switch_in_the_top_bar_works_without_javascript(client):
    page = client.get("/training")
    assert not _care(page) and 'href="/training?care=1"' in page.get_data(as_text=True)
    on = client.get("/training?care=1")
    assert _care(on) and 'href="/training?care=0"' in on.get_data(as_text=True)
    assert _care(client.get("/"))
    assert not _care(client.get("/?care=0"))
    assert not _care(client.get("/"))


def test_settings_page_saves_language_and_care_mode(client):
    response = client.post("/me/settings", data={"lang": "zh_CN", "care": "1"})
    assert response.status_code == 303
    page = client.get("/me/settings")
    assert _lang(page) == "zh-CN" and _care(page)
    html = page.get_data(as_text=True)
    assert "checked" in _input_tag(html, "care-0") and "checked" not in _input_tag(html, "care-1")
    assert "checked" in _input_tag(html, "lang-0")


def _input_tag(html: str, element_id: str) -> str:
    return re.search(rf'<input[^>]*id="{element_id}"[^>]*>', html).group(0)


def test_settings_refuses_an_unknown_choice_and_changes_nothing(client):
    response = client.post("/me/settings", data={"lang": "fr", "care": "1"})
    assert response.status_code == 422
    assert 'href="#lang-0"' in response.get_data(as_text=True)  # the error summary links to the group
    assert not response.headers.getlist("Set-Cookie")
