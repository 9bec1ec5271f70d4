"""Serving the production way: compressed responses, static files under content-hashed names kept
a year, the service worker's precache list from the same manifest, ETag and 304 where a page is
anyone's, and gunicorn with gunicorn.conf.py answering compressed and stopping gracefully."""
import gzip
import hashlib
import io
import os
import re
import runpy
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import brotli
import pytest
from cryptography.fernet import Fernet
from PIL import Image
from werkzeug.datastructures import FileStorage

from tests.web.finding_helpers import item
from tests.web.test_page_weight import precache_list
from webapp.pwa.routes import SHELL
from webapp.services.common.acting import Acting
from webapp.services.identity import consent, evidence
from webapp.web.serving.assets import IMMUTABLE, manifest, without_comment_lines

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
PORTS = range(8100, 8150)
DECODE = {"br": brotli.decompress, "gzip": gzip.decompress}
STATIC = re.compile(r'(?:src|href)="(/static/[^"]+)"')


@pytest.fixture
def listed(app, admin, freeze_clock):
    """Courses enough for a training list and its htmx fragment well over 1 KB; a frozen clock, so
    the page's "saved at" line is the same in two requests."""
    freeze_clock("2026-12-01 10:00")
    for n in range(8):
        item(admin, title=f"计算机与办公软件 {n}")


# Compression -----------------------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["br", "gzip"])
@pytest.mark.parametrize("headers", [{}, {"HX-Request": "true"}], ids=["page", "htmx fragment"])
def test_a_page_is_compressed_and_decodes_to_the_same_page(client, listed, encoding, headers):
    plain = client.get("/training", headers=headers)
    packed = client.get("/training", headers={**headers, "Accept-Encoding": f"{encoding}, identity;q=0.5"})
    assert "Content-Encoding" not in plain.headers and len(plain.get_data()) > 1024
    assert packed.headers["Content-Encoding"] == encoding and "Accept-Encoding" in packed.headers["Vary"]
    assert int(packed.headers["Content-Length"]) == len(packed.get_data()) < len(plain.get_data()) / 2
    assert DECODE[encoding](packed.get_data()) == plain.get_data()
    assert ("<!doctype html>" in plain.get_data(as_text=True)) == (not headers)


def served_css() -> bytes:
    """app.css as it is served: the file without its whole-line comments."""
    return without_comment_lines("css/app.css", (ROOT / "static/css/app.css").read_bytes())


def test_brotli_is_chosen_over_gzip_when_both_are_taken(client, listed):
    assert client.get("/training", headers={"Accept-Encoding": "gzip, deflate, br"}).headers["Content-Encoding"] == "br"


def test_small_answers_and_pictures_are_sent_as_they_are(client):
    manifest_json = client.get("/manifest.webmanifest", headers={"Accept-Encoding": "br, gzip"})
    assert len(manifest_json.get_data()) < 1024 and "Content-Encoding" not in manifest_json.headers
    with client.get(f"/static/{manifest(client.application)['icons/icon-512.png']}",
                    headers={"Accept-Encoding": "br, gzip"}) as icon:
        assert icon.mimetype == "image/png" and "Content-Encoding" not in icon.headers
        assert icon.get_data() == (ROOT / "static/icons/icon-512.png").read_bytes()


def test_a_signed_in_page_is_compressed_unless_another_site_asked_for_it(client, login_as):
    """BREACH: a page holding a visitor's data is not compressed for a request another site started."""
    login_as()
    same = client.get("/me", headers={"Accept-Encoding": "br", "Sec-Fetch-Site": "same-origin"})
    assert same.status_code == 200 and same.headers["Content-Encoding"] == "br"
    assert same.headers["Cache-Control"] == "private, no-store"
    other = client.get("/me", headers={"Accept-Encoding": "br", "Sec-Fetch-Site": "cross-site"})
    assert other.status_code == 200 and "Content-Encoding" not in other.headers
    assert "Sec-Fetch-Site" in other.headers["Vary"] and "Sec-Fetch-Site" in same.headers["Vary"]
    assert brotli.decompress(same.get_data()).count(b"<main") == other.get_data().count(b"<main") == 1
    stylesheet = re.search(r'href="(/static/css/[^"]+)"', other.get_data(as_text=True))[1]
    with client.get(stylesheet, headers={"Accept-Encoding": "br", "Sec-Fetch-Site": "cross-site"}) as css:
        assert css.headers["Content-Encoding"] == "br" and "Sec-Fetch-Site" not in css.headers["Vary"]


def test_a_public_page_from_another_site_is_still_compressed(client, listed):
    page = client.get("/training", headers={"Accept-Encoding": "gzip", "Sec-Fetch-Site": "cross-site"})
    assert page.headers["Content-Encoding"] == "gzip"


# Static files under hashed names ----------------------------------------------------------------

def test_a_page_names_its_files_by_content_and_they_are_kept_a_year(client):
    urls = STATIC.findall(client.get("/").get_data(as_text=True))
    assert {re.sub(r"\.[0-9a-f]{12}(\.\w+)$", r"\1", url) for url in urls} >= {
        "/static/css/app.css", "/static/js/app.js", "/static/vendor/htmx-2.0.11.min.js", "/static/icons/icon.svg"}
    for url in urls:
        name, digest, ext = re.fullmatch(r"/static/(.+)\.([0-9a-f]{12})(\.\w+)", url).groups()
        on_disk = without_comment_lines(f"{name}{ext}", (ROOT / "static" / f"{name}{ext}").read_bytes())
        assert hashlib.sha256(on_disk).hexdigest()[:12] == digest
        with client.get(url) as response:
            assert response.status_code == 200 and response.headers["Cache-Control"] == IMMUTABLE
            assert response.get_data() == on_disk
        if url.endswith((".css", ".js")):
            for encoding, decode in DECODE.items():
                with client.get(url, headers={"Accept-Encoding": encoding}) as packed:
                    assert packed.headers["Content-Encoding"] == encoding
                    assert packed.headers["Cache-Control"] == IMMUTABLE
                    assert "Accept-Encoding" in packed.headers["Vary"]
                    assert decode(packed.get_data()) == on_disk


@pytest.mark.parametrize("url", ["/static/css/app.css", "/static/css/app.0123456789ab.css"],
                         ids=["plain name", "another release's name"])
def test_older_names_still_get_the_file_but_briefly(client, url):
    """A page from before a release (or from an app server not yet updated) keeps its style."""
    with client.get(url) as response:
        assert response.status_code == 200
        assert response.get_data() == served_css()
        assert response.headers["Cache-Control"] == "public, max-age=300"
        etag = response.headers["ETag"]
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304


def test_a_name_that_is_no_file_is_not_found(client):
    assert client.get("/static/css/nothing.0123456789ab.css").status_code == 404
    assert client.get("/static/../webapp/config.py").status_code == 404


def test_a_proxy_gets_the_files_under_their_hashed_names_to_serve_itself(app, client, tmp_path):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["hashed-static", str(tmp_path)]).exit_code == 0
    for url in STATIC.findall(client.get("/").get_data(as_text=True)):
        written = tmp_path / url.lstrip("/")
        with client.get(url) as served:
            assert written.read_bytes() == served.get_data()
        if url.endswith((".css", ".js")):
            assert gzip.decompress(Path(f"{written}.gz").read_bytes()) == written.read_bytes()
            assert brotli.decompress(Path(f"{written}.br").read_bytes()) == written.read_bytes()
    again = runner.invoke(args=["hashed-static", str(tmp_path)])
    assert again.output.startswith("0 file(s) written")  # a release adds files, never rewrites them


def test_the_worker_precaches_the_files_by_their_hashed_names(client):
    hashed = manifest(client.application)
    shell = [url for url in precache_list(client) if url.startswith("/static/")]
    assert shell == [f"/static/{hashed[name]}" for name in SHELL]
    worker = client.get("/sw.js")
    assert worker.headers["Cache-Control"] == "no-cache"  # the worker itself keeps its name: never kept long
    page_files = set(STATIC.findall(client.get("/").get_data(as_text=True)))
    assert {url for url in shell if not url.endswith(".png")} <= page_files  # what the page loads is what is kept


# ETag and 304 -----------------------------------------------------------------------------------

@pytest.mark.parametrize("accept", [{}, {"Accept-Encoding": "gzip"}], ids=["plain", "gzip"])
def test_a_public_page_answers_304_when_the_browser_has_it(client, listed, accept):
    first = client.get("/training", headers=accept)
    etag = first.headers["ETag"]
    assert etag.startswith('W/"')
    again = client.get("/training", headers={**accept, "If-None-Match": etag})
    assert again.status_code == 304 and again.get_data() == b"" and again.headers["ETag"] == etag
    other = client.get("/training?district=chengqu", headers={**accept, "If-None-Match": etag})
    assert other.status_code == 200 and other.headers["ETag"] != etag and other.get_data()


def test_a_signed_in_page_never_has_an_etag(client, login_as):
    login_as()
    page = client.get("/me")
    assert page.status_code == 200 and "ETag" not in page.headers
    assert client.get("/me", headers={"If-None-Match": "*"}).status_code == 200


@pytest.mark.parametrize("config_overrides", [{"WTF_CSRF_ENABLED": True}])
def test_a_page_with_a_csrf_token_has_no_etag(client):
    page = client.get("/auth/login")
    assert 'name="csrf_token"' in page.get_data(as_text=True) and "ETag" not in page.headers
    assert "ETag" not in client.get("/auth/login").headers  # the token now in the session: still the visitor's


# Evidence thumbnails ----------------------------------------------------------------------------

def test_evidence_thumbnails_are_small_and_load_lazily(client, login_as):
    user = login_as()
    consent.give(Acting(user, user))
    photo = io.BytesIO()
    Image.effect_noise((2000, 1500), 40).convert("RGB").save(photo, "JPEG", quality=90)
    row = evidence.add(Acting(user, user), "certificate", FileStorage(io.BytesIO(photo.getvalue()), filename="证.jpg"))
    page = client.get("/me/evidence").get_data(as_text=True)
    assert re.search(rf'<img src="/evidence/{row.id}/thumb" alt="[^"]+" loading="lazy">', page)
    with client.get(f"/evidence/{row.id}/thumb") as thumb:
        data = thumb.get_data()
    assert max(Image.open(io.BytesIO(data)).size) <= 320 and len(data) < 40 * 1024


# gunicorn.conf.py -------------------------------------------------------------------------------

def _settings(monkeypatch, **env) -> dict:
    for name in ("WEB_CONCURRENCY", "BIND", "PORT", "TRUST_PROXY", "FORWARDED_ALLOW_IPS", "GUNICORN_PRELOAD"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(ROOT / "gunicorn.conf.py"))


def test_the_gunicorn_settings_come_from_the_environment(monkeypatch):
    default = _settings(monkeypatch)
    assert default["workers"] == 2 * len(os.sched_getaffinity(0)) + 1 and default["worker_class"] == "sync"
    assert default["bind"] == ["127.0.0.1:8000"] and default["accesslog"] == "-" and default["preload_app"]
    assert default["max_requests"] > 0 and default["max_requests_jitter"] > 0 and default["forwarded_allow_ips"] == ""
    assert _settings(monkeypatch, PORT="8123")["bind"] == ["127.0.0.1:8123"]
    chosen = _settings(monkeypatch, WEB_CONCURRENCY="3", BIND="0.0.0.0:9000, unix:/tmp/yq.sock", TRUST_PROXY="1",
                       GUNICORN_PRELOAD="0")
    assert chosen["workers"] == 3 and chosen["bind"] == ["0.0.0.0:9000", "unix:/tmp/yq.sock"]
    assert chosen["forwarded_allow_ips"] == "127.0.0.1,::1" and not chosen["preload_app"]


def _free_port() -> int:
    for port in PORTS:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise AssertionError(f"no free port in {PORTS}")


def _wait_for(condition, what: str, seconds: float = 60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError(f"gave up waiting for {what}")


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def _accept_queue(port: int) -> int:
    """Connections on the listening socket not yet taken by a worker (Linux /proc/net/tcp)."""
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if fields[1].endswith(f":{port:04X}") and fields[3] == "0A":
            return int(fields[4].split(":")[1], 16)
    raise AssertionError("the listening socket is gone")


@pytest.mark.slow
def test_gunicorn_serves_compressed_and_stops_gracefully(tmp_path):
    """gunicorn -c gunicorn.conf.py, as `make serve` runs it, on a migrated SQLite file: the home page
    arrives in brotli with hashed files kept a year; on TERM a request already under way is answered
    before the server exits."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("FLASK_APP", "TEST_DATABASE_URL", "GUNICORN_CMD_ARGS")}
    env.update(APP_ENV="production", DATABASE_URL=f"sqlite:///{tmp_path / 'served.sqlite3'}",
               SECRET_KEY=secrets.token_urlsafe(32), DATA_ENCRYPTION_KEY=Fernet.generate_key().decode(),
               DATA_HASH_KEY=secrets.token_urlsafe(32), SESSION_COOKIE_SECURE="0", INSTANCE_PATH=str(tmp_path),
               SMS_OUTBOX=str(tmp_path / "outbox.log"), UPLOAD_FOLDER=str(tmp_path / "uploads"),
               FLASK_APP="wsgi.py", BIND=f"127.0.0.1:{port}", WEB_CONCURRENCY="2")
    subprocess.run([str(BIN / "flask"), "db", "upgrade"], cwd=ROOT, env=env, check=True, timeout=120,
                   capture_output=True)
    log = tmp_path / "gunicorn.log"
    with open(log, "wb") as out:
        server = subprocess.Popen([str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "wsgi:app"], cwd=ROOT, env=env,
                                  stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(lambda: _answers(f"{base}/offline"), "gunicorn to answer")
        request = urllib.request.Request(f"{base}/", headers={"Accept-Encoding": "br, gzip", "Accept-Language": "en"})
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.headers["Content-Encoding"] == "br"
            page = brotli.decompress(response.read()).decode()
        assert "Yangquan Disability Employment" in page
        stylesheet = re.search(r'href="(/static/css/app\.[0-9a-f]{12}\.css)"', page)[1]
        with urllib.request.urlopen(f"{base}{stylesheet}", timeout=10) as response:
            assert response.headers["Cache-Control"] == IMMUTABLE
            assert response.read() == served_css()
        assert re.search(rb'"GET / HTTP/1.1" 200 \d+ \d+ms', log.read_bytes())  # the access log, on stdout

        # A request under way: its first line sent, taken by a worker, the rest still to come.
        with socket.create_connection(("127.0.0.1", port), timeout=30) as under_way:
            under_way.sendall(b"GET /offline HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            _wait_for(lambda: _accept_queue(port) == 0, "a worker to take the connection")
            os.kill(server.pid, signal.SIGTERM)
            _wait_for(lambda: b"Handling signal: term" in log.read_bytes(), "the master to start stopping")
            under_way.sendall(b"Connection: close\r\n\r\n")
            answer = b"".join(iter(lambda: under_way.recv(65536), b""))
        assert answer.startswith(b"HTTP/1.1 200 OK") and b"</html>" in answer
        assert server.wait(timeout=60) == 0
        assert b"Shutting down: Master" in log.read_bytes()
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def test_our_scripts_and_styles_are_served_without_their_comment_lines_and_vendored_files_exactly(client):
    notes = {"js/app.js": lambda line: line.startswith(b"//"),
             "css/app.css": lambda line: line.startswith(b"/*") and line.endswith(b"*/")}
    for name, is_note in notes.items():
        source = (ROOT / "static" / name).read_bytes().splitlines()
        with client.get(f"/static/{manifest(client.application)[name]}") as response:
            served = response.get_data().splitlines()
        assert any(is_note(line.strip()) for line in source)
        assert served == [line for line in source if not is_note(line.strip())]
    htmx = "vendor/htmx-2.0.11.min.js"
    with client.get(f"/static/{manifest(client.application)[htmx]}") as response:
        assert response.get_data() == (ROOT / "static" / htmx).read_bytes()
