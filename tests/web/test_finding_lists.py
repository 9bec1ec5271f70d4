"""Course and opportunity lists: what is listed, each filter, pages, query counts and the htmx fragment."""
import re

import pytest

from tests.web.finding_helpers import DAY, TODAY, count_queries, item, titles

HTMX = {"HX-Request": "true"}


def heading(response) -> str:
    return re.search(r'<h2[^>]*id="results-heading"[^>]*>([^<]+)</h2>', response.get_data(as_text=True)).group(1)


# --- lists and filters -------------------------------------------------------------------------

def test_training_lists_published_courses_only_soonest_deadline_first(client, admin):
    item(admin, title="晚截止", deadline=TODAY + 30 * DAY)
    item(admin, title="早截止", deadline=TODAY + 2 * DAY)
    item(admin, title="草稿课程", status="draft")
    item(admin, title="已关闭课程", status="closed")
    item(admin, kind="stall", title="桃北市场摊位", category="market_stall", total=30, capacity=3)
    response = client.get("/training")
    assert response.status_code == 200
    assert titles(response) == ["早截止", "晚截止"]
    assert heading(response) == "2 courses found"
    page = response.get_data(as_text=True)
    assert 'aria-current="page"' in page.split('href="/training"')[1][:40]  # the 培训 tab is current
    assert "<title>Training – " in page


def test_opportunities_lists_stalls_and_posts_and_filters_by_kind(client, admin):
    item(admin, kind="stall", title="桃北市场摊位", category="market_stall", total=30, capacity=3)
    item(admin, kind="post", title="社区保洁员", category=None, total=20, capacity=2)
    item(admin, title="一门课程")
    item(admin, kind="post", title="草稿岗位", status="draft", total=5, capacity=1)
    assert sorted(titles(client.get("/opportunities"))) == ["桃北市场摊位", "社区保洁员"]
    assert titles(client.get("/opportunities?kind=stall")) == ["桃北市场摊位"]
    assert titles(client.get("/opportunities?kind=post")) == ["社区保洁员"]
    assert titles(client.get("/opportunities?category=market_stall")) == ["桃北市场摊位"]
    assert titles(client.get("/opportunities?category=shop")) == []
    assert heading(client.get("/opportunities?kind=post")) == "1 opportunity found"


@pytest.mark.parametrize("query, expected", [
    ("category=blind_massage", ["按摩班"]),
    ("district=pingding", ["种植班"]),
    ("rural=y", ["种植班"]),
    ("accessibility=step_free", ["种植班", "按摩班"]),
    ("accessibility=step_free&accessibility=braille_large_print", ["按摩班"]),
    ("open=y", ["种植班", "电商班"]),
    ("district=chengqu&open=y", ["电商班"]),
    ("q=按摩", ["按摩班"]),
    ("q=农业技术推广站", ["种植班"]),  # the provider
    ("q=读屏", ["电商班"]),  # the description
    ("q=LIVE", ["电商班"]),  # case does not matter
    ("q=100%25", []),  # % is a character to find, not a wildcard
    ("category=no-such&district=atlantis", ["种植班", "电商班", "按摩班"]),  # unknown values are ignored
])
def test_each_course_filter_narrows_the_list(client, admin, query, expected):
    item(admin, title="按摩班", category="blind_massage", district="chengqu", deadline=TODAY - DAY,
         accessibility=["step_free", "braille_large_print"])
    item(admin, title="种植班", category="rural", district="pingding", rural=True, deadline=TODAY,
         provider="平定县农业技术推广站", accessibility=["accessible_toilet", "step_free"])
    item(admin, title="电商班", category="ecommerce", district="chengqu", deadline=TODAY + DAY,
         opens_on=TODAY, description="Live streaming，适合使用读屏软件的学员", accessibility=["online"])
    item(admin, title="未开放", category="ecommerce", district="chengqu", deadline=TODAY + 5 * DAY,
         opens_on=TODAY + DAY, status="draft")
    # closed=y: the closed 按摩班 is listed too (after the open ones); by default it is left out,
    # see tests/web/test_list_order.py
    assert titles(client.get(f"/training?{query}&closed=y")) == expected


def test_open_now_leaves_out_items_that_open_later_or_have_closed(client, admin):
    item(admin, title="明天开放", opens_on=TODAY + DAY)
    item(admin, title="已截止", deadline=TODAY - DAY)
    item(admin, title="今天开放", opens_on=TODAY)
    assert titles(client.get("/training?open=y")) == ["今天开放"]


def test_chosen_filters_stay_chosen_in_the_form(client, admin):
    page = client.get("/training?q=按摩&district=kuangqu&accessibility=online&rural=y").get_data(as_text=True)
    assert 'value="按摩"' in page
    assert re.search(r'<option selected value="kuangqu">|<option value="kuangqu" selected', page)
    assert re.search(r'<input[^>]*checked[^>]*value="online"|<input[^>]*value="online"[^>]*checked', page)
    assert "<details class=\"filters__more\" open>" in page  # the filters in use are not hidden
    assert "Nothing matches" in page and 'href="/training">Clear all filters' in page


def test_empty_lists_say_so_in_words(client):
    assert "No courses are published right now" in client.get("/training").get_data(as_text=True)
    assert "No stalls or posts are published right now" in client.get("/opportunities").get_data(as_text=True)


# --- pages -------------------------------------------------------------------------------------

def test_twenty_five_items_make_three_pages_with_links_that_keep_the_filters(client, admin):
    for n in range(25):
        item(admin, title=f"课程{n:02d}", district="yuxian", deadline=TODAY + n * DAY)
    item(admin, title="别的区", district="chengqu")
    first = client.get("/training?district=yuxian")
    assert titles(first) == [f"课程{n:02d}" for n in range(10)]
    html = first.get_data(as_text=True)
    assert "Page 1 of 3" in html and 'rel="prev"' not in html
    next_url = re.search(r'<a rel="next" href="([^"]+)"', html).group(1).replace("&amp;", "&")
    assert "district=yuxian" in next_url and "page=2" in next_url
    last = client.get("/training?district=yuxian&page=3")
    assert titles(last) == [f"课程{n:02d}" for n in range(20, 25)]
    html = last.get_data(as_text=True)
    assert "Page 3 of 3" in html and 'rel="next"' not in html and 'rel="prev"' in html
    assert "<title>Training, page 3 of 3 – " in html
    assert titles(client.get("/training?district=yuxian&page=99")) == titles(last)  # past the end: the last page
    assert titles(client.get("/training?district=yuxian&page=abc")) == titles(first)


@pytest.mark.parametrize("path", ["/training", "/opportunities"])
def test_a_page_of_ten_costs_the_same_queries_as_a_page_of_one(app, client, admin, path):
    kind = "course" if path == "/training" else "post"
    item(admin, kind=kind, title="第一个", total=5, capacity=1, accessibility=["step_free"])
    one = count_queries(app, lambda: client.get(path))
    for n in range(12):
        item(admin, kind=kind, title=f"更多{n}", total=5, capacity=1, accessibility=["step_free", "online"])
    ten = count_queries(app, lambda: client.get(path))
    assert ten == one <= 3  # one count, one page of rows, one count of the closed ones left out


# --- htmx: the same URL, full page or fragment ---------------------------------------------------

def _ten_long_items(admin):
    for n in range(12):
        item(admin, title=f"盲人保健按摩初级班（第{n}期）", provider="阳泉市盲人按摩指导中心（城区分中心）",
             category="blind_massage", accessibility=["step_free", "accessible_toilet", "braille_large_print"],
             capacity=20, taken=n)


def test_an_htmx_request_gets_the_results_fragment_with_the_live_status(client, admin):
    _ten_long_items(admin)
    full = client.get("/training?category=blind_massage")
    fragment = client.get("/training?category=blind_massage", headers=HTMX)
    for response in (full, fragment):
        assert response.status_code == 200 and "HX-Request" in response.headers["Vary"]
    page, part = full.get_data(as_text=True), fragment.get_data(as_text=True)
    assert "<html" in page and "<html" not in part and "<form" not in part
    assert part.lstrip().startswith("<h2") and 'data-focus-after-swap' in part
    # The live region is in the page from the start, outside the swapped target ...
    assert page.index('id="results-status" role="status"') < page.index('id="results"')
    assert "data-hx-swap-oob" not in page
    # ... and the fragment updates its words out of band.
    status = re.search(r'<p id="results-status" data-hx-swap-oob="innerHTML">([^<]+)</p>', part).group(1)
    assert status == "12 courses found, page 1 of 2"
    assert titles(fragment) == titles(full)
    assert len(fragment.data) <= 6144, len(fragment.data)
    chinese = client.get("/training?category=blind_massage&lang=zh_CN", headers=HTMX)
    assert len(chinese.data) <= 6144, len(chinese.data)


@pytest.mark.parametrize("headers", [{**HTMX, "HX-Boosted": "true"}, {**HTMX, "HX-History-Restore-Request": "true"}])
def test_boosted_and_history_restore_requests_get_the_full_page(client, admin, headers):
    item(admin)
    response = client.get("/training", headers=headers)
    assert "<html" in response.get_data(as_text=True) and "HX-Request" in response.headers["Vary"]


def test_the_form_works_without_javascript_and_with_htmx(client):
    page = client.get("/opportunities").get_data(as_text=True)
    tag = re.search(r'<form class="form filters"[^>]*>', page).group(0)
    assert 'method="get"' in tag and 'action="/opportunities"' in tag and 'role="search"' in tag
    for attribute in ('data-hx-get="/opportunities"', 'data-hx-target="#results"', 'data-hx-push-url="true"',
                      'data-hx-trigger="change from:find .filters__more, submit"', 'data-hx-indicator="#results-loading"'):
        assert attribute in tag
    assert '<button class="btn btn--primary" type="submit">' in page
