"""Valid HTML: every page the axe crawl visits passes the W3C Nu Html Checker with zero errors.

The pages are the axe crawl's own (test_axe_crawl.crawl: every role in Chinese, English and care
mode); in a full run that crawl has already happened and its pages are reused, run alone this
test crawls without axe. Each distinct document the server sent is checked once, all of them in
one vnu run (one JVM start). htmx attributes are written data-hx-*, the valid form, and htmx
still reads them (the second test).
"""
import re
import time
from collections import defaultdict

import pytest

from .nu_checker import describe, require_checker, validate
from .test_axe_crawl import CASES, crawl


@pytest.mark.browser
def test_every_crawled_page_is_valid_html(context, live_server):
    require_checker()
    seen_in: dict[str, list[str]] = defaultdict(list)  # html -> where the crawl met it
    visits = 0
    for case in CASES:
        role, mode = case.values
        for path, html in crawl(context, live_server, role, mode, axe=False).html.items():
            seen_in[html].append(f"{path} ({role}, {mode})")
            visits += 1
    documents = {f"{where[0]}" + (f" and {len(where) - 1} more" if len(where) > 1 else ""): html
                 for html, where in seen_in.items()}
    started = time.monotonic()
    errors = validate(documents)
    took = time.monotonic() - started
    urls = {where.split(" ", 1)[0] for places in seen_in.values() for where in places}
    print(f"\nvnu: {visits} page visits, {len(urls)} distinct URLs, {len(documents)} distinct "
          f"documents checked in one run of {took:.1f} s; {len(errors)} errors")
    assert len(documents) >= len(CASES), "the crawl gave the checker almost nothing to check"
    assert not errors, (f"the Nu Html Checker found {len(errors)} errors:\n"
                        + "\n".join(describe(error) for error in errors))


@pytest.mark.browser
def test_htmx_reads_the_data_hx_attributes(context, live_server):
    """Changing a filter with JavaScript on swaps only the results and updates the live status."""
    page = context(locale="en").new_page()
    page.goto(f"{live_server}/opportunities")
    assert page.locator("[hx-get], [hx-target], [hx-swap-oob]").count() == 0
    page.wait_for_function("() => window.htmx !== undefined")
    heading = page.locator("#results-heading")
    before = heading.inner_text()
    page.locator(".filters__more summary").click()
    with page.expect_request(lambda request: request.headers.get("hx-request") == "true") as sent:
        page.locator("#open").check()
    assert "open=" in sent.value.url
    page.wait_for_function("before => document.querySelector('#results-heading').innerText !== before"
                           " || document.querySelector('#results-status').innerText !== ''", arg=before)
    status = page.locator("#results-status").inner_text()
    assert re.search(r"\d+ opportunit", status), status
    assert page.locator("#results-status").get_attribute("role") == "status"
    assert "open=" in page.url  # data-hx-push-url: the address shows the filter


@pytest.mark.parametrize("ci", ["", "true"])
def test_a_missing_checker_skips_saying_so_except_in_ci(monkeypatch, ci):
    from . import nu_checker

    monkeypatch.setattr(nu_checker, "VNU_JAR", nu_checker.ROOT / "node_modules" / "no-such.jar")
    monkeypatch.setenv("CI", ci)
    outcome = pytest.fail.Exception if ci else pytest.skip.Exception
    with pytest.raises(outcome, match="node_modules/no-such.jar is missing"):
        nu_checker.require_checker()
