"""Offline, in real Chromium with the service worker (static/js/sw.js): the shell and the first page
are kept from the first visit; a search with no saved answer says so; kept lists say when they were
saved; a form sent offline says nothing was sent and gives back what was typed; the person's
applications, timelines and notices stay readable with "last updated"; signing out, or another
person signing in, leaves none of them behind."""
import re

import pytest

from .conftest import axe_violations, sign_in
from .journeys import at, navigation, path, text

APPLICANT = "13800000001"
HELPER = "13800000004"


def worker_ready(page) -> None:
    """The worker controls the page (installed, shell kept, first page kept)."""
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")


def signed_in_with_worker(page, base: str, phone_number: str) -> None:
    """Open the service first (the worker takes charge of the page), then sign in through it: a
    page already loading while the worker starts is not one it controls."""
    page.goto(f"{base}/")
    worker_ready(page)
    sign_in(page, base, phone_number)
    worker_ready(page)


def kept(page, url: str) -> None:
    """Wait until the worker has kept `url` (it is kept as the page arrives, without waiting)."""
    page.wait_for_function("url => caches.match(url).then(hit => !!hit)", arg=url, polling=100)


def note(page) -> str:
    return page.locator("[data-offline-note]:visible").inner_text()


def offline_text(page) -> str:
    return page.locator("body").inner_text()


@pytest.fixture
def phone(context):
    """A phone with JavaScript, in Chinese, that has not visited the service before."""
    return context().new_page()


def test_one_visit_keeps_the_shell_and_the_page_and_a_kept_list_says_when_it_was_saved(phone, live_server):
    phone.goto(f"{live_server}/training")
    worker_ready(phone)
    scope = phone.evaluate("navigator.serviceWorker.getRegistration().then(r => r.scope)")
    assert scope == f"{live_server}/"
    kept(phone, f"{live_server}/training")

    phone.context.set_offline(True)
    phone.goto(f"{live_server}/me/needs")  # never visited: the offline page, kept at install
    assert text("zh_CN", "This page is not saved on this phone. Check your phone's connection and try again.") \
        in offline_text(phone)
    assert phone.locator("link[rel=stylesheet]").evaluate("l => l.sheet.cssRules.length") > 0  # styled

    phone.goto(f"{live_server}/training")  # the first page, kept although it came before the worker
    saved = note(phone)
    assert re.match(re.escape(text("zh_CN", "Offline — saved at %(time)s", time="X")).replace("X", ".+"), saved)
    assert phone.locator(".cells .cell").count() > 0
    assert axe_violations(phone, "kept list, offline") == []
    phone.context.set_offline(False)
    phone.goto(f"{live_server}/training")
    assert phone.locator("[data-offline-note]:visible").count() == 0  # online: no such line


def test_a_search_offline_with_no_saved_answer_says_so_instead_of_the_old_list(phone, live_server):
    phone.goto(f"{live_server}/training")
    worker_ready(phone)
    kept(phone, f"{live_server}/training")
    phone.context.set_offline(True)
    phone.fill("#q", "按摩")
    with navigation(phone):
        phone.locator("main form[role=search] button[type=submit]").click()
    assert "q=" in at(phone) and path(phone) == "/training"
    body = offline_text(phone)
    assert text("zh_CN", "There is no saved answer to this search on this phone. Older results are not shown "
                         "in its place, as they could be wrong. Try again when you are connected.") in body
    assert phone.locator(".cells .cell").count() == 0  # not the unfiltered list


def test_a_form_sent_offline_sends_nothing_and_gives_back_what_was_typed(phone, live_server):
    signed_in_with_worker(phone, live_server, APPLICANT)
    phone.goto(f"{live_server}/me/needs/notes")
    typed = "希望离家近一些，上午工作"
    phone.context.set_offline(True)
    phone.fill("#notes", typed)
    with navigation(phone):
        phone.locator("main form button[type=submit]").click()
    body = offline_text(phone)
    assert text("zh_CN", "Nothing was sent: the form could not reach us. What you typed is kept on this phone "
                         "where the browser allows. Go back to the form when you are connected again and send it.") \
        in body
    back = phone.locator("[data-back-to-form]")
    assert back.is_visible() and back.get_attribute("href") == "/me/needs/notes"
    assert axe_violations(phone, "offline page after a form") == []

    phone.context.set_offline(False)
    assert typed not in phone.context.request.get(f"{live_server}/me/needs/notes").text()  # nothing was sent
    with navigation(phone):
        back.click()
    assert path(phone) == "/me/needs/notes"
    assert phone.input_value("#notes") == typed
    phone.reload()  # put back once, not every time the page opens
    assert phone.input_value("#notes") != typed


def test_an_id_number_typed_offline_is_never_kept(phone, live_server):
    signed_in_with_worker(phone, live_server, APPLICANT)
    phone.goto(f"{live_server}/me/identity/id-number")
    field = phone.locator("main form input[autocomplete=off]").first
    phone.context.set_offline(True)
    field.fill("140302199001011234")
    with navigation(phone):
        phone.locator("main form button[type=submit]").click()
    assert phone.locator("[data-offline-page=form]").count() == 1
    assert "140302199001011234" not in (phone.evaluate("sessionStorage.getItem('yq-kept-form')") or "")


def test_the_persons_applications_stay_readable_offline_until_they_sign_out(phone, live_server):
    signed_in_with_worker(phone, live_server, APPLICANT)
    phone.goto(f"{live_server}/me/applications")
    detail_link = phone.locator("main a[href^='/me/applications/YQ-']").first
    detail = detail_link.get_attribute("href")
    reference = detail.rsplit("/", 1)[1]
    phone.goto(f"{live_server}{detail}")
    phone.goto(f"{live_server}/me/notices")
    for url in ("/me/applications", detail, "/me/notices"):
        kept(phone, f"{live_server}{url}")

    phone.context.set_offline(True)
    updated = re.escape(text("zh_CN", "Offline — last updated %(time)s", time="X")).replace("X", ".+")
    phone.goto(f"{live_server}/me/applications")
    assert re.match(updated, note(phone)) and reference in offline_text(phone)
    phone.goto(f"{live_server}{detail}")
    assert re.match(updated, note(phone)) and reference in offline_text(phone)
    phone.goto(f"{live_server}/me/notices")
    assert re.match(updated, note(phone))

    phone.context.set_offline(False)
    phone.goto(f"{live_server}/me")
    with navigation(phone):
        phone.get_by_role("button", name=text("zh_CN", "Sign out")).click()
    phone.context.set_offline(True)
    for url in ("/me/applications", detail, "/me/notices"):
        phone.goto(f"{live_server}{url}")
        assert phone.locator("[data-offline-page]").count() == 1, url
        assert reference not in offline_text(phone)
    assert phone.evaluate("caches.has('yq-personal')") is False


def test_another_person_signing_in_never_sees_the_first_persons_kept_pages(phone, live_server):
    signed_in_with_worker(phone, live_server, APPLICANT)
    phone.goto(f"{live_server}/me/applications")
    kept(phone, f"{live_server}/me/applications")
    phone.context.clear_cookies()  # the session ended without signing out (expired, cookies cleared)
    sign_in(phone, live_server, HELPER)
    phone.context.set_offline(True)
    phone.goto(f"{live_server}/me/applications")
    assert phone.locator("[data-offline-page]").count() == 1


def test_text_kept_from_an_offline_form_is_forgotten_at_sign_out(phone, live_server):
    signed_in_with_worker(phone, live_server, APPLICANT)
    phone.goto(f"{live_server}/me/needs/notes")
    phone.context.set_offline(True)
    phone.fill("#notes", "只给自己看的草稿")
    with navigation(phone):
        phone.locator("main form button[type=submit]").click()
    assert phone.locator("[data-offline-page=form]").count() == 1
    phone.context.set_offline(False)
    phone.goto(f"{live_server}/me")
    with navigation(phone):
        phone.get_by_role("button", name=text("zh_CN", "Sign out")).click()
    sign_in(phone, live_server, APPLICANT)
    phone.goto(f"{live_server}/me/needs/notes")
    assert "只给自己看的草稿" not in phone.input_value("#notes")


def test_the_pages_the_worker_serves_offline_are_valid_html(phone, live_server):
    from .nu_checker import describe, require_checker, validate

    require_checker()
    phone.goto(f"{live_server}/training")
    worker_ready(phone)
    kept(phone, f"{live_server}/training")
    phone.context.set_offline(True)
    documents = {url: phone.goto(f"{live_server}{url}").text()
                 for url in ("/training", "/training?q=none", "/me/needs", "/offline?for=form")}
    assert "data-offline-note>" in documents["/training"]  # as served offline: the line shown
    errors = validate(documents)
    assert not errors, "\n".join(describe(error) for error in errors)
