"""Evidence photos: only real JPEG/PNG/WebP photos are kept, upright, without metadata, privately."""
import io
import os
import struct
import zlib
from pathlib import Path

import pytest
from PIL import ExifTags, Image, ImageFile
from werkzeug.datastructures import FileStorage

from webapp.services.common.errors import DomainError
from webapp.services.identity import uploads
from webapp.services.identity.uploads import StoredImage, UploadError

CHOOSE = "Choose a photo to upload."
EMPTY = "The file you chose is empty. Choose another photo."
WRONG_TYPE = "The file must be a photo in JPG, PNG or WebP format."
DAMAGED = "The photo could not be read. It may be damaged: take it again."
TOO_MANY_PIXELS = ("The photo is too large (more than 40 megapixels). "
                   "Take it again at a lower resolution.")
RED, BLUE = (255, 0, 0), (0, 0, 255)


@pytest.fixture(autouse=True)
def english(app):
    """Messages are read in English here; the catalogs are tested on their own."""
    with app.test_request_context("/?lang=en"):
        yield


@pytest.fixture
def folder(app, tmp_path):
    path = tmp_path / "uploads"
    app.config["UPLOAD_FOLDER"] = str(path)
    return path


def files_in(folder: Path) -> list[str]:
    """Everything in the folder, hidden temporary files included."""
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def upload(data: bytes, filename: str = "photo.jpg", content_type: str = "image/jpeg") -> FileStorage:
    return FileStorage(stream=io.BytesIO(data), filename=filename, content_type=content_type)


def encode(img: Image.Image, fmt: str, **options) -> bytes:
    out = io.BytesIO()
    img.save(out, fmt, **options)
    return out.getvalue()


def two_halves(size=(400, 200)) -> Image.Image:
    """Left half red, right half blue, so a rotation can be seen."""
    img = Image.new("RGB", size, RED)
    img.paste(BLUE, (size[0] // 2, 0, size[0], size[1]))
    return img


def noise(size=(400, 300)) -> Image.Image:
    """Random pixels: compresses badly, so the file is big and cutting it hurts."""
    return Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))


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


def png_claiming(width: int, height: int) -> bytes:
    """A real 1-bit black PNG of the given size: tiny on disk, huge in memory."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    row = b"\0" * (1 + (width + 7) // 8)  # filter byte + packed bits
    packer, idat, left = zlib.compressobj(9), [], height
    while left:
        rows = min(left, 1000)
        idat.append(packer.compress(row * rows))
        left -= rows
    idat.append(packer.flush())
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0))
            + chunk(b"IDAT", b"".join(idat)) + chunk(b"IEND", b""))


def refused(file: FileStorage | None, **kwargs) -> str:
    """Store the file expecting a refusal; return its message (the field defaults to "photo")."""
    with pytest.raises(UploadError) as caught:
        uploads.store_image(file, **kwargs)
    assert caught.value.field == kwargs.get("field", "photo")
    return str(caught.value.message)


# Accepted photos

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
    path = uploads.path_for(stored.name)
    assert path.parent == folder and path.stat().st_size == stored.size
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
    with Image.open(uploads.path_for(stored.thumb_name)) as thumb:
        assert thumb.format == "JPEG" and thumb.size == (160, 320)
        assert not thumb.getexif()


def test_a_png_with_transparency_is_stored_as_jpeg_on_white(folder):
    img = Image.new("RGBA", (600, 400), (0, 0, 0, 0))
    img.paste((0, 128, 0, 255), (0, 0, 300, 400))
    stored = uploads.store_image(upload(encode(img, "PNG"), "scan.png", "image/png"))
    with Image.open(uploads.path_for(stored.name)) as saved:
        assert saved.format == "JPEG" and saved.mode == "RGB" and saved.size == (600, 400)
        assert min(saved.getpixel((500, 200))) > 245  # transparent became white
        assert saved.getpixel((100, 200))[1] > 100
    assert stored.name.endswith(".jpg") and stored.mime == "image/jpeg"


def test_a_webp_is_stored_as_jpeg(folder):
    stored = uploads.store_image(upload(encode(two_halves(), "WEBP"), "id.webp", "image/webp"))
    with Image.open(uploads.path_for(stored.name)) as saved:
        assert saved.format == "JPEG" and saved.size == (400, 200)
    assert len(files_in(folder)) == 2


def test_a_jpeg_with_a_second_picture_inside_is_a_jpeg(folder):
    """Phones often write "MPO" JPEGs (a preview picture after the main one): the first is kept."""
    out = io.BytesIO()
    two_halves((3000, 1200)).save(out, "MPO", save_all=True, append_images=[Image.new("RGB", (300, 120))])
    stored = uploads.store_image(upload(out.getvalue()))
    with Image.open(uploads.path_for(stored.name)) as saved:
        assert saved.format == "JPEG" and saved.size == (2400, 960)
        assert saved.getpixel((100, 100))[0] > 200


@pytest.mark.parametrize("mode", ["L", "P", "CMYK", "I;16", "LA", "1"])
def test_other_colour_modes_become_rgb_jpegs(folder, mode):
    fmt = "JPEG" if mode in ("L", "CMYK") else "PNG"
    img = two_halves().convert(mode) if mode != "I;16" else Image.new("I;16", (400, 200), 40000)
    stored = uploads.store_image(upload(encode(img, fmt), f"x.{fmt.lower()}"))
    with Image.open(uploads.path_for(stored.name)) as saved:
        assert saved.format == "JPEG" and saved.mode == "RGB"
        if mode == "I;16":  # 16-bit grey is scaled to 8 bits, not clipped to white
            assert 140 < saved.getpixel((10, 10))[0] < 170


def test_a_big_photo_is_shrunk_and_the_thumbnail_is_small(app, folder):
    app.config["UPLOAD_MAX_SIDE"] = 1000
    app.config["UPLOAD_THUMB_SIDE"] = 100
    stored = uploads.store_image(upload(encode(two_halves((3000, 1500)), "JPEG")))
    assert (stored.width, stored.height) == (1000, 500)
    with Image.open(uploads.path_for(stored.thumb_name)) as thumb:
        assert thumb.size == (100, 50)


def test_the_default_limits_keep_photos_at_most_2400_pixels(folder):
    stored = uploads.store_image(upload(encode(two_halves((5000, 2000)), "JPEG")))
    assert (stored.width, stored.height) == (2400, 960)
    with Image.open(uploads.path_for(stored.thumb_name)) as thumb:
        assert thumb.size == (320, 128)


def test_the_folder_is_private_and_defaults_to_instance_uploads(app, tmp_path):
    app.config.pop("UPLOAD_FOLDER", None)
    app.instance_path = str(tmp_path / "instance")
    stored = uploads.store_image(upload(encode(two_halves(), "PNG"), "a.png"))
    folder = Path(app.instance_path) / "uploads"
    assert uploads.path_for(stored.name) == folder / stored.name
    assert folder.stat().st_mode & 0o777 == 0o700


def test_every_stored_photo_gets_its_own_random_name(folder):
    data = encode(two_halves(), "PNG")
    first, second = (uploads.store_image(upload(data, "same.png")) for _ in range(2))
    assert first.name != second.name and len(files_in(folder)) == 4


# Refused uploads: one message each, nothing on disk

@pytest.mark.parametrize("file", [
    None,
    FileStorage(stream=io.BytesIO(b""), filename=""),
    FileStorage(stream=io.BytesIO(b"\xff\xd8\xff" + b"x" * 100), filename=""),
], ids=["nothing", "no-file-chosen", "no-filename"])
def test_no_file_chosen(folder, file):
    assert refused(file) == CHOOSE
    assert files_in(folder) == []


def test_an_empty_file(folder):
    assert refused(upload(b"", "photo.jpg")) == EMPTY
    assert files_in(folder) == []


def test_a_file_over_the_default_10_mb_is_refused_after_reading_just_past_the_limit(folder):
    limit = 10 * 1024 * 1024
    file = upload(b"\xff\xd8\xff" + b"\0" * (limit + 1000))
    assert refused(file) == "The photo must be smaller than 10 MB."
    assert file.stream.tell() == limit + 1
    assert files_in(folder) == []


def test_the_size_limit_comes_from_the_config(app, folder):
    app.config["UPLOAD_MAX_BYTES"] = 10_000
    data = encode(noise(), "PNG")
    assert len(data) > 10_000
    assert refused(upload(data, "big.png")) == "The photo must be smaller than 0.0095 MB."
    app.config["UPLOAD_MAX_BYTES"] = 3 * 1024 * 1024 // 2
    assert refused(upload(b"\0" * (2 * 1024 * 1024))) == "The photo must be smaller than 1.5 MB."
    assert files_in(folder) == []


def test_a_file_of_exactly_the_limit_is_accepted(app, folder):
    data = encode(two_halves(), "PNG")
    app.config["UPLOAD_MAX_BYTES"] = len(data)
    assert uploads.store_image(upload(data, "a.png")).name


@pytest.mark.parametrize("data, filename, content_type", [
    (lambda: encode(two_halves(), "GIF"), "photo.gif", "image/gif"),
    (lambda: encode(two_halves(), "GIF"), "photo.jpg", "image/jpeg"),
    (lambda: encode(two_halves(), "BMP"), "photo.png", "image/png"),
    (lambda: b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n", "certificate.pdf", "application/pdf"),
    (lambda: "这是我的残疾人证\n".encode() * 20, "certificate.jpg", "image/jpeg"),
    (lambda: b"RIFF\x10\x00\x00\x00WAVEfmt " + b"\0" * 40, "photo.webp", "image/webp"),
], ids=["gif", "gif-named-jpg", "bmp-named-png", "pdf", "text-named-jpg", "wav-riff"])
def test_files_that_are_not_jpeg_png_or_webp_are_refused_whatever_their_name(folder, data, filename, content_type):
    assert refused(upload(data(), filename, content_type)) == WRONG_TYPE
    assert files_in(folder) == []


def test_a_truncated_jpeg_is_damaged(folder):
    data = encode(noise(), "JPEG", quality=95)
    assert refused(upload(data[: len(data) // 2])) == DAMAGED
    assert files_in(folder) == []
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False


@pytest.mark.parametrize("data", [
    lambda: b"\xff\xd8\xff\xe0" + b"garbage" * 50,
    lambda: encode(noise((200, 200)), "PNG")[:200],
    lambda: encode(noise((200, 200)), "WEBP")[:100],
    lambda: b"\x89PNG\r\n\x1a\n" + b"\0" * 100,
], ids=["jpeg-garbage", "png-cut", "webp-cut", "png-garbage"])
def test_files_that_start_like_a_photo_but_cannot_be_read_are_damaged(folder, data):
    assert refused(upload(data())) == DAMAGED
    assert files_in(folder) == []


def test_truncated_images_are_never_guessed_at(monkeypatch, folder):
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    with pytest.raises(RuntimeError):
        uploads.store_image(upload(encode(two_halves(), "JPEG")))
    assert files_in(folder) == []


def test_the_pixel_limit_comes_from_the_config(app, folder):
    app.config["UPLOAD_MAX_PIXELS"] = 1000
    message = refused(upload(encode(two_halves((100, 100)), "PNG"), "small.png"))
    assert message == ("The photo is too large (more than 0.001 megapixels). "
                       "Take it again at a lower resolution.")
    assert files_in(folder) == []


@pytest.mark.parametrize("width, height", [
    (8000, 6000),    # 48 MP: over our limit, under Pillow's own guard
    (10000, 10000),  # 100 MP: Pillow's DecompressionBombWarning
    (30000, 30000),  # 900 MP: Pillow's DecompressionBombError
])
def test_too_many_pixels_is_refused_from_the_header_and_no_warning_leaks(folder, recwarn, width, height):
    data = png_claiming(width, height)
    assert len(data) < 200_000  # small on disk: the size limit alone would let it through
    assert refused(upload(data, "bomb.png", "image/png")) == TOO_MANY_PIXELS
    assert [str(w.message) for w in recwarn] == []
    assert files_in(folder) == []


def test_the_field_name_is_the_callers(folder):
    with pytest.raises(DomainError) as caught:
        uploads.store_image(upload(b""), field="id_card")
    assert caught.value.field == "id_card" and caught.value.status == 422
    assert refused(upload(b"not a photo"), field="certificate") == WRONG_TYPE


def test_a_failure_while_writing_leaves_nothing_behind(monkeypatch, folder):
    real_replace, calls = os.replace, []

    def failing_replace(source, target):
        calls.append(target)
        if len(calls) == 2:
            raise OSError("disk full")
        real_replace(source, target)

    monkeypatch.setattr(uploads.os, "replace", failing_replace)
    with pytest.raises(OSError):
        uploads.store_image(upload(encode(two_halves(), "PNG"), "a.png"))
    assert len(calls) == 2
    assert files_in(folder) == []


# Finding and deleting stored files

@pytest.mark.parametrize("name", [
    "../x", "a/b", "..", "", "photo.jpg", "x" * 32, "x" * 32 + ".png", "x" * 31 + ".jpg",
    "../" + "x" * 29 + ".jpg", "x" * 32 + ".jpg/..", "/etc/passwd", "x" * 32 + ".jpg\0", None,
])
def test_path_for_refuses_names_it_did_not_make(folder, name):
    with pytest.raises(FileNotFoundError):
        uploads.path_for(name)


def test_path_for_refuses_a_well_formed_name_with_no_file(folder):
    with pytest.raises(FileNotFoundError):
        uploads.path_for("A" * 32 + ".jpg")


def test_delete_removes_the_photo_and_its_thumbnail_quietly(folder):
    stored = uploads.store_image(upload(encode(two_halves(), "PNG"), "a.png"))
    kept = uploads.store_image(upload(encode(two_halves(), "PNG"), "b.png"))
    uploads.delete(stored.name)
    assert files_in(folder) == sorted([kept.name, kept.thumb_name])
    uploads.delete(stored.name)  # already gone: no error
    uploads.delete("../x")  # not ours: nothing happens
    for name in (stored.name, stored.thumb_name):
        with pytest.raises(FileNotFoundError):
            uploads.path_for(name)
    assert uploads.path_for(kept.name).exists()
