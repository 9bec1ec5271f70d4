"""Browser tests: the real app on a live server, driven through Debian's Chromium by Playwright.

Fixtures: live_server (base URL), browser (one Chromium for the session), context (a factory for
phone-sized browser contexts with the lang / care preference cookies), and the sign_in helper.
"""
import threading
from pathlib import Path

import axe_playwright_python
import pytest

from webapp.demo import DEMO_ACCOUNTS, DEMO_PASSWORD

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
PHONE_VIEWPORT = {"width": 390, "height": 844}
# Browser timeouts (ms): generous enough for a loaded 2-core machine, short enough to fail fast.
TIMEOUT_MS = 15_000

AXE_SOURCE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
# WCAG 2.0, 2.1 and 2.2 levels A and AA; no rule is ever switched off. On top of them the AAA
# rule color-contrast-enhanced (WCAG 1.4.6): all text 7:1 (4.5:1 when large), in every view.
AXE_OPTIONS = {"runOnly": {"type": "tag",
                           "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
               "rules": {"color-contrast-enhanced": {"enabled": True}}}

CRAWL_STATS = pytest.StashKey[dict]()


def _missing_chromium() -> None:
    pytest.fail(f"Browser tests need Debian's Chromium at {CHROMIUM}: install it with "
                "`apt-get install -y chromium` (sudo if not root), then run the tests again.",
                pytrace=False)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """The app with real CSRF-protected forms on a fresh migrated SQLite file, with demo data."""
    from flask_migrate import upgrade
    from werkzeug.serving import WSGIRequestHandler, make_server

    from webapp import create_app, demo
    from webapp.config import TestConfig
    from webapp.extensions import db

    folder = tmp_path_factory.mktemp("browser")
    database = folder / "browser.sqlite3"
    app = create_app(TestConfig, {
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}",
        "WTF_CSRF_ENABLED": True,
        "SMS_SENDER": "memory",
        "UPLOAD_FOLDER": str(folder / "uploads"),
        "APP_ENV": "development",  # a development copy: codes on the page, and the notice saying so
        "SMS_SHOW_CODE": True,
        "RATELIMIT_LOGIN": "1000 per minute",
        "RATELIMIT_REGISTER": "1000 per minute",
        "RATELIMIT_SMS": "1000 per minute",
        "SMS_CODES_PER_MINUTE": 1000,
        "SMS_CODES_PER_HOUR": 10_000,
    })
    with app.app_context():
        upgrade()
        demo.load(DEMO_ACCOUNTS, DEMO_PASSWORD)
        db.session.remove()

    class QuietHandler(WSGIRequestHandler):
        def log_request(self, *args, **kwargs):  # no access log; errors are still logged
            pass

    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=QuietHandler)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session. A missing Chromium fails, never skips."""
    if not CHROMIUM.exists():
        _missing_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                              args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def context(browser, live_server):
    """Factory: context(javascript_enabled=True, locale=None, care=None, **options).

    locale ("zh_CN" | "en") and care (True | False) become the app's `lang` and `care` cookies.
    The browser itself asks for Chinese (Accept-Language zh-CN), like a phone in Yangquan.
    """
    made = []

    def make(javascript_enabled: bool = True, locale: str | None = None, care: bool | None = None,
             **options):
        options.setdefault("locale", "zh-CN")
        new = browser.new_context(java_script_enabled=javascript_enabled, viewport=PHONE_VIEWPORT,
                                  base_url=live_server, **options)
        new.set_default_timeout(TIMEOUT_MS)
        new.set_default_navigation_timeout(TIMEOUT_MS)
        cookies = []
        if locale is not None:
            cookies.append({"name": "lang", "value": locale, "url": live_server})
        if care is not None:
            cookies.append({"name": "care", "value": "1" if care else "0", "url": live_server})
        if cookies:
            new.add_cookies(cookies)
        made.append(new)
        return new

    yield make
    for each in made:
        each.close()


def axe_violations(page, label: str) -> list[str]:
    """Run axe-core on the page as it is now; one "label: rule-id (impact): targets" per rule.

    Playwright evaluates through the DevTools protocol, which the page's Content-Security-Policy
    (script-src 'self') does not govern: axe runs without relaxing the site's real policy, and an
    inline script in the page itself is still blocked (checked while writing these tests).
    """
    page.evaluate(AXE_SOURCE)
    result = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    assert result["passes"], f"{label}: axe passed no checks at all, so it did not really run"
    found = []
    for violation in result["violations"]:
        targets = "; ".join(" ".join(map(str, node["target"])) for node in violation["nodes"])
        found.append(f"{label}: {violation['id']} ({violation['impact']}): {targets}")
    return found


def sign_in(page, base: str, phone: str, password: str = DEMO_PASSWORD) -> None:
    """Sign in through the real login form and check that it worked (lands on /me)."""
    page.goto(f"{base}/auth/login")
    page.fill("#phone", phone)
    page.fill("#password", password)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.url.split("#", 1)[0] == f"{base}/me", f"signing in as {phone} ended on {page.url}"


@pytest.fixture(scope="session")
def crawl_stats(pytestconfig):
    """Session totals of the axe crawl, printed in the terminal summary."""
    return pytestconfig.stash.setdefault(CRAWL_STATS, {"visits": 0, "urls": set(), "violations": 0,
                                                       "cases": {}})


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    stats = config.stash.get(CRAWL_STATS, None)
    if not stats or not stats["visits"]:
        return
    terminalreporter.write_sep("-", "axe crawl")
    for case, count in stats["cases"].items():
        terminalreporter.write_line(f"  {case}: {count} pages")
    terminalreporter.write_line(
        f"axe crawl: {stats['visits']} page visits, {len(stats['urls'])} distinct URLs, "
        f"{stats['violations']} violations")
