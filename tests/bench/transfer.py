"""Bytes a visit sends, from real responses of the server asked with Accept-Encoding: gzip.

First visit: the HTML plus every stylesheet, script, icon and manifest it loads (and what the
stylesheets load with url()), and images not marked loading="lazy". Repeat visit: the HTML, plus
whatever of those the browser could not keep (no month-long or immutable Cache-Control), the
HTML asked for with If-None-Match when it came with an ETag (a 304 sends no body). An htmx
fragment is loaded into a page already open: its first visit is the fragment itself.
"""
import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from .pages import LOAD_HEADERS, Page, headers_for, request

# What a browser fetches while it loads the page (apple-touch-icon only when added to a home screen).
_LOADED_RELS = {"stylesheet", "icon", "shortcut icon", "manifest", "modulepreload", "preload"}
_CSS_URL = re.compile(rb"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")
_KEPT_SECONDS = 30 * 86400


class _Assets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and (attrs.get("rel") or "").lower() in _LOADED_RELS and attrs.get("href"):
            self.found.append(attrs["href"])
        elif tag == "script" and attrs.get("src"):
            self.found.append(attrs["src"])
        elif tag == "img" and attrs.get("src") and attrs.get("loading") != "lazy":
            self.found.append(attrs["src"])


def _local(url: str) -> bool:
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc and not url.startswith("data:")


def _kept(headers: dict) -> bool:
    """Whether a browser keeps the file without asking again on the next visit."""
    control = headers.get("cache-control", "")
    if "immutable" in control:
        return True
    match = re.search(r"max-age=(\d+)", control)
    return bool(match) and int(match.group(1)) >= _KEPT_SECONDS and "no-cache" not in control


def measure(port: int, page: Page, path: str, cookies: dict[str, str]) -> dict:
    status, raw_headers, html = request(port, "GET", path, headers=headers_for(page, cookies))
    headers = {name.lower(): value for name, value in raw_headers}
    result = {"html_bytes": len(html), "html_encoding": headers.get("content-encoding", "none"), "assets": [],
              "html_etag": "etag" in headers}
    # Again, as a browser that kept the page asks for it: a 304 when the page has an ETag it still matches.
    again = headers_for(page, cookies)
    if "etag" in headers:
        again["If-None-Match"] = headers["etag"]
    repeat_status, _headers, repeat_html = request(port, "GET", path, headers=again)
    result.update(html_repeat_status=repeat_status, html_repeat_bytes=len(repeat_html))
    if page.fragment:
        result.update(first_bytes=len(html), repeat_bytes=len(repeat_html), refetched=0)
        return result
    text = _decoded(html, headers)
    parser = _Assets()
    parser.feed(text.decode("utf-8", "replace"))
    queue, seen = [urljoin(path, url) for url in parser.found if _local(url)], set()
    while queue:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        a_status, a_raw, body = request(port, "GET", url, headers=LOAD_HEADERS)
        a_headers = {name.lower(): value for name, value in a_raw}
        result["assets"].append({"url": url, "status": a_status, "bytes": len(body),
                                 "encoding": a_headers.get("content-encoding", "none"),
                                 "cache_control": a_headers.get("cache-control", ""), "kept": _kept(a_headers)})
        if url.endswith(".css") or "text/css" in a_headers.get("content-type", ""):
            for found in _CSS_URL.findall(_decoded(body, a_headers)):
                found = found.decode()
                if _local(found):
                    queue.append(urljoin(url, found))
    assets = result["assets"]
    result["first_bytes"] = len(html) + sum(each["bytes"] for each in assets)
    result["repeat_bytes"] = len(repeat_html) + sum(each["bytes"] for each in assets if not each["kept"])
    result["refetched"] = sum(1 for each in assets if not each["kept"])
    return result


def _decoded(body: bytes, headers: dict) -> bytes:
    encoding = headers.get("content-encoding", "")
    if encoding == "gzip":
        import gzip

        return gzip.decompress(body)
    if encoding == "br":
        import brotli

        return brotli.decompress(body)
    return body
