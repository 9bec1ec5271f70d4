"""Every form and query string the app offers, found by crawling it as each kind of person, gets
hostile input (Hypothesis): out-of-range and superscript digits, full-width text, NUL and control
characters, bidi overrides, 10,000 characters, emoji, SQL and HTML fragments, missing, duplicated
and list-valued fields, unknown fields, and bytes that are not UTF-8.

Never a 5xx; every refusal (4xx) is a page in the reader's language that says what is wrong;
nothing is stored on a refusal; and what the person typed is still in the form after a 422.
"""
import html
import re
from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from tests.web.form_crawl import ENDING, crawl
from webapp import demo
from webapp.extensions import db
from webapp.models import User

NASTY = ["", " ", "\x00", "\x00abc", "a\x1b[2Jb", "\u202eevil\u202c", "\u2066x\u2069", "\ufeff\u200b", "😀🙈" * 3,
         "0", "-1", "9" * 40, "9223372036854775808", "2147483648", "²", "١٢٣", "１２３", "1e9", "NaN", "0x10",
         "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "' OR '1'='1", "'; DROP TABLE users;--",
         "%00", "%", "_", "\\", "../../etc/passwd", "${7*7}{{7*7}}", "null", "[]", "{}", "\r\n\r\n", "\t",
         "2026-02-30", "9999-12-31", "0001-01-01", "13800000001", "YQ-2026-000001", "a" * 10_000, "张" * 10_000]
VALUE = st.one_of(st.sampled_from(NASTY), st.text(st.characters(codec="utf-8"), max_size=40),
                  st.text(st.characters(codec="utf-8", min_codepoint=0x2000), min_size=1, max_size=3).map(lambda s: s * 3400))
PLAIN = re.compile(r"[A-Za-z0-9\u4e00-\u9fff]{1,40}")  # typed text we expect to see again exactly
TYPED_KINDS = {"text", "textarea", "search", "tel"}
MESSAGES = ('class="error-summary"', 'class="flash flash--error"', 'class="result__icon result__icon--error"',
            'aria-invalid="true"', 'class="field__error"')
PERSONAS = {"anonymous": None, "applicant": "13800000001", "helper": "13800000004", "caseworker": "13800000002",
            "admin": "13800000003", "employer": "13800000021"}
TRIED = {"requests": 0, "forms": 0}


@pytest.fixture
def config_overrides():
    return {"RATELIMIT_LOGIN": "100000 per minute", "RATELIMIT_REGISTER": "100000 per minute",
            "RATELIMIT_SMS": "100000 per minute", "SMS_CODES_PER_MINUTE": 100000, "SMS_CODES_PER_HOUR": 100000}


def _fingerprint() -> tuple:
    """Rows per table, and the newest change where a table records one, in one query: what a refusal
    must not move. Audit rows and SMS codes are left out: refusals are audited, and a code sent is not
    a change."""
    parts = []
    for table in db.metadata.sorted_tables:
        if table.name not in ("audit_events", "sms_codes"):
            parts.append(select(func.count()).select_from(table).scalar_subquery())
            if "updated_at" in table.c:
                parts.append(select(func.max(table.c.updated_at)).scalar_subquery())
    return tuple(db.session.execute(select(*parts)).one())


def _data(draw, form) -> tuple[dict, dict]:
    """Field values for one attack, and which typed values must come back on a 422."""
    values, typed = {}, {}
    for name, entry in form.fields.items():
        if entry.kind in ("submit", "file", "button"):
            continue
        choice = draw(st.sampled_from(["page", "hostile", "missing", "twice"]))
        if choice == "missing":
            continue
        offered = entry.values or [""]
        if choice == "page":
            value = draw(st.sampled_from(offered))
        else:
            value = draw(VALUE)
        values[name] = [value, draw(VALUE)] if choice == "twice" else value
        if entry.kind in TYPED_KINDS and isinstance(values[name], str) and PLAIN.fullmatch(value):
            typed[name] = value
    if draw(st.booleans()):
        values[draw(st.sampled_from(["id", "user_id", "role", "status", "__proto__", "x" * 300]))] = draw(VALUE)
    return values, typed


def _reader_language(client) -> str:
    """English as the browser asks, unless the person has since chosen another language (settings)."""
    chosen = client.get_cookie("lang")
    return "zh-CN" if chosen is not None and chosen.value == "zh_CN" else "en"


def _check(client, response, before: dict, typed: dict, what: str) -> None:
    assert response.status_code < 500, f"{what}: {response.status_code}"
    if 400 <= response.status_code < 500 and response.mimetype == "text/html":
        page = response.get_data(as_text=True)
        assert f'<html lang="{_reader_language(client)}"' in page, f"{what}: not in the reader's language"
        assert any(marker in page for marker in MESSAGES), f"{what}: {response.status_code} without a message"
        assert _fingerprint() == before, f"{what}: something was stored on a refusal"
        if response.status_code == 422:
            for name, value in typed.items():
                assert html.escape(value, quote=True) in page or value in page, f"{what}: {name}={value!r} lost"


def _attack(client, form, persona: str) -> None:
    path = urlsplit(form.action).path

    @settings(max_examples=6, deadline=None, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                     HealthCheck.data_too_large])
    @given(st.data())
    def one(data):
        values, typed = _data(data.draw, form)
        before = _fingerprint()
        if form.method == "GET":
            response = client.get(path, query_string=values)
        else:
            response = client.post(path, data=values)
        TRIED["requests"] += 1
        _check(client, response, before, typed, f"{persona} {form.method} {path} {values!r:.300}")

    one()
    raw = client.open(path + "?page=%FF&q=%C0%AF", method=form.method, data=b"name=%FF%FE%00&q=\xff\xfe",
                      headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert raw.status_code < 500, f"{persona} {path}: bytes that are not UTF-8 gave {raw.status_code}"
    TRIED["requests"] += 1
    TRIED["forms"] += 1


def _demo_browser(persona: str, client_for, client):
    """A test client signed in as the persona's demo account (the plain client when anonymous)."""
    demo.load()
    phone = PERSONAS[persona]
    return client_for(db.session.scalar(select(User).where(User.phone == phone)), demo.DEMO_PASSWORD) \
        if phone else client


@pytest.mark.parametrize("persona", list(PERSONAS))
def test_every_form_holds_against_hostile_input(app, client_for, client, persona):
    browser = _demo_browser(persona, client_for, client)
    pages, forms = crawl(browser)
    assert len(pages) >= 5 and forms, (persona, pages)
    attacked = [form for form in forms if urlsplit(form.action).path not in ENDING]
    before = TRIED["forms"]
    for form in attacked:
        _attack(browser, form, persona)
    assert TRIED["forms"] - before == len(attacked) > 0


@pytest.mark.parametrize("persona", ["anonymous", "admin"])
def test_every_page_holds_against_hostile_query_strings(app, client_for, client, persona):
    browser = _demo_browser(persona, client_for, client)
    pages, _forms = crawl(browser)
    for page in pages:
        for value in ("9" * 30, "²\x00", "<x>" + "a" * 5000):
            response = browser.get(urlsplit(page).path, query_string={
                "page": value, "q": value, "status": value, "kind": value, "next": value, "waiting": value,
                "district": value, "accessibility": [value, value], "date_from": value})
            assert response.status_code < 500, (page, value, response.status_code)
