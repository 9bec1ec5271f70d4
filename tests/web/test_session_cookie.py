"""The session cookie is written only by responses that change the session."""
import re

import pytest

from tests.conftest import PASSWORD, make_user


@pytest.mark.parametrize("path", ["/static/css/app.css", "/static/icons/icon.svg", "/manifest.webmanifest",
                                  "/sw.js", "/training"])
def test_what_a_page_loads_beside_it_never_writes_the_session_back(client, login_as, path):
    """Answered late, such a response would restore the session as it was before the page, and the
    page's form would then be refused as expired."""
    login_as()
    with client.get(path) as response:
        assert response.status_code == 200
        assert "Set-Cookie" not in response.headers


def test_signing_in_and_out_still_write_it(client, login_as):
    login_as()
    assert client.get_cookie("session") is not None
    response = client.post("/auth/logout")
    assert "session=" in response.headers.get("Set-Cookie", "")


@pytest.mark.parametrize("config_overrides", [{"WTF_CSRF_ENABLED": True}])
@pytest.mark.parametrize("path", ["/static/css/app.css", "/static/icons/icon.svg", "/manifest.webmanifest"])
def test_a_file_answered_after_the_page_leaves_the_pages_form_working(app, client, config_overrides, path):
    """The race on purpose: a file the previous page asked for is answered after the next page, and
    the browser stores what that late answer says about the cookie. The next page's form must still
    be accepted (it was refused as expired when every answer re-sent the session)."""
    user = make_user(phone="13812345678")
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"',
                      client.get("/auth/login").get_data(as_text=True)).group(1)
    assert client.post("/auth/login", data={"csrf_token": token, "phone": user.phone,
                                            "password": PASSWORD}).status_code == 303
    with client.get(path) as late:  # asked for by the page just left; its answer is held back
        held = late.headers.get("Set-Cookie")
    page = client.get("/me/settings").get_data(as_text=True)  # the next page makes its form's token
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    if held:  # the late answer reaches the browser last
        client.set_cookie("session", held.split(";", 1)[0].split("=", 1)[1])
    response = client.post("/me/settings", data={"csrf_token": token, "lang": "en", "care": "0"})
    assert response.status_code == 303, response.get_data(as_text=True)[:300]
