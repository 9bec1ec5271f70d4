"""Turning the bytes of an uploaded photo into a clean, upright RGB picture, within set bounds.

Only the content decides what a file is. Before a pixel is decoded the header must show a still
JPEG, PNG or WebP with at most UPLOAD_MAX_PIXELS pixels, no side longer than
UPLOAD_MAX_DECODE_SIDE, and a decoded picture of at most UPLOAD_MAX_DECODE_BYTES (see
`decoded_bytes`). A JPEG is decoded reduced (draft mode: 1/2, 1/4 or 1/8) to no less than the size
it is stored at, or reduced further if that is what fits the budget, so big phone photos pass. The
decoded picture must all be in the file (completeness.py): nothing the file lacks is filled in.
Cleaning works on the picture once shrunk: it is turned upright from its EXIF orientation and
copied onto a fresh white RGB image, so no metadata (EXIF, GPS, XMP, comments, ICC) comes along.

Peak memory is about twice the budget (the decoded picture and the one it is shrunk from or to),
plus the file.
"""
import hashlib
import io
import struct
import warnings
import zlib

from flask import current_app
from flask_babel import lazy_gettext as _l
from PIL import ExifTags, Image, ImageFile, PngImagePlugin, UnidentifiedImageError

from ..common.errors import DomainError
from . import completeness

MEGABYTE = 1024 * 1024
DEFAULTS = {
    "UPLOAD_MAX_BYTES": 10 * MEGABYTE,
    "UPLOAD_MAX_PIXELS": 80_000_000,
    "UPLOAD_MAX_DECODE_SIDE": 10_000,
    "UPLOAD_MAX_DECODE_BYTES": 64 * MEGABYTE,
    "UPLOAD_MAX_SIDE": 2400,
    "UPLOAD_THUMB_SIDE": 320,
    "UPLOAD_JPEG_QUALITY": 85,
}
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP")
# Many phones write JPEGs with a second, preview picture inside; Pillow calls those "MPO".
_JPEG = ("JPEG", "MPO")
# How JPEG, PNG and WebP files begin: such a file that Pillow cannot open is damaged,
# anything else is simply not a photo we take.
_SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")
# Decoding untrusted files fails in many ways; all of them mean "damaged".
_DAMAGED = (OSError, SyntaxError, ValueError, EOFError, IndexError, struct.error, zlib.error)
_WHITE = (255, 255, 255)
# Pillow lets a PNG's text chunks take up to 64 MB; a photo needs none of them (they are dropped),
# so this process allows 4 MB, and a file with more is refused as damaged.
PngImagePlugin.MAX_TEXT_MEMORY = 4 * MEGABYTE
_UPRIGHT = {2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180,
            4: Image.Transpose.FLIP_TOP_BOTTOM, 5: Image.Transpose.TRANSPOSE,
            6: Image.Transpose.ROTATE_270, 7: Image.Transpose.TRANSVERSE, 8: Image.Transpose.ROTATE_90}


class UploadError(DomainError):
    """The uploaded file was refused; `message` says why in words for the person."""


def setting(name: str):
    return current_app.config.get(name, DEFAULTS[name])


def decoded_bytes(img: Image.Image, width: int, height: int) -> int:
    """Memory decoding the picture takes at that size: one byte a pixel for grey and 1-bit
    pictures, two for 16-bit grey, four for the rest (Pillow keeps RGB in four bytes, and a palette
    picture is cleaned as the RGB(A) picture it stands for); four times that for a WebP, since
    libwebp keeps two canvases of its own while the file is open and hands Pillow a third copy."""
    mode = img.mode
    per_pixel = 1 if mode in ("1", "L") else 2 if mode.startswith("I;16") else 4
    return width * height * per_pixel * (4 if img.format == "WEBP" else 1)


def _too_many_pixels(field: str) -> UploadError:
    megapixels = f"{setting('UPLOAD_MAX_PIXELS') / 1_000_000:g}"
    return UploadError(_l("The photo is too large (more than %(megapixels)s megapixels). "
                          "Take it again at a lower resolution.", megapixels=megapixels), field)


def _too_long(field: str) -> UploadError:
    return UploadError(_l("The photo is too long or too wide (more than %(pixels)s pixels on one side). "
                          "Crop it to the document, or take it again.",
                          pixels=str(setting("UPLOAD_MAX_DECODE_SIDE"))), field)


def _too_big_to_open(field: str, pixels_per_byte: float) -> UploadError:
    megapixels = f"{setting('UPLOAD_MAX_DECODE_BYTES') * pixels_per_byte / 1_000_000:.3g}"
    return UploadError(_l("The photo is too large to open (more than %(megapixels)s megapixels for a picture "
                          "of this kind). Save it at a lower resolution, or as a JPG, and upload it again.",
                          megapixels=megapixels), field)


def _animated(field: str) -> UploadError:
    return UploadError(_l("The file is an animation. Upload a still photo of the document."), field)


def _incomplete(field: str) -> UploadError:
    return UploadError(_l("Part of the photo is missing: the file was cut short. "
                          "Upload it again, or take a new photo."), field)


def _damaged(field: str) -> UploadError:
    return UploadError(_l("The photo could not be read. It may be damaged: take it again."), field)


def _wrong_type(field: str) -> UploadError:
    return UploadError(_l("The file must be a photo in JPG, PNG or WebP format."), field)


def _looks_like_photo(data: bytes) -> bool:
    return data.startswith(_SIGNATURES) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP")


def read_image(data: bytes, field: str) -> Image.Image:
    """Open, check and decode the upload; return it upright, at most UPLOAD_MAX_SIDE on a side,
    as a fresh RGB image without metadata. Raises UploadError saying why a file is refused."""
    # Pillow warns (and beyond twice its own limit refuses) while opening huge images; that
    # warning is made an error here and answered with our message, so it never leaks. Other
    # warnings Pillow gives about odd files (e.g. corrupt EXIF) are logged, not raised.
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            probe = _check_structure(data, field)
            try:
                img = Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS)
            except UnidentifiedImageError:
                raise (_damaged(field) if _looks_like_photo(data) else _wrong_type(field)) from None
            with img:
                request = _check_header(img, probe, field)
                return _decode(img, data, probe, request, field)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _too_many_pixels(field) from None
        except _DAMAGED:
            raise _damaged(field) from None
        finally:
            for warning in caught:
                current_app.logger.info("upload: Pillow warned: %s", warning.message)


def _check_structure(data: bytes, field: str) -> completeness.JpegProbe | None:
    """Before Pillow parses the file: refuse JPEG and WebP files cut short, and more JPEG segments
    or PNG chunks than any photo has (parsing those alone would take seconds). For a JPEG, return
    the copy that shows whether its picture is all there."""
    if data.startswith(b"\xff\xd8"):
        probe = completeness.jpeg_probe(data)
        if probe.data is None:
            raise _incomplete(field)
        return probe
    if data.startswith(_SIGNATURES[1]):
        completeness.check_png_chunks(data)
    elif data[:4] == b"RIFF" and data[8:12] == b"WEBP" and not completeness.webp_whole(data):
        raise _incomplete(field)
    return None


def _check_header(img: ImageFile.ImageFile, probe: completeness.JpegProbe | None, field: str):
    """Refuse by the header alone; have a JPEG decoded reduced, and return the size asked for."""
    if img.format not in (*ACCEPTED_FORMATS, *_JPEG):  # formats= already ensures it; belt and braces
        raise _wrong_type(field)
    if ImageFile.LOAD_TRUNCATED_IMAGES:  # someone switched it on globally: refuse to guess
        raise RuntimeError("PIL.ImageFile.LOAD_TRUNCATED_IMAGES must stay False")
    if img.format != "MPO" and getattr(img, "n_frames", 1) > 1:  # APNG, animated WebP
        raise _animated(field)
    width, height = img.size
    if width * height > setting("UPLOAD_MAX_PIXELS"):
        raise _too_many_pixels(field)
    if max(width, height) > setting("UPLOAD_MAX_DECODE_SIDE"):
        raise _too_long(field)
    multi_scan = probe is not None and (probe.scans > 1 or bool(img.info.get("progressive")))
    coefficients = _coefficient_bytes(img) if multi_scan else 0
    scale = _jpeg_scale(img, coefficients) if probe is not None else 1
    cost = coefficients + decoded_bytes(img, -(-width // scale), -(-height // scale))
    if cost > setting("UPLOAD_MAX_DECODE_BYTES"):
        raise _too_big_to_open(field, width * height / cost)
    if probe is None:
        return None
    request = (max(1, width // scale), max(1, height // scale))  # Pillow picks `scale` from this
    img.draft(None, request)
    return request


def _jpeg_scale(img: ImageFile.ImageFile, coefficients: int) -> int:
    """How much to reduce a JPEG while decoding it (1, 2, 4 or 8): as much as still leaves at
    least the size it is stored at, or more while it would not fit the memory budget."""
    width, height = img.size
    longest = max(width, height)
    stored = min(longest, setting("UPLOAD_MAX_SIDE"))
    scale = max(s for s in (1, 2, 4, 8) if -(-longest // s) >= stored)
    budget = setting("UPLOAD_MAX_DECODE_BYTES")
    while scale < 8 and coefficients + decoded_bytes(img, -(-width // scale), -(-height // scale)) > budget:
        scale *= 2
    return scale


def _coefficient_bytes(img: ImageFile.ImageFile) -> int:
    """libjpeg keeps every DCT coefficient of a progressive (or other many-scan) JPEG until its last
    scan, at full size whatever the reduction: 64 two-byte numbers for each 8x8 block."""
    width, height = img.size
    h_max = max(1, *(h for _, h, _, _ in img.layer))
    v_max = max(1, *(v for _, _, v, _ in img.layer))
    return 128 * sum(-(-width * h // (8 * h_max)) * -(-height * v // (8 * v_max)) for _, h, v, _ in img.layer)


def _decode(img: ImageFile.ImageFile, data: bytes, probe: completeness.JpegProbe | None,
            request: tuple[int, int] | None, field: str) -> Image.Image:
    expected = _decoded_fingerprint(probe.data, request) if probe is not None else None
    if img.format == "PNG" and not completeness.png_whole(data):
        raise _incomplete(field)
    img.load()
    if expected is not None and _fingerprint(img) != expected:
        raise _incomplete(field)
    return _clean(img)


def _decoded_fingerprint(data: bytes, request: tuple[int, int]) -> bytes:
    copy = Image.open(io.BytesIO(data), formats=_JPEG[:1])
    try:
        copy.draft(None, request)
        copy.load()
        return _fingerprint(copy)
    finally:
        copy.close()  # frees the pixels now, not when the object is collected


def _fingerprint(img: Image.Image) -> bytes:
    """A digest of the decoded pixels, read in strips so the picture is never copied whole."""
    digest = hashlib.sha256()
    for top in range(0, img.height, 256):
        digest.update(img.crop((0, top, img.width, min(img.height, top + 256))).tobytes())
    return digest.digest()


def _clean(img: ImageFile.ImageFile) -> Image.Image:
    """Shrink, turn upright and copy into a fresh RGB image. The decoded picture is closed as soon
    as it is not needed, so no more than two full-size pictures are ever held."""
    orientation = _orientation(img)
    if img.has_transparency_data:  # onto white first: then shrinking needs no premultiplied copy
        picture = _on_white(img if img.mode in ("RGBA", "LA") else img.convert("RGBA"))
    elif img.mode in ("1", "P"):  # shrunk as grey or colour, not by dropping pixels
        picture = img.convert("L" if img.mode == "1" else "RGB")
    else:
        picture = img
    if picture is not img:
        img.close()
    small = shrink(picture, setting("UPLOAD_MAX_SIDE"))
    if small is not picture:
        picture.close()
    if orientation in _UPRIGHT:
        small = small.transpose(_UPRIGHT[orientation])
    return _fresh_rgb(small)


def _on_white(img: Image.Image) -> Image.Image:
    fresh = Image.new("RGB", img.size, _WHITE)
    fresh.paste(img, mask=img)  # an RGBA or LA picture is its own mask (its alpha)
    return fresh


def _orientation(img: Image.Image) -> int:
    """The EXIF (or XMP) orientation; 1 when there is none or it cannot be read, since the
    metadata is dropped anyway and a photo is not refused for a broken tag."""
    try:
        value = img.getexif().get(ExifTags.Base.Orientation, 1)
    except (*_DAMAGED, KeyError, TypeError) as error:
        current_app.logger.info("upload: unreadable EXIF ignored: %r", error)
        return 1
    return value if isinstance(value, int) and value in _UPRIGHT else 1


def shrink(img: Image.Image, side: int) -> Image.Image:
    """The picture fitted into side × side, as a new image (or the same one if it fits already)."""
    width, height = img.size
    if max(width, height) <= side:
        return img
    ratio = side / max(width, height)
    size = (max(1, round(width * ratio)), max(1, round(height * ratio)))
    return img.resize(size, Image.Resampling.LANCZOS, reducing_gap=2.0)


def _fresh_rgb(img: Image.Image) -> Image.Image:
    """Copy the pixels into a fresh RGB image, so no metadata comes along."""
    if img.mode.startswith("I"):  # 16-bit greyscale PNG: scale, don't clip
        img = img.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    fresh = Image.new("RGB", img.size)
    fresh.paste(img if img.mode == "RGB" else img.convert("RGB"))
    return fresh
