"""A session ends for real: a cookie kept from before signing out, a password reset, switching an
account off (and on again) or a new role no longer opens signed-in pages."""
from tests.conftest import PASSWORD, make_user
from webapp.services.accounts import sms_codes


def _signed_in(browser) -> bool:
    return "Sign out" in browser.get("/me").get_data(as_text=True)


def _copy_of(browser, app):
    """Another browser holding the very same session cookie (a cookie copied off the phone)."""
    thief = app.test_client()
    thief.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    thief.set_cookie("session", browser.get_cookie("session").value)
    return thief


def test_a_cookie_copied_before_signing_out_is_signed_out_too(app, client, login_as):
    login_as()
    thief = _copy_of(client, app)
    assert _signed_in(thief)
    assert client.post("/auth/logout").status_code == 303
    assert not _signed_in(thief) and not _signed_in(client)


def test_signing_in_again_after_signing_out_works(app, client, login_as):
    user = login_as()
    client.post("/auth/logout")
    assert client.post("/auth/login", data={"phone": user.phone, "password": PASSWORD}).status_code == 303
    assert _signed_in(client)


def test_a_new_password_signs_out_every_other_session(app, client, login_as, client_for):
    user = login_as()
    other = client_for(user)
    with app.test_request_context("/?lang=en"):
        code = sms_codes.issue_code(user.phone, sms_codes.RESET)
    with client.session_transaction() as session:
        session["reset_phone"] = user.phone
    response = client.post("/auth/reset/verify", data={"code": code, "password": "a-new-long-password-7"})
    assert response.status_code == 303
    assert not _signed_in(other)
    assert client_for(user, password="a-new-long-password-7") is not None


def test_a_staff_account_switched_off_and_on_again_keeps_old_cookies_out(app, client, login_as, client_for):
    login_as("admin")
    worker = make_user("caseworker", phone="13711110001", district="chengqu")
    theirs = client_for(worker)
    kept = _copy_of(theirs, app)
    assert client.post(f"/admin/staff/{worker.id}", data={"action": "deactivate"}).status_code == 303
    assert client.post(f"/admin/staff/{worker.id}", data={"action": "reactivate"}).status_code == 303
    assert not _signed_in(theirs) and not _signed_in(kept)
    assert _signed_in(client_for(worker))  # signing in afresh works


def test_a_new_role_signs_the_person_out(app, client, login_as, client_for):
    login_as("admin")
    worker = make_user("caseworker", phone="13711110001", district="chengqu")
    theirs = client_for(worker)
    response = client.post(f"/admin/staff/{worker.id}", data={"action": "save", "role": "admin", "district": ""})
    assert response.status_code == 303
    assert not _signed_in(theirs)
