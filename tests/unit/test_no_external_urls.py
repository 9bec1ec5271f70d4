"""Nothing from outside at run time: no URL to another site in templates, CSS or scripts."""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
URL = re.compile(r"(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}", re.I)
# XML namespace names are identifiers, never fetched.
ALLOWED = {"http://www.w3.org/2000/svg"}


def _files():
    for folder, patterns in (("webapp/templates", ("*.html",)), ("static", ("*.css", "*.js", "*.svg", "*.webmanifest"))):
        for pattern in patterns:
            yield from (ROOT / folder).rglob(pattern)


def test_no_template_stylesheet_or_script_points_outside_the_site():
    found = []
    for path in _files():
        if "vendor" in path.parts:
            continue  # third-party code, checked by checksum; it fetches only what the page asks
        for match in URL.finditer(path.read_text(encoding="utf-8")):
            if not any(match.group(0) in allowed for allowed in ALLOWED):
                found.append(f"{path.relative_to(ROOT)}: {match.group(0)}")
    assert not found, found
