"""The database goes away for real: the person gets a 503 page in their language saying their
answers were not saved, and the next request after it comes back works.

PostgreSQL: the app reaches the server through a relay on a local port (`Gate`). Closing the gate
cuts the live connections and refuses new ones, as a server that went down does; opening it again
is the server coming back. Killing the app's backend with pg_terminate_backend, between requests and
in the middle of one, is a server restart. SQLite: a worker with no connection yet finds the
database's folder gone (an unmounted disk), and finds it again when the folder is back.
"""
import socket
import threading

import pytest
from flask_babel import force_locale, gettext
from flask_migrate import upgrade
from sqlalchemy import select, text

from tests import factories
from tests.conftest import PASSWORD, POSTGRES_URL, IsolatedClient, require_service
from webapp import create_app
from webapp.config import TestConfig
from webapp.extensions import db
from webapp.models import Application
from webapp.services.applications import drafts
from webapp.services.common.acting import Acting

TITLE = "The service is briefly unavailable"
MESSAGE = ("Our database could not be reached, so what you sent was not saved. Please try again in a "
           "moment. If you go back, your answers are still on the previous page.")
APP_NAME = "outage-test"


@pytest.fixture
def db_url():
    require_service(5432, "PostgreSQL (database test, user postgres)")
    return POSTGRES_URL


class Gate:
    """A TCP relay from a free local port to PostgreSQL that the test opens and closes."""

    def __init__(self, target=("127.0.0.1", 5432)):
        self.target, self.port = target, _free_port()
        self._stop, self._sockets, self._threads = threading.Event(), [], []

    def open(self) -> None:
        self._stop.clear()
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen()
        listener.settimeout(0.1)
        self._sockets = [listener]
        self._start(self._accept, listener)

    def close(self) -> None:
        """Refuse new connections and cut every live one."""
        self._stop.set()
        for sock in self._sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass  # never connected, or already gone
            sock.close()
        for thread in self._threads:
            thread.join(timeout=5)
        self._threads = []

    def _start(self, target, *args) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True)
        self._threads.append(thread)
        thread.start()

    def _accept(self, listener) -> None:
        while not self._stop.is_set():
            try:
                client, _addr = listener.accept()
            except (TimeoutError, OSError):
                continue
            server = socket.create_connection(self.target)
            self._sockets += [client, server]
            self._start(self._pump, client, server)
            self._start(self._pump, server, client)

    def _pump(self, source, sink) -> None:
        try:
            while chunk := source.recv(65536):
                sink.sendall(chunk)
        except OSError:
            pass  # the other side or the gate closed the connection
        finally:
            for sock in (source, sink):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def gate():
    gate = Gate()
    gate.open()
    yield gate
    gate.close()


def _served_app(url: str):
    served = create_app(TestConfig, {"SQLALCHEMY_DATABASE_URI": url})
    served.test_client_class = IsolatedClient
    return served


@pytest.fixture
def draft(app):
    """An applicant with a draft application to a course, and the answers page's address."""
    person = factories.applicant()
    application = drafts.start(Acting(person, person), factories.opportunity("course"))
    return person, application.reference, f"/me/applications/{application.reference}/answers"


def _signed_in(served, person):
    browser = served.test_client()
    response = browser.post("/auth/login", data={"phone": person.phone, "password": PASSWORD})
    assert response.status_code == 303, response.get_data(as_text=True)
    return browser


def _post_answers(browser, url, lang=None, reason="想学按摩"):
    headers = {"Accept-Language": lang} if lang else {}
    return browser.post(url, data={"reason": reason, "availability": "上午"}, headers=headers)


def _assert_unavailable_page(app, response, lang: str) -> None:
    """503 with Retry-After and the security headers, in the reader's language, translated."""
    assert response.status_code == 503, response.get_data(as_text=True)[:500]
    assert int(response.headers["Retry-After"]) > 0
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    page = response.get_data(as_text=True)
    with app.test_request_context("/"), force_locale(lang):
        title, message = gettext(TITLE), gettext(MESSAGE)
    if lang != "en":
        assert (title, message) != (TITLE, MESSAGE), "the Chinese catalog lacks the 503 page"
    assert title in page and message in page
    assert f'<html lang="{lang.replace("_", "-")}"' in page
    assert '<a class="btn btn--primary" href="/">' in page


def _saved_answers(reference: str) -> dict:
    db.session.expire_all()
    return db.session.scalar(select(Application.answers).where(Application.reference == reference))


def test_a_server_that_went_away_gets_a_503_page_in_both_languages_and_then_works(app, gate, draft):
    person, reference, url = draft
    served = _served_app(POSTGRES_URL.replace(":5432/", f":{gate.port}/") + f"&application_name={APP_NAME}")
    browser = _signed_in(served, person)
    assert browser.get(url).status_code == 200

    gate.close()
    _assert_unavailable_page(served, _post_answers(browser, url), "zh_CN")  # Chinese, the default
    _assert_unavailable_page(served, _post_answers(browser, url, "en"), "en")
    _assert_unavailable_page(served, browser.get(url, headers={"Accept-Language": "en"}), "en")
    assert _saved_answers(reference) == {}

    gate.open()
    response = _post_answers(browser, url, "en")
    assert response.status_code == 303 and response.location.endswith(f"/me/applications/{reference}/check")
    assert _saved_answers(reference) == {"reason": "想学按摩", "availability": "上午"}
    with served.app_context():
        db.engine.dispose()


def _terminate(application_name: str) -> int:
    """Kill the served app's backends, as a server restart does; returns how many."""
    return db.session.execute(text(
        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = :name"),
        {"name": application_name}).scalar_one()


def test_a_server_restart_between_requests_goes_unnoticed(app, draft):
    person, reference, url = draft
    served = _served_app(POSTGRES_URL + f"&application_name={APP_NAME}-restart")
    browser = _signed_in(served, person)
    assert _terminate(f"{APP_NAME}-restart") >= 1
    assert _post_answers(browser, url, "en").status_code == 303  # pool_pre_ping reconnects
    assert _saved_answers(reference)["reason"] == "想学按摩"
    with served.app_context():
        db.engine.dispose()


def test_a_connection_cut_in_the_middle_of_a_request_rolls_back_and_gets_a_503(app, draft):
    person, reference, url = draft
    name = f"{APP_NAME}-cut"
    served = _served_app(POSTGRES_URL + f"&application_name={name}")

    def cut_midway():
        application = db.session.scalar(select(Application).where(Application.reference == reference))
        application.answers = {"reason": "half written"}
        db.session.flush()
        with app.app_context():  # another connection, as the server's own shutdown would be
            assert _terminate(name) == 1
        db.session.execute(text("SELECT 1"))
        return "not reached"

    served.add_url_rule("/test-cut-midway", "cut_midway", cut_midway, methods=["POST"])
    browser = _signed_in(served, person)
    _terminate(name)  # start from a fresh connection, so exactly one backend is this request's
    _assert_unavailable_page(served, browser.post("/test-cut-midway", headers={"Accept-Language": "en"}), "en")
    assert _saved_answers(reference) == {}
    assert _post_answers(browser, url).status_code == 303
    assert _saved_answers(reference)["reason"] == "想学按摩"
    with served.app_context():
        db.engine.dispose()


def test_sqlite_whose_folder_is_gone_gets_a_503_page_and_works_when_it_is_back(tmp_path):
    folder = tmp_path / "disk"
    folder.mkdir()
    url = f"sqlite:///{folder / 'app.sqlite3'}"
    first = _served_app(url)
    with first.app_context():
        upgrade()
        person = factories.applicant()
        reference = drafts.start(Acting(person, person), factories.opportunity("course")).reference
        browser = _signed_in(first, person)
        db.session.remove()
        db.engine.dispose()
    answers_url = f"/me/applications/{reference}/answers"

    worker = _served_app(url)  # another worker, started but with no connection yet
    folder.rename(tmp_path / "unmounted")  # the disk goes away
    restarted = worker.test_client()
    restarted.set_cookie("session", browser.get_cookie("session").value)
    _assert_unavailable_page(worker, _post_answers(restarted, answers_url), "zh_CN")
    _assert_unavailable_page(worker, _post_answers(restarted, answers_url, "en"), "en")

    (tmp_path / "unmounted").rename(folder)  # and is back
    response = _post_answers(restarted, answers_url, "en")
    assert response.status_code == 303, response.get_data(as_text=True)[:500]
    with worker.app_context():
        assert _saved_answers(reference) == {"reason": "想学按摩", "availability": "上午"}
        db.session.remove()
        db.engine.dispose()
