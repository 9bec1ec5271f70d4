"""A deployment of several machines on this one, for tests/web/test_many_machines.py: app servers and
a worker as real processes (their logs kept, shown when one does not come up), and a browser that
speaks real HTTP with a cookie jar (the standard library only)."""
import html
import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = ROOT / ".venv" / "bin"
START_SECONDS = 60  # how long a process may take to come up before the test gives up and shows its log


@dataclass
class Process:
    name: str
    popen: subprocess.Popen
    log: Path

    def output(self) -> str:
        return f"--- {self.name} ({' '.join(self.popen.args)}) ---\n" + self.log.read_text(errors="replace")[-6000:]


def start(name: str, args: list[str], env: dict, logs: Path) -> Process:
    """Start a process in its own process group (so stopping it stops its children), output to a log."""
    log = logs / f"{name}.log"
    with log.open("wb") as out:
        popen = subprocess.Popen(args, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                                 stdin=subprocess.DEVNULL, start_new_session=True)
    return Process(name, popen, log)


def wait_for_port(process: Process, port: int) -> None:
    """Return once the process accepts connections on the port; fail with its log if it exits or never does."""
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.popen.poll() is not None:
            raise AssertionError(f"{process.name} exited with {process.popen.returncode}\n{process.output()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{process.name} did not answer on port {port} in {START_SECONDS} s\n{process.output()}")


def wait_for_line(process: Process, pattern: str) -> None:
    """Return once the process has logged a line matching `pattern` (a worker ready for tasks)."""
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if re.search(pattern, process.log.read_text(errors="replace")):
            return
        if process.popen.poll() is not None:
            raise AssertionError(f"{process.name} exited with {process.popen.returncode}\n{process.output()}")
        time.sleep(0.2)
    raise AssertionError(f"{process.name} never logged {pattern!r} in {START_SECONDS} s\n{process.output()}")


def stop(process: Process) -> None:
    """TERM the process group, then KILL it if it has not gone in ten seconds."""
    if process.popen.poll() is None:
        try:
            os.killpg(process.popen.pid, signal.SIGTERM)
            process.popen.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.popen.pid, signal.SIGKILL)
            process.popen.wait(timeout=10)
        except ProcessLookupError:
            pass


def run(args: list[str], env: dict) -> None:
    """Run a command to its end; fail with its output if it fails."""
    done = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"{' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"


@dataclass
class Page:
    status: int
    headers: object
    text: str

    @property
    def location(self) -> str:
        return self.headers.get("Location", "")


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 303 is answered as it is: the test looks at where it points


class Browser:
    """One person's browser: a cookie jar, English, and the address the proxy in front would report
    for them (X-Forwarded-For, honoured with TRUST_PROXY). Cookies do not depend on the port, so the
    session one server sets is sent to the other, as through one proxy."""

    def __init__(self, address: str):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirects)
        self.address = address

    def get(self, server: str, path: str) -> Page:
        return self._open(urllib.request.Request(server + path))

    def post(self, server: str, path: str, data: dict, form_page: str | None = None,
             csrf_field: str = "csrf_token") -> Page:
        """Post a form as the browser would: the CSRF token is read from the page that shows it
        (`form_page`, by default the same path), through the same server."""
        token = csrf_token(self.get(server, form_page or path).text, csrf_field)
        body = urllib.parse.urlencode({csrf_field: token, **data}, doseq=True).encode()
        return self._open(urllib.request.Request(server + path, data=body, method="POST"))

    def _open(self, request: urllib.request.Request) -> Page:
        request.add_header("Accept-Language", "en")
        request.add_header("X-Forwarded-For", self.address)
        try:
            with self.opener.open(request, timeout=30) as response:
                return Page(response.status, response.headers, response.read().decode("utf-8", "replace"))
        except urllib.error.HTTPError as error:
            with error:
                return Page(error.code, error.headers, error.read().decode("utf-8", "replace"))


def csrf_token(page: str, field: str = "csrf_token") -> str:
    name = re.escape(field)
    found = re.search(rf'name="{name}"[^>]*value="([^"]+)"', page) or re.search(
        rf'value="([^"]+)"[^>]*name="{name}"', page)
    assert found, f"no {field} on the page"
    return html.unescape(found.group(1))
