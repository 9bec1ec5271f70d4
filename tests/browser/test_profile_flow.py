"""我的资料 end to end on a phone-sized screen: identity, consent, needs and evidence photos.

Done when a new applicant can, by keyboard alone and with JavaScript off, fill in identity,
consent, needs and upload evidence, leave half-way and resume, and see it all masked correctly.

The pages a new applicant sees (not started, in progress, consent not given yet, forms with
errors, the needs "done" page, an uploaded photo) are not reachable by the link crawl of the
demo applicant, so each is checked with axe here.
"""
import functools
import io
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from PIL import Image

from webapp.config import TestConfig
from webapp.services.identity.numbers import check_character, mask_certificate, mask_id

from .conftest import axe_violations, sign_in
from .test_keyboard import SUBMIT, active, tab_once_to, tab_until

# A made-up resident of 矿区 (140303) born 1992-03-14 (a woman: the 17th digit is even). Not the
# demo applicant's number, which an account already holds.
ID_BODY = "14030319920314246"
ID_NUMBER = ID_BODY + check_character(ID_BODY)
CERTIFICATE = ID_NUMBER + "42"  # category 4 (physical), level 2
PASSWORD = "Pf8-mRt52q"
# Stored photos are named by services/uploads.py: 32 random URL-safe characters.
STORED_PHOTO = re.compile(r"[A-Za-z0-9_-]{32}(?:\.thumb)?\.jpg")


# --- helpers shared with test_helper_flow -------------------------------------------------------

@functools.cache
def _translating_app():
    from webapp import create_app

    return create_app(TestConfig)


def text(lang: str, message: str, **values) -> str:
    """`message` as the app shows it in `lang` ("zh_CN" or "en"), through the app's own gettext.

    In Chinese the text must really be translated: English on a Chinese page is a bug.
    """
    from flask_babel import force_locale, gettext

    with _translating_app().test_request_context("/"), force_locale(lang):
        translated = gettext(message, **values)
    if lang == "zh_CN" and translated == (message % values if values else message):
        pytest.fail(f"no Chinese translation of {message!r}", pytrace=False)
    return translated


def path(page) -> str:
    """The path of the page's URL (no query, no fragment)."""
    return urlsplit(page.url).path


def submit(page, selector: str = "main form button[type=submit]"):
    """Click a submit button and wait for the page it leads to; returns the response."""
    with page.expect_navigation() as navigation:
        page.locator(selector).first.click()
    return navigation.value


def press_enter(page):
    """Enter on whatever has focus, and wait for the page it leads to; returns the response."""
    with page.expect_navigation() as navigation:
        page.keyboard.press("Enter")
    return navigation.value


def tab_to(page, selector: str, what: str) -> dict:
    """Tab until the focused element matches the CSS selector."""
    return tab_until(page, f"el.matches({selector!r})", what)


def register(page, base: str, phone: str, name: str, password: str = PASSWORD, helper: bool = False) -> None:
    """A new account through the real forms (filled in; the keyboard test of this is test_keyboard)."""
    page.goto(f"{base}/auth/register")
    page.fill("#phone", phone)
    submit(page)
    code = re.search(r"(?<!\d)(\d{6})(?!\d)", page.inner_text(".dev-note"))
    assert code, "the development note should show the 6-digit code"
    page.fill("#code", code.group(1))
    page.fill("#name", name)
    page.fill("#password", password)
    if helper:
        # The helper account type, by its Chinese label: "帮助有残疾的家人或朋友".
        page.get_by_role("radio", name=re.compile("^帮助")).check()
    submit(page)
    assert path(page) == "/auth/welcome", f"registering {phone} ended on {page.url}"


def sign_out_by_keyboard(page, base: str) -> None:
    page.goto(f"{base}/me")
    tab_to(page, 'form[action$="/auth/logout"] button', "the sign-out button")
    press_enter(page)
    assert path(page) == "/", page.url


def sign_in_by_keyboard(page, base: str, phone: str, password: str = PASSWORD) -> None:
    page.goto(f"{base}/auth/login")
    tab_until(page, "el.id === 'phone'", "the phone field")
    page.keyboard.type(phone)
    tab_once_to(page, "password")
    page.keyboard.type(password)
    press_enter(page)
    assert path(page) == "/me", page.url


def jpeg(width: int = 640, height: int = 480, secret: str = "") -> bytes:
    """A real JPEG photo made with Pillow; `secret` goes into its EXIF description."""
    image = Image.new("RGB", (width, height), (30, 110, 200))
    for x in range(0, width, 40):  # some detail, so it is not one flat colour
        image.paste((240, 240, 240), (x, 0, x + 8, height))
    out = io.BytesIO()
    exif = Image.Exif()
    if secret:
        exif[0x010E] = secret  # ImageDescription
    image.save(out, "JPEG", quality=90, exif=exif.tobytes())
    return out.getvalue()


def png() -> bytes:
    """A real PNG with an alpha channel (stored as JPEG on white)."""
    out = io.BytesIO()
    Image.new("RGBA", (400, 250), (200, 60, 60, 255)).save(out, "PNG")
    return out.getvalue()


def tag_of_row(page, label: str):
    """The status tag of the task-list row on /me/profile with this label."""
    row = page.locator("main .cells a.cell__link").filter(has_text=label)
    assert row.count() == 1, f"expected one row {label!r} on {page.url}"
    return row, row.locator(".tag")


@pytest.fixture
def stored_photos_removed():
    """The live server keeps photos in the configured UPLOAD_FOLDER (instance/uploads: the browser
    conftest does not override it). The test adds the bytes of each photo it stored (as served
    back to it) to the list; afterwards exactly those files are removed, nothing else."""
    folder = Path(TestConfig.UPLOAD_FOLDER)
    before = set(folder.iterdir()) if folder.exists() else set()
    ours: list[bytes] = []
    yield ours
    if not folder.exists():
        return
    for added in set(folder.iterdir()) - before:
        if STORED_PHOTO.fullmatch(added.name) and added.read_bytes() in ours:
            added.unlink(missing_ok=True)


def served_photos(page, base: str, section) -> tuple[bytes, bytes]:
    """The full photo and the thumbnail shown in one section of /me/evidence, as served."""
    thumb = section.locator("img").get_attribute("src")
    full = section.locator("a:has(img)").get_attribute("href")
    assert re.fullmatch(r"/evidence/\d+/thumb", thumb) and full == thumb.replace("/thumb", "/full"), (thumb, full)
    return tuple(page.context.request.get(f"{base}{url}").body() for url in (full, thumb))


# --- 1. identity and consent by keyboard alone, leaving half-way -----------------------------------

@pytest.mark.browser
def test_identity_and_consent_by_keyboard_alone_leaving_half_way(context, live_server, crawl_stats):
    base = live_server
    page = context().new_page()
    phone, name = "13920000001", "资料键盘"
    found, seen = [], []

    def check(label):
        assert page.locator("h1").count() == 1, label
        seen.append(path(page))
        found.extend(axe_violations(page, label))

    def question(step: str) -> None:
        assert path(page) == f"/me/identity/{step}", f"expected the {step} question, on {page.url}"
        check(f"question {step}")

    register(page, base, phone, name)
    page.goto(f"{base}/me/profile")
    _, tag = tag_of_row(page, text("zh_CN", "Personal details"))
    assert tag.inner_text() == text("zh_CN", "Not started")
    check("profile not started")
    tab_to(page, 'main a[href$="/me/identity/name"]', "the personal details row")
    press_enter(page)

    question("name")
    tab_until(page, "el.id === 'full_name'", "the name field")
    page.keyboard.type("王小红")
    press_enter(page)

    question("id-number")
    tab_until(page, "el.id === 'id_number'", "the ID number field")
    page.keyboard.type(f"{ID_NUMBER[:6]} {ID_NUMBER[6:14]} {ID_NUMBER[14:]}")  # spaces, as on the card
    press_enter(page)
    # The next question needs disability information: consent comes first.
    assert path(page) == "/me/consent", f"the certificate question must ask for consent first: {page.url}"
    assert page.locator(".flash--info").count() == 1
    check("consent not given")

    # Leave half-way: sign out by keyboard, sign in again, carry on from where it stopped.
    sign_out_by_keyboard(page, base)
    sign_in_by_keyboard(page, base, phone)
    page.goto(f"{base}/me/profile")
    row, tag = tag_of_row(page, text("zh_CN", "Personal details"))
    assert tag.inner_text() == text("zh_CN", "In progress")
    assert "tag--warn" in tag.get_attribute("class").split()
    assert row.get_attribute("href") == "/me/identity/certificate", "the row must lead to the next missing question"
    assert text("zh_CN", "%(count)d questions left", count=5) in row.inner_text()
    check("profile in progress")
    tab_to(page, 'main a[href="/me/identity/certificate"]', "the personal details row")
    press_enter(page)
    assert path(page) == "/me/consent", page.url

    tab_to(page, 'main form[action^="/me/consent"] button', "the I agree button")
    assert active(page)["text"] == text("zh_CN", "I agree")
    press_enter(page)
    question("certificate")  # back to the question that asked for consent
    assert page.locator(".flash--success").count() == 1
    tab_until(page, "el.id === 'certificate_number'", "the certificate field")
    page.keyboard.type(CERTIFICATE)
    press_enter(page)

    question("district")
    tab_until(page, "el.name === 'district'", "the district radios")
    page.keyboard.press("ArrowDown")  # arrow keys move along the group and choose
    assert page.locator("input[name=district]:checked").get_attribute("value") == "kuangqu"
    tab_once_to(page, "town")
    page.keyboard.type("赛鱼街道")
    press_enter(page)

    question("household")
    tab_until(page, "el.name === 'household_type'", "the household radios")
    page.keyboard.press("Space")
    assert page.locator("input[name=household_type]:checked").get_attribute("value") == "urban"
    page.keyboard.press("Tab")
    assert page.evaluate(f"() => {{ const el = document.activeElement; return {SUBMIT}; }}"), active(page)
    press_enter(page)

    question("education")
    tab_until(page, "el.name === 'education'", "the education radios")
    for _ in range(4):
        page.keyboard.press("ArrowDown")
    assert page.locator("input[name=education]:checked").get_attribute("value") == "college"
    page.keyboard.press("Tab")  # one Tab stop per radio group
    assert active(page)["id"] == "is_student-0", active(page)
    page.keyboard.press("Space")
    assert page.locator("input[name=is_student]:checked").get_attribute("value") == "no"
    tab_until(page, SUBMIT, "the save button")
    press_enter(page)

    question("contact")
    tab_until(page, "el.id === 'contact_phone'", "the contact phone field")
    page.keyboard.type("139 2000 0011")
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert page.locator("input[name=preferred_contact]:checked").get_attribute("value") == "phone"
    tab_until(page, SUBMIT, "the save button")
    press_enter(page)

    question("communication")
    tab_until(page, "el.name === 'communication_needs'", "the first checkbox")
    for box in ("communication_needs-1", "communication_needs-2"):  # large print, screen reader
        tab_once_to(page, box)
        page.keyboard.press("Space")
    assert [box.get_attribute("value") for box in page.locator("input[name=communication_needs]:checked").all()] \
        == ["large_print", "screen_reader"]
    tab_until(page, SUBMIT, "the save button")
    press_enter(page)

    # Check the answers: the numbers masked, never whole, anywhere in the page.
    assert path(page) == "/me/identity/check", page.url
    check("check answers")
    answers = page.locator("main dl.summary").inner_text()
    assert mask_id(ID_NUMBER) == f"{ID_NUMBER[:6]}{'*' * 8}{ID_NUMBER[-4:]}"
    assert mask_id(ID_NUMBER) in answers
    assert mask_certificate(CERTIFICATE) == f"{ID_NUMBER[:6]}{'*' * 8}{ID_NUMBER[14:]}**"
    assert mask_certificate(CERTIFICATE) in answers
    html = page.content()
    for secret in (ID_NUMBER, CERTIFICATE, ID_NUMBER[6:14]):
        assert secret not in html, "the check page must not contain the whole ID or certificate number"
    for expected in ("王小红", f"{text('zh_CN', 'Kuangqu District')} 赛鱼街道", text("zh_CN", "Urban (城镇)"),
                     text("zh_CN", "Junior college"), "13920000011", text("zh_CN", "Phone call"),
                     text("zh_CN", "Large print"), text("zh_CN", "Screen reader"), text("zh_CN", "Female"),
                     text("zh_CN", "%(category)s, %(level)s", category=text("zh_CN", "Physical"),
                          level=text("zh_CN", "Level 2"))):
        assert expected in answers, f"{expected!r} missing from the answers: {answers!r}"
    tab_to(page, 'main form[action$="/me/identity/check"] button', "the submit button")
    press_enter(page)

    assert path(page) == "/me/profile", page.url
    assert page.locator(".flash--success").count() == 1
    row, tag = tag_of_row(page, text("zh_CN", "Personal details"))
    assert tag.inner_text() == text("zh_CN", "Submitted")
    assert "tag--ok" in tag.get_attribute("class").split()
    assert re.search(r"JC-\d{6}", row.inner_text()), row.inner_text()
    _, consent_tag = tag_of_row(page, text("zh_CN", "Consent to use disability information"))
    assert consent_tag.inner_text() == text("zh_CN", "Given")
    check("profile submitted")

    crawl_stats["visits"] += len(seen)
    crawl_stats["urls"].update(seen)
    crawl_stats["cases"]["profile by keyboard"] = len(seen)
    assert not found, "axe found WCAG 2.2 A/AA violations:\n" + "\n".join(found)


# --- 2. needs and evidence photos without JavaScript ----------------------------------------------

NEEDS_ANSWERS = (
    # step, {radio/checkbox name: values}, {text field: value}
    ("status", {"employment_status": ["unemployed"]}, {}),
    ("job-types", {"job_types": ["massage", "clerical"]}, {"job_types_other": "盲文校对"}),
    ("pattern", {"work_patterns": ["part_time", "home_based"]}, {}),
    ("districts", {"districts": ["kuangqu"]}, {}),
    ("pay", {}, {"pay_min": "2000", "pay_max": "3500"}),
    ("training", {"training_interests": ["ecommerce"]}, {}),
    ("accommodations", {"accommodations": ["flexible_hours"]}, {"accommodations_other": "可以坐着工作"}),
    ("notes", {}, {"notes": "上午要做康复训练。"}),
)


class SnapshotAxe:
    """axe for pages seen with JavaScript off.

    axe.run needs the page's own event loop (timers, promises), which a context with JavaScript
    off does not run, so it would never finish there. The HTML the JavaScript-off page shows is
    served again, at the same origin (so the real CSS applies), to a page with JavaScript on,
    and axe checks that. Pages behind a POST (errors) are checked exactly as they were shown.
    """

    def __init__(self, context, base: str):
        self.url = f"{base}/axe-snapshot"
        self.page = context().new_page()
        self.html = ""
        self.page.route(self.url, lambda route: route.fulfill(
            status=200, content_type="text/html; charset=utf-8", body=self.html))

    def violations(self, html: str, label: str) -> list[str]:
        self.html = html
        self.page.goto(self.url)
        return axe_violations(self.page, label)


def assert_scripts_off(page) -> None:
    assert page.evaluate("() => typeof window.htmx") == "undefined", "JavaScript is running in this page"


@pytest.mark.browser
def test_needs_and_evidence_photos_without_javascript(context, live_server, crawl_stats, stored_photos_removed):
    base = live_server
    page = context(javascript_enabled=False).new_page()
    snapshot = SnapshotAxe(context, base)
    phone, name = "13920000002", "资料无脚本"
    found, seen = [], []

    def check(label):
        assert page.locator("h1").count() == 1, label
        seen.append(path(page))
        found.extend(snapshot.violations(page.content(), label))

    register(page, base, phone, name)
    page.goto(f"{base}/me/needs")
    assert_scripts_off(page)
    check("needs not started")
    submit(page, "main a.btn--primary")  # 开始 (a link, not a form)
    for step, choices, fields in NEEDS_ANSWERS:
        assert path(page) == f"/me/needs/{step}", f"expected the {step} question, on {page.url}"
        for field, values in choices.items():
            for value in values:
                page.check(f"input[name={field}][value={value}]")
        for field, value in fields.items():
            page.fill(f"#{field}", value)
        if step == "pay":  # a server-side error first: the lowest pay above the highest
            page.fill("#pay_min", "5000")
            response = submit(page)
            assert response.status == 422
            assert page.locator(".error-summary a[href='#pay_max']").count() == 1
            assert page.locator("#pay_max").get_attribute("aria-invalid") == "true"
            assert page.locator("#pay_max-error").is_visible()
            check("needs pay with an error")
            page.fill("#pay_min", fields["pay_min"])
        response = submit(page)
        assert response.status == 200, f"{step}: status {response.status}"

    assert path(page) == "/me/needs/check", page.url
    check("needs check answers")
    answers = page.locator("main dl.summary").inner_text()
    for expected in (text("zh_CN", "Not working and looking for work"), text("zh_CN", "Massage and physiotherapy"),
                     "盲文校对", text("zh_CN", "Working from home"), text("zh_CN", "Kuangqu District"),
                     text("zh_CN", "%(low)d to %(high)d yuan a month", low=2000, high=3500),
                     text("zh_CN", "Flexible working hours"), "可以坐着工作", "上午要做康复训练。"):
        assert expected in answers, f"{expected!r} missing from the answers: {answers!r}"
    submit(page)
    assert re.fullmatch(r"/me/needs/done/1", path(page)), page.url
    assert re.search(r"XQ-\d{6}-1", page.locator(".result").inner_text()), page.locator(".result").inner_text()
    check("needs done")
    page.goto(f"{base}/me/profile")
    _, tag = tag_of_row(page, text("zh_CN", "Employment needs"))
    assert tag.inner_text() == text("zh_CN", "Submitted")

    # Evidence photos. There is no keyboard way to drive the operating system's file picker, so
    # the file is given to the <input type=file> with set_input_files; the rest is plain HTML.
    photo = jpeg(secret="GPS 37.85N 113.57E")
    page.goto(f"{base}/me/evidence")
    check("evidence, none yet")
    certificate_form = "main form[action$='/me/evidence/certificate']"
    page.set_input_files("#certificate", {"name": "zheng.jpg", "mimeType": "image/jpeg", "buffer": photo})
    submit(page, f"{certificate_form} button[type=submit]")
    assert path(page) == "/me/consent", "a photo of the certificate must need consent first"
    submit(page, "main form[action^='/me/consent'] button")
    assert path(page) == "/me/evidence", page.url

    # A text file with a photo's name and type is refused, by its content.
    page.set_input_files("#certificate", {"name": "notes.jpg", "mimeType": "image/jpeg",
                                          "buffer": "这不是照片".encode()})
    response = submit(page, f"{certificate_form} button[type=submit]")
    assert response.status == 422
    assert page.title().startswith(text("zh_CN", "Error:")), page.title()
    summary = page.locator(".error-summary a[href='#certificate']")
    message = text("zh_CN", "The file must be a photo in JPG, PNG or WebP format.")
    assert summary.count() == 1 and summary.inner_text().strip() == message
    field = page.locator("#certificate")
    assert field.get_attribute("aria-invalid") == "true"
    assert field.get_attribute("aria-describedby") == "certificate-error"
    assert message in page.locator("#certificate-error").inner_text()
    assert page.locator("main img").count() == 0
    check("evidence with an error")

    page.set_input_files("#certificate", {"name": "zheng.jpg", "mimeType": "image/jpeg", "buffer": photo})
    submit(page, f"{certificate_form} button[type=submit]")
    assert path(page) == "/me/evidence", page.url
    assert page.locator(".flash--success").inner_text() == text("zh_CN", "Photo uploaded.")
    assert page.locator(".error-summary").count() == 0
    section = page.locator("main section").filter(has=page.locator("#certificate"))
    thumb = section.locator("img")
    assert thumb.count() == 1
    stored_photos_removed.extend(served_photos(page, base, section))
    document = text("zh_CN", "Disability certificate (残疾人证)")
    assert document in thumb.get_attribute("alt"), thumb.get_attribute("alt")
    assert page.evaluate("img => img.complete && img.naturalWidth", thumb.element_handle()) == 320, \
        "the thumbnail must load, 320 pixels wide"
    check("evidence with a photo")

    full = thumb.locator("xpath=ancestor::a[1]").get_attribute("href")
    assert re.fullmatch(r"/evidence/\d+/full", full), full
    response = page.context.request.get(f"{base}{full}")
    assert response.status == 200 and response.headers["content-type"] == "image/jpeg"
    assert "no-store" in response.headers["cache-control"]
    stored = Image.open(io.BytesIO(response.body()))
    assert stored.format == "JPEG" and stored.size == (640, 480)
    assert not stored.getexif(), "the stored photo must have no EXIF left"
    page.goto(f"{base}{full}")  # and the browser opens it as an image
    assert page.evaluate("() => document.images.length === 1 && document.images[0].naturalWidth") == 640
    page.goto(f"{base}/me/profile")
    _, tag = tag_of_row(page, text("zh_CN", "Photos of documents"))
    assert tag.inner_text() == text("zh_CN", "%(count)d of 2 uploaded", count=1)

    # With JavaScript on, the same form sends the photo by XMLHttpRequest and shows a <progress>.
    page = context().new_page()
    sign_in(page, base, phone, PASSWORD)
    progress, requests = [], []
    page.expose_function("reportProgress", lambda what, value: progress.append((what, value)))
    page.on("request", lambda request: requests.append((request.method, urlsplit(request.url).path,
                                                        request.resource_type)))
    page.goto(f"{base}/me/evidence")
    page.evaluate("""() => {
        const bar = document.querySelector("form[action$='/me/evidence/id_card'] progress");
        const value = Object.getOwnPropertyDescriptor(HTMLProgressElement.prototype, "value");
        Object.defineProperty(bar, "value", {configurable: true,
            get() { return value.get.call(this); },
            set(v) { value.set.call(this, v); window.reportProgress("value", v); }});
        new MutationObserver(() => window.reportProgress("hidden", bar.hidden))
            .observe(bar, {attributes: true, attributeFilter: ["hidden"]});
    }""")
    page.set_input_files("#id_card", {"name": "id.png", "mimeType": "image/png", "buffer": png()})
    submit(page, "main form[action$='/me/evidence/id_card'] button[type=submit]")
    assert path(page) == "/me/evidence", page.url
    assert ("POST", "/me/evidence/id_card", "xhr") in requests, f"the upload was not sent by script: {requests}"
    assert ("hidden", False) in progress, f"the progress bar was never shown: {progress}"
    assert ("value", 100) in progress, f"the progress bar never reached 100: {progress}"
    section = page.locator("main section").filter(has=page.locator("#id_card"))
    assert section.locator("img").count() == 1
    stored_photos_removed.extend(served_photos(page, base, section))
    assert text("zh_CN", "Resident ID card") in section.locator("img").get_attribute("alt")

    crawl_stats["visits"] += len(seen)
    crawl_stats["urls"].update(seen)
    crawl_stats["cases"]["needs and photos without JavaScript"] = len(seen)
    assert not found, "axe found WCAG 2.2 A/AA violations:\n" + "\n".join(found)


# --- 3. question pages with errors, in Chinese, English and care mode ------------------------------

MODES = {"zh_CN": ("zh_CN", False, "zh-CN"), "en": ("en", False, "en"), "care": ("zh_CN", True, "zh-CN")}


@pytest.mark.browser
def test_question_pages_with_errors_pass_axe_in_every_mode(context, live_server, crawl_stats):
    base = live_server
    browser_context = context()
    page = browser_context.new_page()
    register(page, base, "13920000003", "资料错误")
    found, seen = [], []

    for mode, (lang, care, html_lang) in MODES.items():
        browser_context.add_cookies([{"name": "lang", "value": lang, "url": base},
                                     {"name": "care", "value": "1" if care else "0", "url": base}])

        def check(label, mode=mode, care=care, html_lang=html_lang):
            assert page.locator("html").get_attribute("lang") == html_lang, label
            assert ("care" in (page.locator("html").get_attribute("class") or "").split()) == care, label
            assert page.locator("h1").count() == 1, label
            seen.append(path(page))
            found.extend(axe_violations(page, f"{mode} {label}"))

        page.goto(f"{base}/me/profile")
        check("profile not started")

        for url, field, target, message in (
            ("/me/identity/id-number", "id_number", "id_number", "Enter your resident ID number."),
            ("/me/needs/status", "employment_status", "employment_status-0", "Choose what you do now."),
        ):
            page.goto(f"{base}{url}")
            response = submit(page)
            assert response.status == 422, f"{mode} {url}: status {response.status}"
            expected = text(lang, message)
            assert page.title().startswith(text(lang, "Error:")), page.title()
            link = page.locator(f".error-summary a[href='#{target}']")
            assert link.count() == 1 and link.inner_text().strip() == expected, f"{mode} {url}"
            assert expected in page.locator(f"#{field}-error").inner_text()
            described = page.locator(f"#{field}").get_attribute("aria-describedby") or ""
            assert f"{field}-error" in described.split(), f"{mode} {url}: aria-describedby={described!r}"
            if field == "id_number":
                assert page.locator("#id_number").get_attribute("aria-invalid") == "true"
            check(f"{url} with an error")

    crawl_stats["visits"] += len(seen)
    crawl_stats["urls"].update(seen)
    crawl_stats["cases"]["question errors, 3 modes"] = len(seen)
    assert not found, "axe found WCAG 2.2 A/AA violations:\n" + "\n".join(found)
