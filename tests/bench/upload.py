"""Time an evidence upload of a 12-megapixel phone photo through the app's own upload processing
(services/identity/uploads.store_image, as the evidence form calls it), in a subprocess of its own
so its peak memory is the upload's: ru_maxrss before and after, and RSS sampled while it runs.

`python -m tests.bench.upload PHOTO` prints one JSON line; make_photo writes a realistic one.
"""
import io
import json
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path

WIDTH, HEIGHT = 4000, 3000
RUNS = 3


def make_photo(path: Path) -> int:
    """A phone photo of a card on a table: smooth light, edges, sensor noise, EXIF saying it was
    held upright (orientation 6), JPEG quality 92 as phones write. Returns its size in bytes."""
    from PIL import Image, ImageChops, ImageDraw, ImageFilter

    light = Image.linear_gradient("L").resize((WIDTH, HEIGHT))
    base = Image.merge("RGB", (light, light.point(lambda v: 40 + v * 0.6), light.point(lambda v: 90 + v // 3)))
    draw = ImageDraw.Draw(base)
    draw.rounded_rectangle((700, 500, 3300, 2500), radius=80, fill=(224, 214, 190), outline=(120, 90, 60), width=12)
    draw.rectangle((900, 800, 1700, 1900), fill=(170, 160, 150))
    for row in range(12):
        y = 800 + row * 120
        draw.rectangle((1900, y, 1900 + 1100 - (row * 53) % 500, y + 50), fill=(60, 50, 45))
    base = base.filter(ImageFilter.GaussianBlur(2))
    noise = Image.merge("RGB", [Image.effect_noise((WIDTH, HEIGHT), 10) for _ in range(3)])
    photo = ImageChops.add(base, noise, scale=1.0, offset=-128)
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° to show
    exif[0x010F], exif[0x0110] = "Phone", "Camera 12MP"
    photo.save(path, "JPEG", quality=92, exif=exif)
    return path.stat().st_size


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main(photo: Path) -> None:
    from werkzeug.datastructures import FileStorage

    from webapp import create_app
    from webapp.config import TestConfig
    from webapp.services.identity import uploads

    data = photo.read_bytes()
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(TestConfig, {"UPLOAD_FOLDER": folder})
        with app.test_request_context("/me/evidence", method="POST"):
            before_rss, before_max = _rss_mb(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            peak = [before_rss]
            stop = threading.Event()

            def sample():
                while not stop.is_set():
                    peak[0] = max(peak[0], _rss_mb())
                    stop.wait(0.01)

            sampler = threading.Thread(target=sample, daemon=True)
            sampler.start()
            seconds = []
            for _ in range(RUNS):
                upload = FileStorage(stream=io.BytesIO(data), filename="IMG_20260412_101500.jpg",
                                     content_type="image/jpeg")
                start = time.perf_counter()
                stored = uploads.store_image(upload, field="card")
                seconds.append(time.perf_counter() - start)
            stop.set()
            sampler.join()
            after_max = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({
        "file_bytes": len(data), "stored": [stored.width, stored.height], "stored_bytes": stored.size,
        "seconds": seconds, "seconds_median": sorted(seconds)[len(seconds) // 2],
        "rss_before_mb": round(before_rss, 1), "peak_rss_mb": round(max(peak[0], after_max), 1),
        "peak_increase_mb": round(max(after_max - before_max, peak[0] - before_rss), 1),
    }))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
