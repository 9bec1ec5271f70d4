"""The W3C Nu Html Checker (vnu.jar from the `vnu-jar` npm package, pinned in package.json).

A test tool only: `make test` installs it into node_modules/ with `npm ci` (see the Makefile's
`vnu` target); the app never loads it. `validate()` checks many documents in ONE Java process
(a JVM start costs seconds; once per page would cost minutes) and returns its errors.
"""
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# vnu checks a few hundred pages in well under a minute; this only stops a hung JVM.
TIMEOUT_S = 600


def require_checker() -> str:
    """The java command; skip, saying why, when java or the jar is missing (fail when CI=true)."""
    java = shutil.which("java")
    if java and VNU_JAR.exists():
        return java
    missing = ("Java (17 or newer) is not installed" if not java else
               f"{VNU_JAR.relative_to(ROOT)} is missing (run `make vnu`, which needs npm)")
    if os.environ.get("CI"):
        pytest.fail(f"The HTML checker cannot run: {missing}, and CI must check the HTML for real",
                    pytrace=False)
    pytest.skip(f"The HTML checker cannot run: {missing}; CI runs it")


def validate(documents: dict[str, str]) -> list[dict]:
    """Check every {label: html} document in one vnu run; its error messages, each with a label.

    Each message is vnu's JSON message (type "error" or a fatal "non-document-error"; warnings
    are left out) with "label" added: the key of the document it was found in.
    """
    java = require_checker()
    with tempfile.TemporaryDirectory(prefix="vnu-") as folder:
        names = {}
        for number, (label, html) in enumerate(documents.items()):
            path = Path(folder) / f"page-{number:04d}.html"
            path.write_text(html, encoding="utf-8")
            names[path.resolve().as_uri()] = label
        run = subprocess.run(
            [java, "-Xss1m", "-jar", str(VNU_JAR), "--format", "json", "--stdout", *sorted(
                str(Path(folder) / Path(uri).name) for uri in names)],
            capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
    if run.returncode not in (0, 1):  # 1 means "errors found", anything else broke
        raise RuntimeError(f"vnu.jar exited with {run.returncode}: {run.stderr[-2000:]}")
    messages = json.loads(run.stdout)["messages"]
    found = []
    for message in messages:
        if message.get("type") == "info":
            continue
        url = message.get("url", "")
        label = next((names[uri] for uri in names if _same_file(uri, url)), url or "(no file)")
        found.append({**message, "label": label})
    return found


def _same_file(uri: str, url: str) -> bool:
    """vnu names files as file:/tmp/... ; Python's as_uri() gives file:///tmp/..."""
    return uri.replace("file:///", "file:/") == url.replace("file:///", "file:/")


def describe(message: dict) -> str:
    """One line a person can act on: the page, the line, vnu's message and the markup."""
    line = message.get("lastLine", message.get("firstLine", "?"))
    extract = " ".join(message.get("extract", "").split())
    return f"{message['label']}: line {line}: {message.get('message', '')} [{extract}]"
