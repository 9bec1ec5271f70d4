"""Static files under content-hashed names, read once at start-up with their brotli and gzip forms.

`css/app.css` is also served as `css/app.<first 12 hex of its SHA-256>.css` with
`Cache-Control: public, max-age=31536000, immutable`: new content gets a new name, so a browser
that has a page's files never asks for them again, and a repeat visit sends only the HTML.
`url_for('static', filename='css/app.css')` gives the hashed name everywhere (a url_defaults hook),
the service worker's precache list included. The plain name, or the hashed name of another
release (a page from an older or newer app server during a deploy), still gets today's file, but
cached for a few minutes only, since its content may not be what that name promised.

Text files are compressed once here at the highest levels (gzip 9, brotli 11: 45 ms for htmx, paid
once per process) and sent as they are; Flask-Compress leaves a response with a Content-Encoding alone.

A proxy that serves the files itself gets them under their hashed names from
`flask hashed-static DIR` (run with each release; it adds DIR/static/<hashed name> with its .gz and
.br beside it and never removes a file, so pages of the release before keep their files). Only a
file whose name is its content is kept a year; any other name goes on to the app, e.g. nginx:
    location ~ "^/static/.+\\.[0-9a-f]{12}\\.[^./]+$" {
        root /srv/yangquan/public;   # the DIR given to flask hashed-static
        gzip_static on;              # brotli_static on; with the ngx_brotli module
        add_header Cache-Control "public, max-age=31536000, immutable";
        try_files $uri @app;
    }
"""
import gzip
import hashlib
import mimetypes
import posixpath
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import brotli
import click
from flask import current_app, request

IMMUTABLE = "public, max-age=31536000, immutable"
SHORT = "public, max-age=300"
DIGEST_LENGTH = 12
# Not assets: the worker's source is filled in and served at /sw.js (webapp/pwa/routes.py), never long-cached.
NOT_HASHED = frozenset({"js/sw.js"})
COMPRESSIBLE = frozenset({"text/css", "text/javascript", "application/javascript", "image/svg+xml",
                          "text/plain", "text/markdown", "application/json"})
MIN_COMPRESS = 1024  # smaller files fit in one packet with their headers anyway
_HASHED = re.compile(r"^(?P<stem>.+)\.(?P<digest>[0-9a-f]{%d})(?P<ext>\.[^./]+)$" % DIGEST_LENGTH)


@dataclass(frozen=True)
class Asset:
    name: str  # the logical path under static/, e.g. "css/app.css"
    hashed: str  # "css/app.1a2b3c4d5e6f.css"
    digest: str
    mimetype: str
    bodies: dict  # "identity", and "br" / "gzip" when they are smaller


def hashed_name(name: str, digest: str) -> str:
    stem, ext = posixpath.splitext(name)
    return f"{stem}.{digest}{ext}"


# Whole-line comments of our own scripts and styles: notes for the people who read the source, sent
# to nobody (about a fifth of app.js gzip). Vendored files are served exactly as their checksum says.
_COMMENT_LINES = {".js": re.compile(rb"(?m)^[ \t]*//.*\n"), ".css": re.compile(rb"(?m)^[ \t]*/\*[^\n]*\*/[ \t]*\n")}


def without_comment_lines(name: str, data: bytes) -> bytes:
    """`data` of the static file `name` as it is served: our own files without whole-line comments."""
    pattern = _COMMENT_LINES.get(posixpath.splitext(name)[1])
    return data if pattern is None or name.startswith("vendor/") else pattern.sub(b"", data)


def _asset(folder: Path, path: Path) -> Asset:
    name = path.relative_to(folder).as_posix()
    data = without_comment_lines(name, path.read_bytes())
    digest = hashlib.sha256(data).hexdigest()[:DIGEST_LENGTH]
    mimetype = mimetypes.guess_type(name)[0] or "application/octet-stream"
    bodies = {"identity": data}
    if mimetype in COMPRESSIBLE and len(data) >= MIN_COMPRESS:
        for encoding, packed in (("br", brotli.compress(data, quality=11)),
                                 ("gzip", gzip.compress(data, compresslevel=9, mtime=0))):
            if len(packed) < len(data):
                bodies[encoding] = packed
    return Asset(name, hashed_name(name, digest), digest, mimetype, bodies)


@lru_cache(maxsize=4)
def _build(folder: str, signature: tuple) -> dict[str, Asset]:
    root = Path(folder)
    return {asset.name: asset for asset in (_asset(root, root / name) for name, _mtime, _size in signature)}


def assets(folder: str | Path) -> dict[str, Asset]:
    """Every file under `folder` by logical path; built once per content (a process makes many
    apps in the tests; a changed file on disk means a new build)."""
    root = Path(folder)
    files = sorted(p for p in root.rglob("*") if p.is_file())
    signature = tuple((p.relative_to(root).as_posix(), p.stat().st_mtime_ns, p.stat().st_size) for p in files
                      if p.relative_to(root).as_posix() not in NOT_HASHED and not p.name.startswith("."))
    return _build(str(root), signature)


def manifest(app=None) -> dict[str, str]:
    """{logical path: hashed path} of the app's static files."""
    return (app or current_app).extensions["static_manifest"]


def _lookup(filename: str) -> tuple[Asset | None, bool]:
    """The asset a static URL names, and whether the name is this content's own hashed name."""
    table = current_app.extensions["static_assets"]
    hashed = current_app.extensions["static_by_hash"].get(filename)
    if hashed is not None:
        return table[hashed], True
    if filename in table:
        return table[filename], False
    match = _HASHED.match(filename)
    if match:  # another release's name for a file we have
        return table.get(match["stem"] + match["ext"]), False
    return None, False


def serve(filename: str):
    """The static endpoint: from memory, the smallest encoding the browser takes."""
    asset, own_name = _lookup(filename)
    if asset is None:  # not there at start-up: Flask's own file serving
        return current_app.send_static_file(filename)
    encoding = request.accept_encodings.best_match([e for e in ("br", "gzip") if e in asset.bodies])
    response = current_app.response_class(asset.bodies[encoding or "identity"], mimetype=asset.mimetype)
    if encoding:
        response.headers["Content-Encoding"] = encoding
    if len(asset.bodies) > 1:
        response.vary.add("Accept-Encoding")
    response.set_etag(f"{asset.digest}:{encoding}" if encoding else asset.digest)
    response.headers["Cache-Control"] = IMMUTABLE if own_name else SHORT
    return response.make_conditional(request)


def write_hashed(table: dict[str, Asset], out: Path) -> int:
    """Write each asset as out/static/<hashed name> (+ .br, .gz); files already there are kept."""
    written = 0
    for asset in table.values():
        for encoding, body in asset.bodies.items():
            target = out / "static" / (asset.hashed + {"identity": "", "br": ".br", "gzip": ".gz"}[encoding])
            if target.exists():  # the same name is the same content
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_name(f".{target.name}.partial")
            partial.write_bytes(body)
            partial.replace(target)  # whole or not at all, for a proxy reading at the same moment
            written += 1
    return written


def init_app(app) -> None:
    """Build the manifest from the app's static folder, hash `url_for('static', ...)`, serve from memory."""
    table = assets(app.static_folder)
    app.extensions["static_assets"] = table
    app.extensions["static_manifest"] = {name: asset.hashed for name, asset in table.items()}
    app.extensions["static_by_hash"] = {asset.hashed: name for name, asset in table.items()}
    app.view_functions["static"] = serve
    hashed = app.extensions["static_manifest"]

    @app.url_defaults
    def _hashed_static(endpoint, values):
        if endpoint == "static" and values.get("filename") in hashed:
            values["filename"] = hashed[values["filename"]]

    @app.cli.command("hashed-static")
    @click.argument("out", type=click.Path(file_okay=False, path_type=Path))
    def hashed_static(out: Path):
        """Write the static files under their hashed names into OUT/static/, for a proxy to serve."""
        click.echo(f"{write_hashed(table, out)} file(s) written under {out / 'static'}.")
