"""Only a development copy shows SMS codes on the page, says so on every page, and never puts a code
in the session cookie (which anyone holding it can read)."""
import re

import pytest

PHONE = "13812345678"


def _code(sms_outbox) -> str:
    return re.search(r"\d{6}", sms_outbox[-1][1]).group(0)


def _session(app, client) -> dict:
    cookie = client.get_cookie("session")
    return app.session_interface.get_signing_serializer(app).loads(cookie.value) if cookie else {}


@pytest.mark.parametrize("config_overrides", [{"APP_ENV": "development", "SMS_SHOW_CODE": True}])
def test_a_development_copy_shows_the_code_and_says_it_is_one(app, client, sms_outbox, config_overrides):
    for path in ("/", "/training", "/auth/login", "/no-such-page"):
        assert "Development copy" in client.get(path).get_data(as_text=True), path
    client.post("/auth/register", data={"phone": PHONE})
    page = client.get("/auth/register/verify").get_data(as_text=True)
    assert f"the code is {_code(sms_outbox)}" in page
    assert _code(sms_outbox) not in repr(_session(app, client))


@pytest.mark.parametrize("config_overrides", [{"APP_ENV": "production", "SMS_SHOW_CODE": True, "DATA_HASH_KEY": "k" * 40},
                                              {"APP_ENV": "testing", "SMS_SHOW_CODE": True}])
def test_anything_else_never_shows_a_code_even_when_asked_to(app, client, sms_outbox, config_overrides):
    client.post("/auth/register", data={"phone": PHONE})
    page = client.get("/auth/register/verify").get_data(as_text=True)
    assert _code(sms_outbox) not in page and "Development copy" not in page
    assert _code(sms_outbox) not in repr(_session(app, client))
    client.post("/auth/reset", data={"phone": PHONE})
    assert "Development copy" not in client.get("/auth/reset/verify").get_data(as_text=True)
