"""The session cookie is written only by responses that change the session."""
import pytest


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
