"""Refused evidence photos: one message for each reason, and nothing left on disk."""
import io
import os

import pytest
from PIL import ImageFile
from werkzeug.datastructures import FileStorage

from tests.unit.images import (CHOOSE, DAMAGED, EMPTY, INCOMPLETE, TOO_MANY_PIXELS, WRONG_TYPE, encode, files_in,
                               noise, png, two_halves, upload)
from webapp.services.common.errors import DomainError
from webapp.services.identity import storage, uploads
from webapp.services.identity.uploads import UploadError

pytestmark = pytest.mark.usefixtures("english")


def refused(file: FileStorage | None, **kwargs) -> str:
    """Store the file expecting a refusal; return its message (the field defaults to "photo")."""
    with pytest.raises(UploadError) as caught:
        uploads.store_image(file, **kwargs)
    assert caught.value.field == kwargs.get("field", "photo")
    return str(caught.value.message)


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


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_a_photo_cut_short_is_incomplete(folder, fmt):
    data = encode(noise(), fmt)
    assert refused(upload(data[: len(data) // 2])) == INCOMPLETE
    assert files_in(folder) == []
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False


@pytest.mark.parametrize("data", [
    lambda: b"\xff\xd8\xff\xe0" + b"garbage" * 50,
    lambda: b"\x89PNG\r\n\x1a\n" + b"\0" * 100,
    lambda: encode(noise((200, 200)), "PNG")[:30],
    lambda: b"RIFF" + (92).to_bytes(4, "little") + b"WEBPVP8 " + b"\0" * 84,
], ids=["jpeg-garbage", "png-garbage", "png-header-cut", "webp-garbage"])
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
    (9000, 9000),    # 81 MP: over our limit, under Pillow's own guard
    (10000, 10000),  # 100 MP: Pillow's DecompressionBombWarning
    (30000, 30000),  # 900 MP: Pillow's DecompressionBombError
])
def test_too_many_pixels_is_refused_from_the_header_and_no_warning_leaks(folder, recwarn, width, height):
    data = png(width, height, depth=1, colour=0)  # 1-bit black: tiny on disk, huge in memory
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

    monkeypatch.setattr(storage.os, "replace", failing_replace)
    with pytest.raises(OSError):
        uploads.store_image(upload(encode(two_halves(), "PNG"), "a.png"))
    assert len(calls) == 2
    assert files_in(folder) == []
