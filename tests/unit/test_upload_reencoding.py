"""Accepted evidence photos are re-encoded: upright, as RGB JPEG, without metadata, shrunk, with a thumbnail."""
import io

import pytest
from PIL import ExifTags, Image

from tests.unit.images import encode, files_in, two_halves, upload
from webapp.services.identity import uploads
from webapp.services.identity.uploads import StoredImage

pytestmark = pytest.mark.usefixtures("english")


def phone_jpeg() -> bytes:
    """A JPEG as a phone writes it: sideways with orientation 6, GPS, a comment, XMP and ICC."""
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Make] = "PhoneMaker"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (37.0, 51.0, 30.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (113.0, 34.0, 12.0)
    return encode(two_halves((800, 400)), "JPEG", exif=exif, comment="home: 阳泉 street 12",
                  xmp=b"<x:xmpmeta xmlns:x='adobe:ns:meta/'>secret</x:xmpmeta>",
                  icc_profile=b"fake-icc-profile-bytes" * 4)


def test_a_phone_photo_is_stored_upright_without_any_metadata(folder):
    original = phone_jpeg()
    with Image.open(io.BytesIO(original)) as source:  # the test photo really carries it all
        assert source.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert {"comment", "exif", "icc_profile", "xmp"} <= set(source.info)

    stored = uploads.store_image(upload(original, filename="../../etc/残疾人证.jpg"))

    assert isinstance(stored, StoredImage)
    assert (stored.width, stored.height, stored.mime) == (400, 800, "image/jpeg")
    assert files_in(folder) == sorted([stored.name, stored.thumb_name])
    assert "残疾人证" not in stored.name and "etc" not in stored.name
    path = folder / stored.name
    assert path.stat().st_size == stored.size
    raw = path.read_bytes()
    for marker in (b"Exif", b"PhoneMaker", b"http://ns.adobe.com/xap", b"secret", b"home:",
                   b"ICC_PROFILE", b"fake-icc"):
        assert marker not in raw
    with Image.open(path) as img:
        assert img.format == "JPEG" and img.size == (400, 800)
        assert not img.getexif()
        assert not {"comment", "exif", "icc_profile", "xmp"} & set(img.info)
        img = img.convert("RGB")
        top, bottom = img.getpixel((200, 100)), img.getpixel((200, 700))
    # Orientation 6 means "turn clockwise": the left (red) half ends on top.
    assert top[0] > 200 and top[2] < 60 and bottom[2] > 200 and bottom[0] < 60
    with Image.open(io.BytesIO(uploads.read(stored.thumb_name))) as thumb:
        assert thumb.format == "JPEG" and thumb.size == (160, 320)
        assert not thumb.getexif()


def test_a_png_with_transparency_is_stored_as_jpeg_on_white(folder):
    img = Image.new("RGBA", (600, 400), (0, 0, 0, 0))
    img.paste((0, 128, 0, 255), (0, 0, 300, 400))
    stored = uploads.store_image(upload(encode(img, "PNG"), "scan.png", "image/png"))
    with Image.open(io.BytesIO(uploads.read(stored.name))) as saved:
        assert saved.format == "JPEG" and saved.mode == "RGB" and saved.size == (600, 400)
        assert min(saved.getpixel((500, 200))) > 245  # transparent became white
        assert saved.getpixel((100, 200))[1] > 100
    assert stored.name.endswith(".jpg") and stored.mime == "image/jpeg"


def test_a_webp_is_stored_as_jpeg(folder):
    stored = uploads.store_image(upload(encode(two_halves(), "WEBP"), "id.webp", "image/webp"))
    with Image.open(io.BytesIO(uploads.read(stored.name))) as saved:
        assert saved.format == "JPEG" and saved.size == (400, 200)
    assert len(files_in(folder)) == 2


def test_a_jpeg_with_a_second_picture_inside_is_a_jpeg(folder):
    """Phones often write "MPO" JPEGs (a preview picture after the main one): the first is kept."""
    out = io.BytesIO()
    two_halves((3000, 1200)).save(out, "MPO", save_all=True, append_images=[Image.new("RGB", (300, 120))])
    stored = uploads.store_image(upload(out.getvalue()))
    with Image.open(io.BytesIO(uploads.read(stored.name))) as saved:
        assert saved.format == "JPEG" and saved.size == (2400, 960)
        assert saved.getpixel((100, 100))[0] > 200


@pytest.mark.parametrize("mode", ["L", "P", "CMYK", "I;16", "LA", "1"])
def test_other_colour_modes_become_rgb_jpegs(folder, mode):
    fmt = "JPEG" if mode in ("L", "CMYK") else "PNG"
    img = two_halves().convert(mode) if mode != "I;16" else Image.new("I;16", (400, 200), 40000)
    stored = uploads.store_image(upload(encode(img, fmt), f"x.{fmt.lower()}"))
    with Image.open(io.BytesIO(uploads.read(stored.name))) as saved:
        assert saved.format == "JPEG" and saved.mode == "RGB"
        if mode == "I;16":  # 16-bit grey is scaled to 8 bits, not clipped to white
            assert 140 < saved.getpixel((10, 10))[0] < 170


def test_a_big_photo_is_shrunk_and_the_thumbnail_is_small(app, folder):
    app.config["UPLOAD_MAX_SIDE"] = 1000
    app.config["UPLOAD_THUMB_SIDE"] = 100
    stored = uploads.store_image(upload(encode(two_halves((3000, 1500)), "JPEG")))
    assert (stored.width, stored.height) == (1000, 500)
    with Image.open(io.BytesIO(uploads.read(stored.thumb_name))) as thumb:
        assert thumb.size == (100, 50)


def test_the_default_limits_keep_photos_at_most_2400_pixels(folder):
    stored = uploads.store_image(upload(encode(two_halves((5000, 2000)), "JPEG")))
    assert (stored.width, stored.height) == (2400, 960)
    with Image.open(io.BytesIO(uploads.read(stored.thumb_name))) as thumb:
        assert thumb.size == (320, 128)
