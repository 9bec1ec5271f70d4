"""我的资料 question pages with errors, in Chinese, English and care mode.

A new applicant submits an identity question and a needs question empty: each page must say
"Error:" first in its title, link the error summary to the field, tie the message to the field
with aria-describedby, keep the language and care mode, and pass axe. The crawl never submits
forms, so these pages (and the profile not started, in each mode) are checked with axe here.
"""
import pytest

from .conftest import axe_violations
from .journeys import MODES, path, register, submit, text


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
