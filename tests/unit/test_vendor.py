"""The vendored htmx is the file its README records, and every page loads that file."""
import hashlib
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_vendored_htmx_matches_recorded_checksum():
    readme = (ROOT / "static/vendor/README.md").read_text(encoding="utf-8")
    rows = re.findall(r"\| `(htmx-[\d.]+\.min\.js)` \|.*?\| `([0-9a-f]{64})` \|", readme)
    assert rows, "static/vendor/README.md must record the htmx file and its sha256"
    for name, recorded in rows:
        actual = hashlib.sha256((ROOT / "static/vendor" / name).read_bytes()).hexdigest()
        assert actual == recorded, f"{name} does not match the sha256 recorded in the README"
    assert (ROOT / "static/vendor/LICENSE-htmx.txt").exists()


def test_base_template_loads_the_recorded_htmx_version():
    base = (ROOT / "webapp/templates/base.html").read_text(encoding="utf-8")
    readme = (ROOT / "static/vendor/README.md").read_text(encoding="utf-8")
    loaded = re.search(r"vendor/(htmx-[\d.]+\.min\.js)", base).group(1)
    assert f"`{loaded}`" in readme
