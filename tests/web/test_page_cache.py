"""The page cache of public pages (webapp/web/page_cache.py): an anonymous visitor's second visit
comes from the cache, a change made through the app shows at once, and nothing personal is kept."""
import re

import pytest
import redis
from flask import render_template_string
from sqlalchemy import text

from tests.conftest import make_user, require_service
from tests.web.family_helpers import link_helper
from tests.web.finding_helpers import count_queries, item, titles
from tests.web.publish_helpers import form
from webapp import create_app
from webapp.config import TestConfig
from webapp.extensions import db
from webapp.services.applications.guarded import take_place
from webapp.web import page_cache

REDIS_TEST_URL = "redis://127.0.0.1:6379/14"


def behind_the_apps_back(sql: str, **params) -> None:
    """Change a row as a database console would: no app session, so nothing is invalidated."""
    with db.engine.begin() as conn:
        conn.execute(text(sql), params)


def anonymous(app, **headers):
    browser = app.test_client()
    browser.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    browser.environ_base.update({f"HTTP_{name.upper().replace('-', '_')}": value for name, value in headers.items()})
    return browser


def page(browser, path: str, **headers) -> str:
    response = browser.get(path, headers=headers)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_a_second_anonymous_visit_is_served_from_the_cache(app, client, admin):
    course = item(admin, title="盲人按摩初级班").id
    for path in ("/", "/training", f"/training/{course}", "/offline"):
        assert client.get(path).headers["X-Page-Cache"] == "miss"
        assert count_queries(app, lambda: client.get(path)) == 0, path
        assert client.get(path).headers["X-Page-Cache"] == "hit"
    behind_the_apps_back("UPDATE opportunities SET title = '改过的标题' WHERE id = :id", id=course)
    assert titles(client.get("/training")) == ["盲人按摩初级班"]  # the page kept, not the row
    assert "改过的标题" not in page(client, f"/training/{course}")
    assert anonymous(app).get("/training").headers["X-Page-Cache"] == "hit"  # another visitor, same page


def test_publishing_editing_and_closing_through_the_admins_pages_show_at_once(app, client, admin, client_for):
    course = item(admin, status="draft", title="电商直播入门").id
    office = client_for(admin)
    assert titles(client.get("/training")) == [] and client.get(f"/training/{course}").status_code == 404

    assert office.post(f"/admin/opportunities/{course}/publish").status_code == 303
    assert titles(client.get("/training")) == ["电商直播入门"]
    assert "电商直播入门" in page(client, f"/training/{course}")

    edited = form("course", title="电商直播提高班")
    assert office.post(f"/admin/opportunities/{course}/edit", data=edited).status_code == 303
    assert titles(client.get("/training")) == ["电商直播提高班"]
    assert "<h1 class=\"topbar__title\">电商直播提高班</h1>" in page(client, f"/training/{course}")

    assert office.post(f"/admin/opportunities/{course}/close").status_code == 303
    assert titles(client.get("/training")) == []
    assert "This item is closed: applications are no longer taken." in page(client, f"/training/{course}")

    assert office.post(f"/admin/opportunities/{course}/unpublish").status_code == 303
    assert client.get(f"/training/{course}").status_code == 404


def test_a_place_taken_shows_at_once_and_a_rolled_back_one_changes_nothing(app, client, admin):
    course = item(admin, capacity=20).id
    assert "20 places left" in page(client, "/training")
    assert take_place(course)
    db.session.rollback()
    make_user(phone="13700000009")  # the next transaction, committed, writes nothing public
    assert count_queries(app, lambda: client.get("/training")) == 0  # nothing was invalidated
    assert take_place(course)
    db.session.commit()
    assert "19 places left" in page(client, "/training")
    assert "19 of 20 places left" in page(client, f"/training/{course}")


def test_the_key_separates_language_care_mode_wechat_layout_fragment_and_query(app, admin):
    item(admin, title="农村实用技术培训")
    visitor = anonymous(app)
    english, chinese = page(visitor, "/training"), page(anonymous(app, accept_language="zh-CN"), "/training")
    assert '<html lang="en"' in english and "1 course found" in english
    assert '<html lang="zh-CN"' in chinese and "1 course found" not in chinese
    visitor.set_cookie("care", "1")
    assert 'class="care' in page(visitor, "/training") and 'class="care' not in page(anonymous(app), "/training")
    wechat = page(anonymous(app, user_agent="Mozilla/5.0 MicroMessenger/8.0.49"), "/training")
    assert "in-wechat" in wechat and "in-wechat" not in english
    fragment = page(anonymous(app), "/training", **{"HX-Request": "true"})
    assert "<html" not in fragment and "1 course found" in fragment
    assert "<html" in page(anonymous(app), "/training")  # the fragment did not replace the page
    first = anonymous(app).get("/training?district=chengqu&q=农村")
    same = anonymous(app).get("/training?q=农村&district=chengqu")
    assert first.headers["X-Page-Cache"] == "miss" and same.headers["X-Page-Cache"] == "hit"
    assert titles(same) == ["农村实用技术培训"]
    assert titles(anonymous(app).get("/training?q=电商")) == []


def test_a_signed_in_visitor_sees_fresh_content_and_the_cache_keeps_nothing_of_theirs(app, client, admin, login_as):
    course = item(admin, title="计算机与办公软件").id
    applicant = make_user(phone="13700000001", name="王秀英")
    helper = login_as("helper", name="李明")
    link_helper(applicant, helper)
    own = page(client, f"/training/{course}")  # the helper's page, made first, while the cache is empty
    assert "Acting for 王秀英" in own and 'name="csrf_token"' in own
    visitor = anonymous(app)
    public = page(visitor, f"/training/{course}")
    assert "王秀英" not in public and "李明" not in public and "csrf_token" not in public
    assert "Sign in to apply or save this for later" in public
    behind_the_apps_back("UPDATE opportunities SET title = '计算机提高班' WHERE id = :id", id=course)
    assert "计算机提高班" in page(client, f"/training/{course}")  # signed in: never from the cache
    assert titles(client.get("/training")) == ["计算机提高班"]
    assert "计算机提高班" not in page(visitor, f"/training/{course}")  # anonymous: the kept page


def test_a_flash_message_is_shown_to_its_visitor_and_never_kept(app, client, login_as):
    assert "You have signed out." not in page(anonymous(app), "/")  # the home page is in the cache
    login_as("applicant")
    response = client.post("/auth/logout", follow_redirects=True)
    assert "You have signed out." in response.get_data(as_text=True)
    assert response.headers.get("X-Page-Cache") != "hit"
    assert "You have signed out." not in page(anonymous(app), "/")
    assert "You have signed out." not in page(client, "/")  # shown once


def test_a_response_that_sets_a_cookie_is_not_kept(app, admin):
    item(admin)
    visitor = anonymous(app)
    for _visit in range(2):  # ?lang= remembers the choice in a cookie: made afresh each time
        response = visitor.get("/training?lang=en")
        assert "lang=en" in response.headers["Set-Cookie"]
        assert response.headers["X-Page-Cache"] == "miss"
    assert count_queries(app, lambda: visitor.get("/training?lang=en")) > 0


def test_a_page_carrying_a_csrf_token_is_not_kept(app):
    app.add_url_rule("/token-page", "token_page", page_cache.cached_page(
        lambda: render_template_string("<!doctype html><p>{{ csrf_token() }}</p>")))
    visitor = anonymous(app)
    answers = [visitor.get("/token-page") for _visit in range(3)]
    # The first visit stores the token in the session (a cookie); later ones only sign it again.
    assert "Set-Cookie" in answers[0].headers and "Set-Cookie" not in answers[2].headers
    assert [answer.headers["X-Page-Cache"] for answer in answers] == ["miss"] * 3
    token = re.search(r"<p>(.+)</p>", answers[0].get_data(as_text=True)).group(1)
    assert token not in anonymous(app).get("/token-page").get_data(as_text=True)


# --- shared by several app servers -------------------------------------------------------------

def _second_server(app, overrides: dict):
    return create_app(TestConfig, {"SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"], **overrides})


def _shared_by_two_servers(app, admin, client_for, overrides: dict) -> None:
    """A page made by one server is served by the other; an edit through one is seen through both."""
    other = _second_server(app, overrides)
    try:
        course = item(admin, title="盲人按摩初级班").id
        here, there = anonymous(app), anonymous(other)
        assert titles(here.get("/training")) == ["盲人按摩初级班"]
        behind_the_apps_back("UPDATE opportunities SET title = '改过的标题' WHERE id = :id", id=course)
        answer = there.get("/training")
        assert titles(answer) == ["盲人按摩初级班"] and answer.headers["X-Page-Cache"] == "hit"
        edited = form("course", title="盲人按摩提高班")
        assert client_for(admin).post(f"/admin/opportunities/{course}/edit", data=edited).status_code == 303
        assert titles(there.get("/training")) == ["盲人按摩提高班"]
        assert titles(here.get("/training")) == ["盲人按摩提高班"]
    finally:
        with other.app_context():
            db.engine.dispose()


@pytest.fixture
def config_overrides(request, tmp_path):
    """The test cache, or the backend a test asks for (indirect parametrisation)."""
    backend = getattr(request, "param", "test")
    if backend == "redis":
        require_service(6379, "Redis")
        redis.Redis.from_url(REDIS_TEST_URL).flushdb()
        return {"CACHE_TYPE": None, "CACHE_REDIS_URL": REDIS_TEST_URL}
    if backend == "files":
        return {"CACHE_TYPE": None, "CACHE_REDIS_URL": None, "CACHE_DIR": str(tmp_path / "page-cache")}
    if backend == "full":
        return {"CACHE_THRESHOLD": 5}
    if backend == "full files":
        return {"CACHE_TYPE": None, "CACHE_REDIS_URL": None, "CACHE_DIR": str(tmp_path / "page-cache"),
                "CACHE_THRESHOLD": 5}
    if backend == "redis that is down":
        return {"CACHE_TYPE": None, "CACHE_REDIS_URL": "redis://127.0.0.1:8249/0"}
    return {}


@pytest.mark.parametrize("config_overrides", ["redis"], indirect=True)
def test_two_app_servers_share_the_cache_through_redis(app, admin, client_for, config_overrides):
    _shared_by_two_servers(app, admin, client_for, config_overrides)


@pytest.mark.parametrize("config_overrides", ["files"], indirect=True)
def test_the_embedded_default_is_shared_by_the_workers_of_one_machine(app, admin, client_for, config_overrides):
    _shared_by_two_servers(app, admin, client_for, config_overrides)


@pytest.mark.parametrize("config_overrides", ["redis that is down"], indirect=True)
def test_a_cache_that_is_down_is_a_miss_not_an_error(app, client, admin, client_for):
    course = item(admin, title="盲人按摩初级班").id
    assert titles(client.get("/training")) == ["盲人按摩初级班"]
    edited = form("course", title="盲人按摩提高班")
    assert client_for(admin).post(f"/admin/opportunities/{course}/edit", data=edited).status_code == 303
    assert titles(client.get("/training")) == ["盲人按摩提高班"]


@pytest.mark.parametrize("config_overrides", ["full", "full files"], indirect=True)
def test_a_full_cache_makes_room_and_keeps_serving(app, client, admin):
    """Over its threshold the cache drops pages, never the generation every key starts with."""
    item(admin)
    for number in range(12):
        client.get(f"/training?q={number}")
    assert client.get("/training").headers["X-Page-Cache"] == "miss"
    assert count_queries(app, lambda: client.get("/training")) == 0
