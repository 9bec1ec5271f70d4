"""Crawl every page each role can reach, in Chinese, English and care mode, and run axe-core on it.

Zero WCAG 2.2 A/AA violations is the bar, plus the AAA text contrast rule (7:1, see
conftest.AXE_OPTIONS); no axe rule is switched off. Each page must also have
one <h1>, one <main>, the right <html lang> and the care-mode class exactly when care mode is on,
and must not log a JavaScript error or a Content-Security-Policy violation.
"""
import re
from collections import Counter, deque
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urldefrag, urlencode, urlsplit

import pytest

from .conftest import axe_violations, sign_in
from .journeys import MODES

ROLES = {
    "anonymous": None,
    "applicant": "13800000001",
    "caseworker": "13800000002",
    "admin": "13800000003",
    "helper": "13800000004",
    "employer": "13800000021",
}
START = ("/", "/me")
# Pages that links may not reach; always visited.
FIXED = ("/auth/login", "/auth/register", "/auth/reset", "/offline", "/me/settings", "/employer/register")
NOT_FOUND = "/no-such-page"
SKIP_PREFIXES = ("/static/",)
SKIP_PATHS = {"/sw.js", "/manifest.webmanifest"}
# Links to files, not pages: page.goto cannot open a download ("Download is starting") and axe has
# nothing to check in an image. Each is fetched once instead and must answer (status < 400) with
# something other than HTML. So is any link with a download attribute (the dashboard's CSV files).
FILE_PREFIXES = ("/evidence/", "/employer/licence/")  # evidence photos (see test_profile_needs_and_photos)
FILE_PATHS = {"/me/data/download"}  # the applicant's own data, a zip
MIN_PAGES = 8
# Pages each crawl must reach, so a crawl that stops following links cannot pass.
MUST_REACH = {"/", "/me", "/training", "/opportunities", "/me/settings", "/jobs", "/policies"}
MUST_REACH_BY_ROLE = {
    "admin": {"/admin/staff", "/admin/staff/new", "/admin/deliveries", "/admin/employers"},
    "employer": {"/employer", "/employer/numbers"},
    "applicant": {"/me/profile", "/me/identity/check", "/me/needs", "/me/evidence", "/me/consent",
                  "/me/helpers", "/me/data", "/me/data/download"},
    "helper": {"/me/acting", "/me/profile", "/me/needs"},
}
# Feedback and ratings: the form, the person's own list, the caseworkers' queue and call-backs, the figures.
for _role, _paths in {"applicant": {"/feedback", "/me/feedback"}, "caseworker": {"/casework/feedback",
                      "/casework/callbacks"}, "admin": {"/admin/feedback"}, "anonymous": {"/feedback"}}.items():
    MUST_REACH_BY_ROLE.setdefault(_role, set()).update(_paths)


def _normalise(href: str, origin: str) -> str | None:
    """The site-relative URL to crawl for a link, or None when the crawl must not follow it."""
    url, _fragment = urldefrag(href)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or f"{parts.scheme}://{parts.netloc}" != origin:
        return None  # other sites, tel:, mailto:
    if parts.path.startswith(SKIP_PREFIXES) or parts.path in SKIP_PATHS:
        return None
    query = parse_qs(parts.query, keep_blank_values=True)
    if "lang" in query or "care" in query:
        return None  # these links switch the language or care mode under test
    query.pop("next", None)  # /auth/login?next=... is the sign-in page whatever comes after
    path = parts.path or "/"
    return f"{path}?{urlencode(query, doseq=True)}" if query else path


# Many links lead to the same template with other data (course 1, course 2 ..., page 2, page 3).
# Checking a couple of each is enough to check the template; the rest only cost time.
PER_SHAPE = 2
_ID = re.compile(r"/(\d+|YQ-\d{4}-\d{6})(?=/|$)")


def _shape(target: str) -> str:
    """The route a URL belongs to: numbers and references as <id>, query keys without values."""
    parts = urlsplit(target)
    keys = sorted(parse_qs(parts.query, keep_blank_values=True))
    return _ID.sub("/<id>", parts.path) + ("?" + "&".join(keys) if keys else "")


def _is_file(target: str, download: bool) -> bool:
    path = urlsplit(target).path
    return download or path in FILE_PATHS or path.startswith(FILE_PREFIXES)


CASES = [pytest.param(role, mode, id=f"{role}-{mode}") for role in ROLES for mode in MODES]


@dataclass
class Crawl:
    """What one crawl of one role in one mode found; html is what the server sent per page."""
    crawled: list[str]
    files: list[str]
    problems: list[str]
    script_errors: list[str]
    violations: list[str] | None  # None when axe was not run (the HTML checker's own crawl)
    html: dict[str, str] = field(default_factory=dict)


_CRAWLS: dict[tuple[str, str], Crawl] = {}


def crawl(context, live_server, role: str, mode: str, axe: bool = True) -> Crawl:
    """Crawl each case once per session: the HTML checker (test_valid_html) reuses this crawl."""
    done = _CRAWLS.get((role, mode))
    if done is None or (axe and done.violations is None):
        done = _CRAWLS[(role, mode)] = _crawl(context, live_server, role, mode, axe)
    return done


@pytest.mark.browser
@pytest.mark.parametrize(("role", "mode"), CASES)
def test_every_reachable_page_passes_axe(context, live_server, crawl_stats, role, mode):
    found = crawl(context, live_server, role, mode)
    crawled, files, violations, problems = found.crawled, found.files, found.violations, found.problems
    script_errors = found.script_errors

    case = f"{role}-{mode}"
    crawl_stats["cases"][case] = len(crawled)
    crawl_stats["visits"] += len(crawled)
    crawl_stats["urls"].update(crawled)
    crawl_stats["violations"] += len(violations)
    print(f"\n{case}: crawled {len(crawled)} pages: {' '.join(crawled)}; fetched {len(files)} files: "
          f"{' '.join(files)}")

    assert not violations, "axe found WCAG 2.2 A/AA (or AAA contrast) violations:\n" + "\n".join(violations)
    assert not problems, "page structure problems:\n" + "\n".join(problems)
    assert not script_errors, "JavaScript errors or CSP violations:\n" + "\n".join(script_errors)
    assert len(crawled) >= MIN_PAGES, f"only {len(crawled)} pages crawled ({crawled}); the crawl is broken"
    missed = (MUST_REACH | MUST_REACH_BY_ROLE.get(role, set())) - set(crawled) - set(files)
    assert not missed, f"the crawl never reached {sorted(missed)}; crawled {crawled}"


def _crawl(context, live_server, role: str, mode: str, axe: bool) -> Crawl:
    lang, care, html_lang = MODES[mode]
    page = context(locale=lang, care=care).new_page()
    current = {"url": None}
    script_errors: list[str] = []

    def on_console(message):
        if message.type != "error":
            return
        source = message.location.get("url", "") if message.location else ""
        if (current["url"] == NOT_FOUND and "404" in message.text
                and source.startswith(f"{live_server}{NOT_FOUND}")):
            return  # the browser logs the deliberate 404 itself as a failed load
        script_errors.append(f"{current['url']}: console error: {message.text} ({source})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: script_errors.append(f"{current['url']}: page error: {error}"))

    if ROLES[role]:
        sign_in(page, live_server, ROLES[role])

    queue = deque(START)
    queued = set(START)
    for path in (*FIXED, NOT_FOUND):
        if path not in queued:
            queue.append(path)
            queued.add(path)
    problems: list[str] = []
    violations: list[str] = []
    crawled: list[str] = []
    files: list[str] = []
    html: dict[str, str] = {}
    shapes = Counter(_shape(path) for path in queue)

    while queue:
        path = queue.popleft()
        current["url"] = path
        response = page.goto(f"{live_server}{path}")
        assert response is not None, f"{path}: no response"
        crawled.append(path)
        html[path] = response.text()
        expected_status = 404 if path == NOT_FOUND else None
        if expected_status:
            if response.status != expected_status:
                problems.append(f"{path}: status {response.status}, expected {expected_status}")
        elif response.status >= 400:
            problems.append(f"{path}: status {response.status}")

        page_facts = page.evaluate("""() => ({
            h1: document.querySelectorAll("h1").length,
            main: document.querySelectorAll("main").length,
            lang: document.documentElement.getAttribute("lang"),
            care: document.documentElement.classList.contains("care"),
            links: Array.from(document.querySelectorAll("a[href]"),
                              a => ({href: a.href, download: a.hasAttribute("download")})),
        })""")
        if page_facts["h1"] != 1:
            problems.append(f"{path}: {page_facts['h1']} <h1> elements, expected exactly 1")
        if page_facts["main"] != 1:
            problems.append(f"{path}: {page_facts['main']} <main> elements, expected exactly 1")
        if page_facts["lang"] != html_lang:
            problems.append(f"{path}: <html lang={page_facts['lang']!r}>, expected {html_lang!r}")
        if page_facts["care"] != care:
            problems.append(f"{path}: html.care is {'on' if page_facts['care'] else 'off'}, "
                            f"expected {'on' if care else 'off'}")

        # axe goes in through the DevTools protocol, not blocked by the page's strict CSP
        # (see axe_violations), so the crawl runs with the site's real policy, no bypass_csp.
        if axe:
            violations.extend(axe_violations(page, path))

        for link in page_facts["links"]:
            target = _normalise(link["href"], live_server)
            if not target or target in queued:
                continue
            queued.add(target)
            if _is_file(target, link["download"]):
                files.append(target)
            elif shapes[_shape(target)] < PER_SHAPE:
                shapes[_shape(target)] += 1
                queue.append(target)

    for target in files:
        reply = page.request.get(f"{live_server}{target}")
        if reply.status >= 400:
            problems.append(f"{target} (a file): status {reply.status}")
        elif reply.headers.get("content-type", "").startswith("text/html"):
            problems.append(f"{target} (a file): answered with an HTML page")

    return Crawl(crawled, files, problems, script_errors, violations if axe else None, html)
