"""The one place that reads who is asking from where, where they may be sent back to, and which
page of a list they asked for."""
import re
from urllib.parse import urlsplit

from flask import request

from ..services.common.text import whole_number

# Browsers drop tabs and newlines from a URL and read a backslash as a slash, so "/\t/evil.example"
# would leave the site: no control character, space or backslash anywhere.
_UNSAFE = re.compile(r"[\x00-\x20\x7f\\]")


def client_address() -> str:
    """The caller's address; behind a proxy (TRUST_PROXY), ProxyFix has already set remote_addr."""
    return request.remote_addr or "unknown"


def safe_next(target) -> str | None:
    """A redirect target on this site, or None: a path with one leading "/" and nothing that a
    browser could turn into another site (used for every `next`)."""
    if not isinstance(target, str) or not target.startswith("/") or target.startswith("//"):
        return None
    if _UNSAFE.search(target):
        return None
    parts = urlsplit(target)
    return target if not (parts.scheme or parts.netloc) else None


def requested_page(maximum: int = 10_000) -> int:
    """The ?page= asked for, 1 when it is missing or not a plain number; never more than `maximum`
    (the list then shows its last page)."""
    number = whole_number(request.args.get("page"), 10**9)
    return min(number, maximum) if number else 1
