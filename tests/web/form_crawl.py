"""Find what the app offers a person, from the app itself: the pages a signed-in browser can reach by
following links, and every form on them (method, action, fields with the values the page offers).
Used by the hostile-input suite, so a new page or form is attacked without anyone listing it."""
import re
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urldefrag, urljoin, urlsplit

# Not pages: files, the worker and manifest, and links that switch language or care mode.
SKIP_PREFIXES = ("/static/", "/evidence/")
SKIP_PATHS = {"/sw.js", "/manifest.webmanifest", "/me/data/download"}
# Forms that end the session or the account: attacked last, by the caller, if at all.
ENDING = {"/auth/logout", "/me/data/delete"}
# Pages without forms made from one template for many (the policy guide's measures, plain and easy
# read): the first few are crawled, the rest would only crowd out pages with forms.
SAMPLED = re.compile(r"/policies/(?!check)[\w-]+")
SAMPLE = 2


@dataclass
class Field:
    name: str
    kind: str  # text, textarea, hidden, radio, checkbox, select, password, file, submit, ...
    values: list[str] = field(default_factory=list)  # what the page itself offers


@dataclass
class Form:
    page: str
    method: str
    action: str
    fields: dict[str, Field] = field(default_factory=dict)

    @property
    def key(self) -> tuple:
        return (self.method, urlsplit(self.action).path, tuple(sorted(self.fields)))


class _Parser(HTMLParser):
    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.page, self.links, self.forms = page, [], []
        self._form, self._select = None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self._form = Form(self.page, (a.get("method") or "get").upper(), urljoin(self.page, a.get("action") or ""))
            self.forms.append(self._form)
        elif self._form is not None and tag in ("input", "textarea", "select", "button") and a.get("name"):
            kind = a.get("type", "text") if tag == "input" else tag
            entry = self._form.fields.setdefault(a["name"], Field(a["name"], kind))
            if a.get("value") is not None:
                entry.values.append(a["value"])
            if tag == "select":
                self._select = entry
        elif tag == "option" and self._select is not None and a.get("value") is not None:
            self._select.values.append(a["value"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def _inside(href: str, page: str) -> str | None:
    url, _fragment = urldefrag(urljoin(page, href))
    parts = urlsplit(url)
    if parts.netloc not in ("", "localhost") or parts.scheme not in ("", "http"):
        return None
    query = dict(parse_qsl(parts.query))
    if "lang" in query or "care" in query or parts.path.startswith(SKIP_PREFIXES) or parts.path in SKIP_PATHS:
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def crawl(client, start=("/", "/me"), limit: int = 130) -> tuple[list[str], list[Form]]:
    """(pages seen, distinct forms found) for the browser `client`, breadth first."""
    queue, seen, forms, sampled = deque(start), set(), {}, set()
    while queue and len(seen) < limit:
        page = queue.popleft()
        if page in seen:
            continue
        seen.add(page)
        response = client.get(page)
        if response.status_code != 200 or response.mimetype != "text/html":
            continue
        parser = _Parser(page)
        parser.feed(response.get_data(as_text=True))
        for form in parser.forms:
            forms.setdefault(form.key, form)
        for href in parser.links:
            target = _inside(href, page)
            if target and target not in seen:
                if SAMPLED.fullmatch(urlsplit(target).path):
                    if target not in sampled and len(sampled) >= SAMPLE:
                        continue
                    sampled.add(target)
                queue.append(target)
    return sorted(seen), list(forms.values())
