"""我的资料, employment needs and evidence photos, with JavaScript off on a phone-sized screen.

A new applicant answers the needs questions (one with a server-side error first) and submits
them, then uploads a photo of their certificate: consent is asked for first, a text file named
like a photo is refused by its content, and the stored photo has its EXIF removed. With
JavaScript on, the same upload form sends by XMLHttpRequest and shows a <progress>.

The pages a new applicant sees here (needs not started, a question with an error, the check
and "done" pages, evidence with none, an error and a photo) are not reachable by the link crawl
of the demo applicant, so each is checked with axe here (through SnapshotAxe, JavaScript off).
"""
import io
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from PIL import Image

from webapp.config import TestConfig

from .conftest import sign_in
from .journeys import PASSWORD, SnapshotAxe, path, register, submit, tag_of_row, text

# Stored photos are named by services/uploads.py: 32 random URL-safe characters.
STORED_PHOTO = re.compile(r"[A-Za-z0-9_-]{32}(?:\.thumb)?\.jpg")

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
