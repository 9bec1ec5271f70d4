"""Error pages in both languages, each with a way back; a 500 rolls back what was half done."""
import pytest
from flask_babel import force_locale, gettext
from sqlalchemy import select

from webapp.extensions import db
from webapp.models import AuditEvent


@pytest.fixture
def app(app):
    def broken():
        db.session.add(AuditEvent(action="half.done"))
        db.session.flush()
        raise RuntimeError("boom")

    app.add_url_rule("/test-broken", "broken", broken)
    app.add_url_rule("/test-too-large", "too_large", lambda: __import__("flask").abort(413))
    return app


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
@pytest.mark.parametrize("path, method, code, title", [
    ("/no-such-page", "get", 404, "Page not found"),
    ("/auth/logout", "get", 405, "This action is not allowed here"),
    ("/test-too-large", "get", 413, "The file is too large"),
    ("/test-broken", "get", 500, "Sorry, something went wrong on our side"),
])
def test_error_page_in_the_persons_language_with_a_way_back(app, client, lang, path, method, code, title):
    response = getattr(client, method)(f"{path}?lang={lang}")
    assert response.status_code == code
    with app.test_request_context(f"/?lang={lang}"), force_locale(lang):
        expected = gettext(title)
    page = response.get_data(as_text=True)
    assert expected in page
    assert '<a class="btn btn--primary" href="/">' in page
    assert f'<html lang="{lang.replace("_", "-")}"' in page


def test_a_server_error_saves_nothing(client):
    assert client.get("/test-broken").status_code == 500
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "half.done")) is None


def test_admins_are_forbidden_nothing_and_others_get_403_in_words(client, login_as):
    login_as("applicant")
    response = client.get("/admin/staff")
    assert response.status_code == 403
    assert "Your account does not have access to this page." in response.get_data(as_text=True)
