"""Decoding is bounded before a pixel is decoded: by side length, pixel count and memory, with big
phone JPEGs decoded reduced so they still pass."""
import pytest
from PIL import Image, ImageFile, JpegImagePlugin

from tests.unit.images import (TOO_LONG, TOO_MANY_PIXELS, chunk, encode, files_in, flat_jpeg, png,
                               too_big_to_open, two_halves, upload)
from webapp.services.identity import decoding, uploads
from webapp.services.identity.uploads import UploadError

pytestmark = pytest.mark.usefixtures("english")


def refused(data: bytes) -> str:
    with pytest.raises(UploadError) as caught:
        uploads.store_image(upload(data))
    return str(caught.value.message)


@pytest.mark.parametrize("width, height", [(1, 40_000_000), (40_000_000, 1), (10_001, 1), (1, 10_001)])
def test_a_long_thin_picture_is_refused_by_its_header(folder, width, height):
    """The review's 77 KB PNG of 1 x 40,000,000 pixels took 1.6 GB and seconds; now nothing is decoded."""
    data = png(width, height, depth=1, colour=0)
    assert len(data) < 200_000
    assert refused(data) == TOO_LONG
    assert files_in(folder) == []


def test_a_picture_too_big_to_decode_in_the_budget_is_refused_by_its_header(folder, monkeypatch):
    """The review's 155 KB 6400 x 6250 RGBA PNG took 700 MB: 40 MP is within the pixel limit, but
    160 MB decoded is not within the 64 MB budget."""
    loaded = []
    monkeypatch.setattr(ImageFile.ImageFile, "load", lambda self: loaded.append(self))
    data = png(6400, 6250, colour=6)
    assert len(data) < 200_000
    assert refused(data) == too_big_to_open("16.8")
    assert loaded == [] and files_in(folder) == []


@pytest.mark.parametrize("colour, depth, megapixels", [(0, 8, "67.1"), (0, 16, "33.6"), (2, 8, "16.8"), (3, 8, "16.8")])
def test_the_budget_counts_the_bytes_a_pixel_takes_in_its_mode(folder, colour, depth, megapixels):
    """Grey takes one byte a pixel, 16-bit grey two, colour four (as Pillow keeps it): so the most
    pixels the budget lets through depends on the kind of picture, and the message says so."""
    side = 8300 if colour == 0 and depth == 8 else 5900 if depth == 16 else 4200
    palette = chunk(b"PLTE", bytes(range(256)) * 3) if colour == 3 else b""
    assert refused(png(side, side, depth=depth, colour=colour, before=palette)) == too_big_to_open(megapixels)


def test_the_side_and_memory_limits_come_from_the_config(app, folder):
    app.config["UPLOAD_MAX_DECODE_SIDE"] = 300
    assert refused(encode(two_halves((400, 100)), "PNG")) == TOO_LONG.replace("10000", "300")
    app.config["UPLOAD_MAX_DECODE_SIDE"] = 10_000
    app.config["UPLOAD_MAX_DECODE_BYTES"] = 100_000
    assert refused(encode(two_halves((400, 100)), "PNG")) == too_big_to_open("0.025")
    assert uploads.store_image(upload(encode(two_halves((150, 100)), "PNG"))).width == 150
    assert len(files_in(folder)) == 2


def test_the_pixel_limit_is_80_megapixels(folder):
    assert refused(png(9000, 9000, depth=1, colour=0)) == TOO_MANY_PIXELS
    assert refused(flat_jpeg(9000, 9000, components=1)) == TOO_MANY_PIXELS


@pytest.fixture
def drafts(monkeypatch):
    """The sizes JPEGs were asked to decode at."""
    asked, real_draft = [], JpegImagePlugin.JpegImageFile.draft

    def draft(self, mode, size):
        asked.append(size)
        return real_draft(self, mode, size)

    monkeypatch.setattr(JpegImagePlugin.JpegImageFile, "draft", draft)
    return asked


@pytest.mark.parametrize("width, height, decoded", [
    (4000, 3000, (4000, 3000)),  # 12 MP: half size would be smaller than the 2400 stored
    (6000, 4000, (3000, 2000)),  # 24 MP, stored at 2400 x 1600: half size still covers it
    (8160, 6120, (4080, 3060)),  # 50 MP
], ids=["12MP", "24MP", "50MP"])
def test_big_phone_jpegs_are_decoded_reduced_no_further_than_the_stored_size(folder, drafts, width, height, decoded):
    stored = uploads.store_image(upload(flat_jpeg(width, height)))
    assert max(stored.width, stored.height) == 2400 and stored.width / stored.height == pytest.approx(width / height, 0.01)
    assert set(drafts) == {decoded}  # the photo and the copy that checks it is whole


def test_a_jpeg_is_reduced_further_when_that_is_what_fits_the_budget(app, folder):
    app.config["UPLOAD_MAX_DECODE_BYTES"] = 1_000_000  # 400 x 300 RGB at full size takes 480 000 bytes ...
    app.config["UPLOAD_MAX_SIDE"] = 800                # ... 800 x 600 would take 1 920 000
    stored = uploads.store_image(upload(flat_jpeg(800, 600)))
    assert (stored.width, stored.height) == (400, 300)


def test_a_progressive_jpeg_counts_the_coefficients_libjpeg_keeps(app, folder):
    """A progressive JPEG is held as DCT coefficients at full size until its last scan, whatever
    the reduction: 1000 x 800 with 4:2:0 colour takes 2.4 MB of them, over a 1 MB budget; the same
    picture as a baseline JPEG passes, decoded at half size (0.8 MB)."""
    app.config["UPLOAD_MAX_DECODE_BYTES"] = 1_000_000
    flat = Image.new("RGB", (1000, 800), (90, 120, 150))
    assert refused(encode(flat, "JPEG", progressive=True)) == too_big_to_open("0.326")
    assert uploads.store_image(upload(encode(flat, "JPEG"))).width == 500


def test_a_webp_counts_the_copies_libwebp_keeps(folder):
    """libwebp keeps two canvases of its own and hands Pillow a third copy: four times the picture."""
    flat = Image.new("RGB", (2500, 2000), (9, 9, 9))
    assert refused(encode(flat, "WEBP", lossless=True)) == too_big_to_open("4.19")
    assert uploads.store_image(upload(encode(flat.resize((2000, 2000)), "WEBP", lossless=True))).width == 2000


def test_decoded_bytes_per_mode():
    sizes = {mode: decoding.decoded_bytes(Image.new(mode, (1, 1)), 10, 10)
             for mode in ("1", "L", "P", "I;16", "LA", "RGB", "RGBA", "CMYK")}
    assert sizes == {"1": 100, "L": 100, "P": 400, "I;16": 200, "LA": 400, "RGB": 400, "RGBA": 400, "CMYK": 400}
