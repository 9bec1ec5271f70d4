"""No query per row: each list and detail page sends as many SQL statements with 3N rows of what
it lists as with N (counted with SQLAlchemy's before_cursor_execute, on SQLite and PostgreSQL).

The page cache is off here: this is about the work of a page that is rendered.
"""
import re

import pytest
from sqlalchemy import func, select

from tests import factories
from tests.conftest import make_user
from tests.web.finding_helpers import count_queries, item
from webapp.extensions import db
from webapp.models import Application, ApplicationEvent, ApplicationStatus, Notice
from webapp.services.audit import log as audit
from webapp.services.casework import decisions
from webapp.services.common.acting import Acting
from webapp.services.opportunities import saved

N = 3


@pytest.fixture
def config_overrides():
    return {"PAGE_CACHE_SECONDS": 0}


def _html(browser, path: str) -> str:
    response = browser.get(path)
    assert response.status_code == 200, path
    return response.get_data(as_text=True)


def _same_queries(app, browser, path: str, grow, rows) -> None:
    """Count `path`'s statements with the rows there are, grow them to three times as many, count again."""
    _html(browser, path)  # first-request work (the session, the catalogs) is not the page's
    before = count_queries(app, lambda: browser.get(path))
    shown = rows(_html(browser, path))
    grow()
    assert rows(_html(browser, path)) == 3 * shown > 0, path  # the page really lists three times as many
    after = count_queries(app, lambda: browser.get(path))
    assert after == before, f"{path}: {before} statements with {shown} rows, {after} with {3 * shown}"


def _titles(html: str) -> int:
    return len(re.findall(r'<span class="cell__label">[^<]+</span>', html))


def _links_to(prefix: str):
    """How many different applications the page links to under `prefix`."""
    return lambda html: len(set(re.findall(rf'href="{prefix}(YQ-\d{{4}}-\d{{6}})"', html)))


@pytest.fixture
def admin(app):
    return make_user("admin", phone="13500000001", name="管理员")


def _items(admin, count: int, **fields) -> None:
    for n in range(count):
        item(admin, title=f"条目{fields.get('kind', 'course')}{n}{fields.get('rural', '')}", total=5, capacity=2,
             accessibility=["step_free", "online"], **fields)


@pytest.mark.parametrize("signed_in", [False, True])
@pytest.mark.parametrize("path, fields", [("/training", {}), ("/training?rural=1&open_now=1", {"rural": True}),
                                          ("/opportunities", {"kind": "post"}), ("/opportunities", {"kind": "stall"})])
def test_the_lists(app, client, client_for, admin, path, fields, signed_in):
    _items(admin, N, **fields)
    browser = client_for(factories.applicant()) if signed_in else client
    _same_queries(app, browser, path, lambda: _items(admin, 2 * N, **fields), _titles)


def _applications_to(item) -> int:
    return db.session.scalar(select(func.count()).select_from(Application).where(Application.opportunity_id == item.id))


def test_a_course_page_whatever_the_applications_to_it(app, client_for):
    course = factories.opportunity("course", capacity=20)
    person = factories.applicant()
    factories.submitted(person, course)
    for _ in range(N - 1):
        factories.submitted(factories.applicant(), course)

    def grow():
        for _ in range(2 * N):
            factories.submitted(factories.applicant(), course)

    _same_queries(app, client_for(person), f"/training/{course.id}", grow, lambda _html: _applications_to(course))


def test_my_applications_and_my_notices(app, client_for):
    person = factories.applicant()
    for _ in range(N):
        factories.submitted(person, factories.opportunity("post"))
    browser = client_for(person)

    def grow():
        for _ in range(2 * N):
            factories.submitted(person, factories.opportunity("course"))

    _same_queries(app, browser, "/me/applications", grow, _links_to("/me/applications/"))
    db.session.execute(Notice.__table__.delete())  # start again from none: N notices, then 3N
    db.session.commit()
    applications = db.session.scalars(select(Application.id).where(Application.applicant_id == person.id)).all()

    def notices(first: int, last: int):
        for application_id in applications[first:last]:
            db.session.add(Notice(user_id=person.id, application_id=application_id,
                                  to_status=ApplicationStatus.SUBMITTED))
        db.session.commit()

    notices(0, N)
    _same_queries(app, browser, "/me/notices", lambda: notices(N, 3 * N), _links_to("/me/applications/"))


_reason_numbers = iter(range(1, 10_000))


def _events(application, actors, count: int) -> None:
    """More steps on the timeline, each by another person (names are looked up per actor)."""
    for n in range(count):
        db.session.add(ApplicationEvent(application_id=application.id, actor_id=actors[n % len(actors)].id,
                                        from_status=ApplicationStatus.UNDER_REVIEW,
                                        to_status=ApplicationStatus.NEEDS_INFO, reason=f"第{next(_reason_numbers)}个原因"))
    db.session.commit()


def _reasons(html: str) -> int:
    return len(set(re.findall(r"第\d+个原因", html)))


def test_an_application_page_for_the_applicant_and_the_caseworker(app, client_for):
    worker = make_user("caseworker", phone="13711110001", name="李芳", district="chengqu")
    actors = [make_user("caseworker", phone=f"1371111{n:04d}", name=f"同事{n}", district="chengqu")
              for n in range(2, 2 + 3 * N)]
    person = factories.verified(factories.applicant(), worker)
    application = decisions.claim(worker, factories.submitted(person, factories.opportunity("post")))
    _events(application, actors, N)
    _same_queries(app, client_for(person), f"/me/applications/{application.reference}",
                  lambda: _events(application, actors[N:], 2 * N), _reasons)
    _same_queries(app, client_for(worker), f"/casework/applications/{application.reference}",
                  lambda: _events(application, actors, 6 * N), lambda html: _reasons(html) // 3)


def test_the_caseworker_queue(app, client_for):
    worker = make_user("caseworker", phone="13711110001", name="李芳", district="chengqu")
    colleague = make_user("caseworker", phone="13711110002", name="王磊", district="chengqu")

    def sent(count: int):
        for n in range(count):
            application = factories.submitted(factories.applicant(), factories.opportunity(("post", "stall")[n % 2]))
            if n % 2:
                decisions.claim(colleague, application)

    sent(N)
    _same_queries(app, client_for(worker), "/casework", lambda: sent(2 * N), _links_to("/casework/applications/"))


def _approved() -> int:
    return db.session.scalar(select(func.count()).select_from(Application).where(
        Application.status.in_((ApplicationStatus.ENROLLED, ApplicationStatus.WAITLISTED))))


def test_the_dashboard_and_the_audit_log(app, client_for, admin):
    worker = make_user("caseworker", phone="13711110001", name="李芳", district="chengqu")

    def approved(count: int):
        for _ in range(count):
            factories.approved(factories.applicant(), factories.opportunity("course"), worker)

    approved(N)
    browser = client_for(admin)
    _same_queries(app, browser, "/admin/dashboard", lambda: approved(2 * N), lambda _html: _approved())
    numbers = iter(range(1000, 2000))

    def logged(count: int):
        for n in range(count):
            audit.record("admin.test_row", actor=worker, subject=make_user(phone=f"1390000{next(numbers)}"), n=n)
        db.session.commit()

    logged(N)
    _same_queries(app, browser, "/admin/audit?action=admin.test_row", lambda: logged(2 * N),
                  lambda html: len(re.findall(r"139\*\*\*\*\d{4}", html)))


def test_saved_items(app, client_for, admin):
    person = factories.applicant()
    me = Acting(person, person)

    def keep(count: int):
        for n in range(count):
            saved.toggle_saved(me, item(admin, title=f"收藏{n}-{count}"))

    keep(N)
    _same_queries(app, client_for(person), "/me/saved", lambda: keep(2 * N), _titles)


def test_my_applications_come_twenty_to_a_page(app, client_for):
    person = factories.applicant()
    for n in range(23):
        factories.submitted(person, factories.opportunity("post", title=f"岗位{n:02d}"))
    browser = client_for(person)
    first, second = _html(browser, "/me/applications"), _html(browser, "/me/applications?page=2")
    assert _links_to("/me/applications/")(first) == 20 and _links_to("/me/applications/")(second) == 3
    assert "岗位22" in first and "岗位00" in second  # the most recently changed first
    assert "Page 1 of 2" in first and 'href="/me/applications?page=2"' in first
    assert "<title>My applications, page 2 of 2 – " in second
    past_the_end = _html(browser, "/me/applications?page=99")  # shows the last page
    assert "Page 2 of 2" in past_the_end and "岗位00" in past_the_end
