"""The attack suite, part 3: peak memory. The worst files, accepted at the edge of every limit or
refused, are stored one after another by a separate Python process running the real app; before
each, the process resets its peak resident size (/proc/self/clear_refs), and after it reads the
peak (VmHWM). Memory is a measured fact, so it is asserted; time is not."""
import json
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from PIL import Image

from tests.unit.images import (DAMAGED, TOO_LONG, TOO_MANY_PIXELS, chunk, encode, flat_jpeg, png, segment,
                               too_big_to_open)

ROOT = Path(__file__).resolve().parents[2]
PEAK_LIMIT_MB = 300

CHILD = """
import io, json, sys
from webapp import create_app
from webapp.config import TestConfig
from webapp.services.identity import uploads
from webapp.services.identity.uploads import UploadError
from werkzeug.datastructures import FileStorage

def status(key):
    return next(int(line.split()[1]) // 1024 for line in open("/proc/self/status") if line.startswith(key))

app = create_app(TestConfig, {"SQLALCHEMY_DATABASE_URI": "sqlite://", "UPLOAD_FOLDER": sys.argv[1]})
with app.test_request_context("/?lang=en"):
    for path in sys.argv[2:]:
        data = open(path, "rb").read()
        with open("/proc/self/clear_refs", "w") as reset:
            reset.write("5")  # the peak starts again from what is resident now
        before = status("VmRSS:")
        try:
            stored = uploads.store_image(FileStorage(io.BytesIO(data), filename="photo"))
            result = f"stored {stored.width}x{stored.height}"
        except UploadError as error:
            result = str(error.message)
        print(json.dumps({"file": path.rsplit("/", 1)[-1], "result": result, "before_mb": before,
                          "peak_mb": status("VmHWM:")}), flush=True)
"""


def text_chunks(size: int, count: int) -> bytes:
    return b"".join(chunk(b"zTXt", b"k%d\0\0" % i + zlib.compress(bytes(size), 9)) for i in range(count))


def palette_png(side: int) -> bytes:
    return png(side, side, 8, 3, before=chunk(b"PLTE", bytes(range(256)) * 3) + chunk(b"tRNS", bytes(range(256))))


WORST = {
    # accepted, each at (or just under) the memory budget or the pixel limit
    "jpeg-64MP-baseline": (lambda: flat_jpeg(9248, 6936), "stored 2400x1800"),
    "jpeg-80MP-grey": (lambda: flat_jpeg(10_000, 8000, 1), "stored 2400x1920"),
    "jpeg-12MP-progressive": (lambda: encode(Image.new("RGB", (4000, 3000), (90, 120, 150)), "JPEG", progressive=True),
                              "stored 2000x1500"),
    "png-rgba-16.8MP": (lambda: png(4096, 4096, 8, 6), "stored 2400x2400"),
    "png-palette-alpha-16.8MP": (lambda: palette_png(4096), "stored 2400x2400"),
    "png-1-bit-67MP": (lambda: png(8192, 8192, 1, 0), "stored 2400x2400"),
    "png-16-bit-grey-33.5MP": (lambda: png(5792, 5792, 16, 0), "stored 2400x2400"),
    "webp-rgba-4.19MP": (lambda: encode(Image.new("RGBA", (2048, 2048), (9, 9, 9, 9)), "WEBP", lossless=True),
                         "stored 2048x2048"),
    # refused: the review's two files, and bombs
    "png-1x40000000": (lambda: png(1, 40_000_000, 1, 0), TOO_LONG),
    "png-rgba-6400x6250": (lambda: png(6400, 6250, 8, 6), too_big_to_open("16.8")),
    "png-900MP": (lambda: png(30_000, 30_000, 1, 0), TOO_MANY_PIXELS),
    "png-rgba-16.8MP-after-5MB-of-text": (lambda: png(4096, 4096, 8, 6, before=text_chunks(900_000, 6)), DAMAGED),
    "png-rgba-16.8MP-and-3.6MB-of-text": (lambda: png(4096, 4096, 8, 6, after=text_chunks(900_000, 4)),
                                          "stored 2400x2400"),
    "png-50MB-of-zeros-after-the-rows": (lambda: png(100, 100, tail=bytes(50_000_000)), "stored 100x100"),
    "jpeg-1001-comments": (lambda: flat_jpeg(64, 64)[:2] + segment(0xFE, b"") * 1001 + flat_jpeg(64, 64)[2:],
                           DAMAGED),
}


@pytest.fixture(scope="module")
def measured(tmp_path_factory):
    """Every worst file stored by the child process: {name: (result, peak MB)}."""
    folder = tmp_path_factory.mktemp("worst")
    paths = []
    for name, (make, _) in WORST.items():
        data = make()
        assert len(data) <= 10 * 1024 * 1024, name  # within the upload size limit
        paths.append(folder / name)
        paths[-1].write_bytes(data)
    run = subprocess.run([sys.executable, "-c", CHILD, str(folder / "uploads"), *map(str, paths)],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    rows = [json.loads(line) for line in run.stdout.splitlines()]
    return {row["file"]: (row["result"], row["peak_mb"]) for row in rows}


@pytest.mark.parametrize("name", WORST)
def test_the_worst_files_are_handled_within_the_memory_bound(measured, name):
    result, peak_mb = measured[name]
    assert peak_mb < PEAK_LIMIT_MB, f"{name}: {peak_mb} MB at its peak"
    assert result == WORST[name][1]

