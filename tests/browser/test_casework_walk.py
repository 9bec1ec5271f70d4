"""Point 7 walked: the 城区 caseworker on a 390 px phone with JavaScript off. The queue is oldest
first; the application page is summary and decision first, every target at least 44 x 44 px, and
much shorter than the 4,840 px the issue measured; approving goes through a confirmation page,
by keyboard alone."""
import re

import pytest

from .conftest import sign_in
from .journeys import active, at, press_enter, tab_to, tab_until

CASEWORKER = "13800000002"
PERSON = "赵静"  # a demo 城区 applicant, identity verified, one application waiting in the queue
# Measured while writing this test (zh_CN, 390 x 844, claimed, demo data): the page folded is
# 1,519 px tall, and 5,161 px with every section opened (all of it shown at once, as before the
# grouping; the issue measured 4,840 px). The bound leaves room for a longer name or reason list.
MAX_FOLDED_HEIGHT = 1_900
WAITING_LIST = "候补中"

TARGETS = """() => [...document.querySelectorAll('a[href], button, summary, input:not([type=hidden]), select, textarea')]
  .filter(el => el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden'
                && !el.closest('.visually-hidden') && !el.classList.contains('skip-link'))
  .map(el => { const r = el.getBoundingClientRect();
               const box = el.matches('input[type=radio], input[type=checkbox]') ? el.closest('.choice') || el : el;
               const b = box.getBoundingClientRect();
               return {what: el.outerHTML.slice(0, 90), width: Math.round(b.width), height: Math.round(b.height)}; })"""


def _small_targets(page) -> list[dict]:
    return [t for t in page.evaluate(TARGETS) if t["width"] < 44 or t["height"] < 44]


def _height(page) -> int:
    return page.evaluate("() => document.documentElement.scrollHeight")


@pytest.mark.browser
def test_a_caseworker_on_a_phone_works_the_queue_and_approves_by_keyboard(context, live_server):
    page = context(javascript_enabled=False).new_page()
    sign_in(page, live_server, CASEWORKER)
    page.goto(f"{live_server}/casework")
    assert page.evaluate("() => typeof window.htmx") == "undefined"

    # The queue: those waiting for a decision first, in the order they were sent (references rise).
    rows = page.locator("main ul.cells[aria-labelledby=results-heading] > li")
    found = [(re.search(r"YQ-\d{4}-\d{6}", text).group(0), text) for text in rows.all_inner_texts()]
    waiting = [ref for ref, text in found if re.search(r"已等待 \d+ 天", text)]
    assert len(waiting) >= 4 and waiting == sorted(waiting), found
    assert [ref for ref, _ in found][:len(waiting)] == waiting, "decided ones come after the waiting ones"

    # Open the applicant's application from the queue by keyboard.
    tab_until(page, f"el.matches('a.cell__link') && el.textContent.includes('{PERSON}')", f"the row of {PERSON}")
    press_enter(page)
    reference = at(page).rsplit("/", 1)[1]
    assert page.locator("#summary-title").inner_text() == PERSON
    tab_to(page, "form[action$='/claim'] button", "the claim button")
    press_enter(page)
    assert page.locator("form[action$='/approve'] button").count() == 1

    # Summary and decision first; the details folded; every target big enough; far shorter.
    heights = page.evaluate("""() => ['summary-title', 'decision-title', 'answers-title']
        .map(id => document.getElementById(id).getBoundingClientRect().top)""")
    assert heights == sorted(heights)
    assert _small_targets(page) == []
    folded = _height(page)
    assert folded <= MAX_FOLDED_HEIGHT, f"the application page is {folded} px tall"
    page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
    opened = _height(page)
    assert _small_targets(page) == [], "a target in an opened section is too small"
    assert opened > 2 * folded, (folded, opened)
    print(f"application page at 390 px: {folded} px folded, {opened} px with every section open")
    page.reload()

    # Approve: the button leads to a confirmation page, which decides only when confirmed.
    tab_to(page, "form[action$='/approve'] button", "the approve button")
    press_enter(page)
    assert page.locator("h2#confirm-title").count() == 1
    assert active(page)["id"] == "confirm-title", "focus starts on the question"
    assert _small_targets(page) == []
    tab_to(page, "form[action$='/approve'] button[type=submit]", "the confirm button")
    press_enter(page)
    assert at(page) == f"{live_server}/casework/applications/{reference}"
    assert page.locator(".flash--success").count() == 1
    assert page.locator("form[action$='/approve']").count() == 0
    status = page.locator("#summary-title + p + p .tag").inner_text()
    assert status in ("已录取", WAITING_LIST), status  # a course: a seat, or the waiting list


ADMIN = "13800000003"
OVERFLOW = """() => ({page: document.documentElement.scrollWidth,
  tables: [...document.querySelectorAll('.table-wrap')].map(w => w.scrollWidth - w.clientWidth),
  labels: [...document.querySelectorAll('table.table--cards tbody td[data-label]')].slice(0, 3)
            .map(td => getComputedStyle(td, '::before').content),
  headers: [...document.querySelectorAll('table.table--cards')].map(t => t.querySelectorAll('thead th').length)})"""


@pytest.mark.browser
def test_admin_tables_are_cards_on_a_phone_and_closed_items_are_counted(context, live_server):
    page = context(javascript_enabled=False).new_page()
    sign_in(page, live_server, ADMIN)
    for url in ("/admin/opportunities", "/admin/staff", "/admin/audit"):
        page.goto(f"{live_server}{url}")
        shape = page.evaluate(OVERFLOW)
        assert shape["page"] <= 390 and all(extra <= 1 for extra in shape["tables"]), (url, shape)
        assert shape["labels"] and all(label.startswith('"') and label != '""' for label in shape["labels"]), (url, shape)
        assert all(shape["headers"]), "the header row is still there for screen readers"
        assert page.locator("table.table--cards tbody tr").first.evaluate(
            "tr => getComputedStyle(tr).display") == "block", url
    # The demo has a course past its deadline (农村电商创业): 已截止 counts it, like everywhere else.
    page.goto(f"{live_server}/admin/opportunities")
    closed = re.search(r"已截止\s*[（(](\d+)", page.locator("#status-filter").locator("xpath=..").inner_text())
    assert closed and int(closed.group(1)) >= 2, page.locator("#status-filter").locator("xpath=..").inner_text()


@pytest.mark.browser
def test_every_change_link_is_a_44_px_target(context, live_server):
    """修改 links were 34 x 25 px; plain links are now 44 px tall and wide at least (app.css)."""
    page = context().new_page()
    sign_in(page, live_server, "13800000001")
    page.goto(f"{live_server}/me/identity/check")
    assert page.locator(".cell__action a").count() >= 5
    sizes = page.locator(".cell__action a").evaluate_all(
        "links => links.map(a => [a.getBoundingClientRect().width, a.getBoundingClientRect().height])")
    assert all(width >= 44 and height >= 44 for width, height in sizes), sizes
    assert _small_targets(page) == []
