"""The page-weight budget from DESIGN.md: a first visit, everything it loads, gzip <= 35 KB; and a
repeat visit that fetches nothing but the page.

Everything a first visit loads, on the demo data: the page; every static file it names (stylesheet, scripts, icons);
the web app manifest; the service worker, which app.js registers at once, and every file the worker
keeps on installing (its precache list: the shell and the offline pages). Each counted once, as
the server sends it to a browser that accepts gzip (bodies only, not headers).
"""
import json
import re

import pytest

BUDGET = 35 * 1024
GZIP = {"Accept-Encoding": "gzip"}
STATIC = re.compile(rb'(?:src|href)="(/static/[^"]+)"')


def _sent(client, url: str) -> int:
    """Bytes of the body as sent with gzip."""
    with client.get(url, headers=GZIP) as response:
        assert response.status_code == 200, url
        return len(response.get_data())


def precache_list(client) -> list[str]:
    """The URLs the service worker fetches when it installs."""
    body = client.get("/sw.js").get_data(as_text=True)
    return json.loads(re.search(r"var SHELL = (\[.*?\]);", body)[1])


def first_visit(client, path: str) -> dict[str, int]:
    """{URL: bytes sent} for a first visit of `path`."""
    page = client.get(path, headers=GZIP)
    assert page.status_code == 200, path
    html = client.get(path).get_data()
    urls = {url.decode() for url in STATIC.findall(html)} | {"/manifest.webmanifest", "/sw.js"}
    urls |= set(precache_list(client))
    return {path: len(page.get_data()), **{url: _sent(client, url) for url in sorted(urls)}}


@pytest.fixture
def demo(app):
    """The demo data: the lists show a full page of courses, stalls and posts."""
    from webapp.demo import load

    load()


@pytest.mark.parametrize("path", ["/", "/auth/login", "/auth/register", "/me", "/me/settings", "/training",
                                  "/opportunities", "/jobs", "/subsidies", "/policies", "/policies/check"])
@pytest.mark.parametrize("care", ["0", "1"])
def test_first_visit_fits_the_budget(client, demo, path, care):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "zh-CN"  # the default language, and the heavier
    loads = first_visit(client, f"{path}?care={care}")
    assert any("/static/css/app." in url for url in loads) and any("htmx" in url for url in loads)
    assert "/offline?for=form" in loads and "/sw.js" in loads
    total = sum(loads.values())
    assert total <= BUDGET, f"{path}: {total} bytes gzip > {BUDGET}: {loads}"


@pytest.mark.parametrize("path", ["/", "/training"])
def test_a_repeat_visit_fetches_only_the_page(client, path):
    """Every file the page loads may be kept a year without asking (its name changes with its
    content); the worker and the manifest, which keep their names, answer a repeat question with 304."""
    html = client.get(path).get_data()
    for url in {url.decode() for url in STATIC.findall(html)} | set(u for u in precache_list(client)
                                                                    if u.startswith("/static/")):
        with client.get(url) as response:
            assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable", url
    for url in ("/sw.js", "/manifest.webmanifest"):
        etag = client.get(url).headers["ETag"]
        again = client.get(url, headers={"If-None-Match": etag})
        assert again.status_code == 304 and again.get_data() == b"", url
