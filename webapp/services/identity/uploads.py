"""Photos people upload as evidence (残疾人证, ID card): checked, cleaned and stored privately.

Only the content decides what a file is, never its name or the browser's content type.
Every accepted photo is turned upright, stripped of all metadata (EXIF, GPS, XMP, comments,
ICC) by copying its pixels into a fresh image, shrunk to a sensible size and stored as
JPEG under a random name, with a small thumbnail beside it. A refused upload leaves
nothing on disk.

Settings (read with defaults, so they may be missing from config.py):
UPLOAD_FOLDER (instance/uploads), UPLOAD_MAX_BYTES (10 MB), UPLOAD_MAX_PIXELS (40 000 000),
UPLOAD_MAX_SIDE (2400), UPLOAD_THUMB_SIDE (320), UPLOAD_JPEG_QUALITY (85).
"""
import io
import os
import re
import secrets
import struct
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from flask_babel import lazy_gettext as _l
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

from ..common.errors import DomainError

MEGABYTE = 1024 * 1024
DEFAULTS = {
    "UPLOAD_MAX_BYTES": 10 * MEGABYTE,
    "UPLOAD_MAX_PIXELS": 40_000_000,
    "UPLOAD_MAX_SIDE": 2400,
    "UPLOAD_THUMB_SIDE": 320,
    "UPLOAD_JPEG_QUALITY": 85,
}
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP")
# Many phones write JPEGs with a second, preview picture inside; Pillow calls those "MPO".
_OPENED_AS = (*ACCEPTED_FORMATS, "MPO")
MIME = "image/jpeg"

# secrets.token_urlsafe(24) gives 32 characters from this alphabet.
_TOKEN_BYTES = 24
_NAME = re.compile(r"[A-Za-z0-9_-]{32}(?:\.thumb)?\.jpg")
_THUMB_SUFFIX = ".thumb.jpg"
# How JPEG, PNG and WebP files begin: such a file that Pillow cannot open is damaged,
# anything else is simply not a photo we take.
_SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")
# Decoding untrusted files fails in many ways; all of them mean "damaged".
_DAMAGED = (OSError, SyntaxError, ValueError, EOFError, IndexError, struct.error)
_WHITE = (255, 255, 255)


class UploadError(DomainError):
    """The uploaded file was refused; `message` says why in words for the person."""


@dataclass(frozen=True)
class StoredImage:
    name: str  # file name in the upload folder: random, never the person's file name
    thumb_name: str
    mime: str
    width: int
    height: int
    size: int  # bytes of the stored file (not of the upload)


def _setting(name: str):
    return current_app.config.get(name, DEFAULTS[name])


def upload_folder() -> Path:
    """The private folder photos are kept in (outside static/), created 0700 if missing."""
    folder = current_app.config.get("UPLOAD_FOLDER") or Path(current_app.instance_path) / "uploads"
    folder = Path(folder)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def _megabytes(limit: int) -> str:
    """10485760 -> "10", 1572864 -> "1.5", 10000 -> "0.0095"."""
    text = f"{round(limit / MEGABYTE, 1):g}"
    return text if text != "0" else f"{limit / MEGABYTE:.2g}"


def _read_at_most(upload, count: int) -> bytes:
    """Read up to `count` bytes, however the stream chooses to hand them over."""
    chunks, left = [], count
    while left > 0:
        chunk = upload.stream.read(left)
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _looks_like_photo(data: bytes) -> bool:
    return data.startswith(_SIGNATURES) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP")


def _too_large(field: str) -> UploadError:
    megapixels = f"{_setting('UPLOAD_MAX_PIXELS') / 1_000_000:g}"
    return UploadError(_l("The photo is too large (more than %(megapixels)s megapixels). "
                          "Take it again at a lower resolution.", megapixels=megapixels), field)


def _damaged(field: str) -> UploadError:
    return UploadError(_l("The photo could not be read. It may be damaged: take it again."), field)


def _wrong_type(field: str) -> UploadError:
    return UploadError(_l("The file must be a photo in JPG, PNG or WebP format."), field)


def _read_image(data: bytes, field: str) -> Image.Image:
    """Open, check and fully decode the upload; return an upright RGB image with no metadata."""
    # Pillow warns (and beyond twice its own limit refuses) while opening huge images; that
    # warning is made an error here and answered with our message, so it never leaks. Other
    # warnings Pillow gives about odd files (e.g. corrupt EXIF) are logged, not raised.
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            img = Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _too_large(field) from None
        except UnidentifiedImageError:
            raise (_damaged(field) if _looks_like_photo(data) else _wrong_type(field)) from None
        except _DAMAGED:
            raise _damaged(field) from None
        try:
            clean = _decode(img, field)
        finally:
            img.close()
    for warning in caught:
        current_app.logger.info("upload: Pillow warned: %s", warning.message)
    return clean


def _decode(img: ImageFile.ImageFile, field: str) -> Image.Image:
    if img.format not in _OPENED_AS:  # formats= already ensures it; belt and braces
        raise _wrong_type(field)
    width, height = img.size
    if width * height > _setting("UPLOAD_MAX_PIXELS"):  # from the header, before decoding
        raise _too_large(field)
    if ImageFile.LOAD_TRUNCATED_IMAGES:  # someone switched it on globally: refuse to guess
        raise RuntimeError("PIL.ImageFile.LOAD_TRUNCATED_IMAGES must stay False")
    try:
        if img.format in ("JPEG", "MPO"):
            side = _setting("UPLOAD_MAX_SIDE")
            img.draft(None, (side, side))  # decode big JPEGs at 1/2, 1/4 or 1/8 size
        img.load()
        return _flatten(ImageOps.exif_transpose(img))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_large(field) from None
    except _DAMAGED:
        raise _damaged(field) from None


def _flatten(img: Image.Image) -> Image.Image:
    """Copy the pixels into a fresh RGB image (so no metadata comes along), on white."""
    if img.mode in ("I", "I;16", "I;16L", "I;16B"):  # 16-bit greyscale PNG: scale, don't clip
        img = img.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    fresh = Image.new("RGB", img.size, _WHITE)
    if img.has_transparency_data:
        rgba = img.convert("RGBA")
        fresh.paste(rgba, mask=rgba.getchannel("A"))
    else:
        fresh.paste(img.convert("RGB"))
    return fresh


def _shrink(img: Image.Image, side: int) -> Image.Image:
    if max(img.size) > side:
        img = img.copy()
        img.thumbnail((side, side), Image.Resampling.LANCZOS)
    return img


def _jpeg(img: Image.Image) -> bytes:
    out = io.BytesIO()
    img.save(out, "JPEG", quality=_setting("UPLOAD_JPEG_QUALITY"), optimize=True, exif=b"")
    return out.getvalue()


def _write_all(folder: Path, files: dict[str, bytes]) -> None:
    """Write each file to a temporary name in `folder`, then move them all into place;
    on any failure remove whatever was written, so nothing is left behind."""
    temps: dict[str, str] = {}
    placed: list[Path] = []
    try:
        for name, content in files.items():
            handle, temp = tempfile.mkstemp(dir=folder, prefix=".upload-", suffix=".part")
            temps[name] = temp
            with os.fdopen(handle, "wb") as out:
                out.write(content)
                out.flush()
                os.fsync(out.fileno())
        for name, temp in temps.items():
            os.replace(temp, folder / name)
            placed.append(folder / name)
    except BaseException:
        for path in [*temps.values(), *placed]:
            try:
                os.unlink(path)
            except FileNotFoundError:
                pass
        raise


def store_image(upload, field: str = "photo") -> StoredImage:
    """Check the uploaded photo (a werkzeug FileStorage), clean it and store it.

    Raises UploadError with a message for the person and `field` for the form.
    """
    if upload is None or not upload.filename:
        raise UploadError(_l("Choose a photo to upload."), field)
    limit = _setting("UPLOAD_MAX_BYTES")
    data = _read_at_most(upload, limit + 1)
    if not data:
        raise UploadError(_l("The file you chose is empty. Choose another photo."), field)
    if len(data) > limit:
        raise UploadError(
            _l("The photo must be smaller than %(size)s MB.", size=_megabytes(limit)), field
        )

    photo = _shrink(_read_image(data, field), _setting("UPLOAD_MAX_SIDE"))
    thumb = _shrink(photo, _setting("UPLOAD_THUMB_SIDE"))
    photo_bytes, thumb_bytes = _jpeg(photo), _jpeg(thumb)

    token = secrets.token_urlsafe(_TOKEN_BYTES)
    name, thumb_name = token + ".jpg", token + _THUMB_SUFFIX
    _write_all(upload_folder(), {thumb_name: thumb_bytes, name: photo_bytes})
    return StoredImage(name=name, thumb_name=thumb_name, mime=MIME,
                       width=photo.width, height=photo.height, size=len(photo_bytes))


def path_for(name: str) -> Path:
    """The path of a stored photo or thumbnail; FileNotFoundError for any name that is not
    one this module generated (slashes, "..", anything else) or whose file is gone."""
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise FileNotFoundError(f"not a stored upload: {name!r}")
    path = upload_folder() / name
    if not path.is_file():
        raise FileNotFoundError(f"not a stored upload: {name!r}")
    return path


def delete(name: str) -> None:
    """Remove a stored photo and its thumbnail (or just a thumbnail); quiet if already gone."""
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        return
    names = [name]
    if not name.endswith(_THUMB_SUFFIX):
        names.append(name[: -len(".jpg")] + _THUMB_SUFFIX)
    folder = upload_folder()
    for each in names:
        try:
            (folder / each).unlink()
        except FileNotFoundError:
            pass
