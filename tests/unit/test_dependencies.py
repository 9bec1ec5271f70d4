"""No pinned requirement (requirements.txt, requirements-dev.txt) has a known vulnerability.

pip-audit reads the advisories from PyPI's JSON API for each pinned release. Where that cannot
be reached the test is skipped with the reason, in CI too: CI machines here have no internet.
"""
import json
import re
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REQUIREMENTS = ("requirements.txt", "requirements-dev.txt")
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==(\S+)")
RELEASE_JSON = "https://pypi.org/pypi/{name}/{version}/json"  # what pip-audit's PyPI service asks


def pins() -> dict[str, str]:
    """{canonical name: version} of every pinned line."""
    found = {}
    for name in REQUIREMENTS:
        for line in (ROOT / name).read_text().splitlines():
            if match := PIN.match(line.strip()):
                found[re.sub(r"[-_.]+", "-", match.group(1)).lower()] = match.group(2)
    return found


def why_unreachable(name: str, version: str) -> str | None:
    """None when PyPI answers with the release's vulnerability data; otherwise what happened."""
    url = RELEASE_JSON.format(name=name, version=version)
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            if "vulnerabilities" not in json.load(response):
                return f"{url} answered without vulnerability data"
    except urllib.error.HTTPError as error:
        return f"{url} answered {error.code} (the index here serves no per-release data)"
    except (OSError, ValueError) as error:
        return f"{url} could not be reached ({error})"
    return None


def problems(report: dict, pinned: dict[str, str]) -> list[str]:
    """Every known vulnerability, and every pin pip-audit could not check, in words."""
    found, reported = [], set()
    for dependency in report["dependencies"]:
        name = dependency["name"]
        reported.add(name)
        if "skip_reason" in dependency:
            found.append(f"{name} was not audited: {dependency['skip_reason']}")
            continue
        for vuln in dependency.get("vulns", []):
            fixed = ", ".join(vuln.get("fix_versions", [])) or "no fixed release yet"
            found.append(f"{name}=={dependency['version']}: {vuln['id']} (fixed in {fixed})")
    found += [f"{name} is pinned but was not audited" for name in sorted(set(pinned) - reported)]
    return found


def test_no_pinned_requirement_has_a_known_vulnerability():
    pinned = pins()
    assert {"flask", "sqlalchemy", "pip-audit"} <= set(pinned)
    first = next(iter(pinned.items()))
    if reason := why_unreachable(*first):
        pytest.skip(f"PyPI's vulnerability data cannot be reached: {reason}. CI machines here have no "
                    "internet, so there this audit is skipped too; run it where pypi.org answers.")
    audit = subprocess.run(
        [str(Path(sys.executable).with_name("pip-audit")), *(arg for name in REQUIREMENTS for arg in ("-r", name)),
         "--no-deps", "--disable-pip", "--format", "json", "--progress-spinner", "off", "--timeout", "15"],
        check=False, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert audit.stdout, audit.stderr
    found = problems(json.loads(audit.stdout), pinned)
    assert found == [], "pip-audit: " + "; ".join(found)
    assert audit.returncode == 0, audit.stderr


def test_a_vulnerability_or_a_pin_left_unaudited_is_a_finding():
    """The reading of pip-audit's JSON report (its format as of 2.10)."""
    report = {"dependencies": [
        {"name": "flask", "version": "3.1.3", "vulns": []},
        {"name": "jinja2", "version": "3.1.6", "vulns": [{"id": "GHSA-xxxx", "fix_versions": ["3.1.7"]}]},
        {"name": "babel", "skip_reason": "Dependency not found on PyPI and could not be audited: babel (2.19.0)"},
    ], "fixes": []}
    pinned = {"flask": "3.1.3", "jinja2": "3.1.6", "babel": "2.19.0", "pillow": "13.0.0"}
    assert problems(report, pinned) == [
        "jinja2==3.1.6: GHSA-xxxx (fixed in 3.1.7)",
        "babel was not audited: Dependency not found on PyPI and could not be audited: babel (2.19.0)",
        "pillow is pinned but was not audited",
    ]
    assert problems({"dependencies": [{"name": "flask", "version": "3.1.3", "vulns": []}]}, {"flask": "3.1.3"}) == []
