"""Shared by the test_upload_* modules: photos made in memory (small real ones, and big or broken
ones built byte by byte), wrapped as uploads; what is on disk; and what the person is told."""
import io
import random
import struct
import zlib
from pathlib import Path

from PIL import Image
from werkzeug.datastructures import FileStorage

RED, BLUE = (255, 0, 0), (0, 0, 255)

CHOOSE = "Choose a photo to upload."
EMPTY = "The file you chose is empty. Choose another photo."
WRONG_TYPE = "The file must be a photo in JPG, PNG or WebP format."
DAMAGED = "The photo could not be read. It may be damaged: take it again."
INCOMPLETE = "Part of the photo is missing: the file was cut short. Upload it again, or take a new photo."
ANIMATED = "The file is an animation. Upload a still photo of the document."
TOO_MANY_PIXELS = ("The photo is too large (more than 80 megapixels). "
                   "Take it again at a lower resolution.")
TOO_LONG = ("The photo is too long or too wide (more than 10000 pixels on one side). "
            "Crop it to the document, or take it again.")


def too_big_to_open(megapixels: str) -> str:
    return (f"The photo is too large to open (more than {megapixels} megapixels for a picture of this kind). "
            "Save it at a lower resolution, or as a JPG, and upload it again.")


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


def noise(size=(400, 300), seed: int = 1) -> Image.Image:
    """Pixels from a fixed random seed: compresses badly (so cutting the file hurts), the same each run."""
    return Image.frombytes("RGB", size, random.Random(seed).randbytes(size[0] * size[1] * 3))


def photo_like(size=(320, 240), seed: int = 1) -> Image.Image:
    """Smooth shapes with a little grain, closer to a photo than pure noise."""
    base = Image.merge("RGB", [Image.radial_gradient("L"), Image.linear_gradient("L"),
                               Image.new("L", (256, 256), 90)]).resize(size)
    return Image.blend(base, noise(size, seed), 0.2)


# PNG, byte by byte -----------------------------------------------------------------------------

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}


def chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def ihdr(width: int, height: int, depth: int = 8, colour: int = 2, interlace: int = 0) -> bytes:
    return chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, interlace))


def png(width: int, height: int, depth: int = 8, colour: int = 2, *, rows: int | None = None,
        before: bytes = b"", after: bytes = b"", tail: bytes = b"") -> bytes:
    """A real PNG of any size that is tiny on disk and quick to make: a first row of varied bytes,
    then every row "the same as the one above" (PNG filter 2) compressed once per megabyte.

    `rows` writes fewer rows than the header says (a header lie); `before`/`after` are chunks put
    before/after the image data; `tail` is raw bytes appended to the image data's zlib stream."""
    row_bytes = (width * depth * _CHANNELS[colour] + 7) // 8
    first = b"\0" + (bytes(range(256)) * (row_bytes // 256 + 1))[:row_bytes]
    same = b"\2" + bytes(row_bytes)
    packer, parts = zlib.compressobj(6), []
    parts.append(packer.compress(first))
    per_block = max(1, (1 << 20) // len(same))
    block, left = same * per_block, (height if rows is None else rows) - 1
    while left > 0:
        count = min(left, per_block)
        parts.append(packer.compress(block if count == per_block else same * count))
        left -= count
    parts.append(packer.compress(tail))
    parts.append(packer.flush())
    return (PNG_SIGNATURE + ihdr(width, height, depth, colour) + before
            + chunk(b"IDAT", b"".join(parts)) + after + chunk(b"IEND", b""))


# JPEG, byte by byte ----------------------------------------------------------------------------

def segment(code: int, body: bytes) -> bytes:
    return bytes([0xFF, code]) + struct.pack(">H", len(body) + 2) + body


def flat_jpeg(width: int, height: int, components: int = 3) -> bytes:
    """A complete baseline JPEG of any size that is small on disk: every 8x8 block mid-grey, coded
    in two bits (Huffman tables of one symbol each: DC difference 0, end of block)."""
    one_symbol = bytes([1] + [0] * 15)
    header = (segment(0xDB, b"\x00" + b"\x01" * 64)
              + segment(0xC0, struct.pack(">BHHB", 8, height, width, components)
                        + b"".join(bytes([i + 1, 0x11, 0]) for i in range(components)))
              + segment(0xC4, b"\x00" + one_symbol + b"\x00" + b"\x10" + one_symbol + b"\x00")
              + segment(0xDA, bytes([components]) + b"".join(bytes([i + 1, 0]) for i in range(components))
                        + b"\x00\x3f\x00"))
    bits = 2 * (-(-width // 8)) * (-(-height // 8)) * components
    scan = bytes(bits // 8) + (bytes([0xFF >> (bits % 8)]) if bits % 8 else b"")
    return b"\xff\xd8" + header + scan.replace(b"\xff", b"\xff\x00") + b"\xff\xd9"


def sof_offset(data: bytes) -> int:
    """Where the frame header's height field is (after FFCx, length and precision)."""
    for code in (0xC0, 0xC1, 0xC2):
        at = data.find(bytes([0xFF, code]))
        if at > 0:
            return at + 5
    raise ValueError("no frame header")


def with_size(data: bytes, width: int | None = None, height: int | None = None) -> bytes:
    """The JPEG with its frame header saying another size (and nothing else changed)."""
    at = sof_offset(data)
    old_height, old_width = struct.unpack(">HH", data[at:at + 4])
    height, width = (old_height if height is None else height), (old_width if width is None else width)
    return data[:at] + struct.pack(">HH", height, width) + data[at + 4:]


# What the attack suites check -----------------------------------------------------------------

CLEANED = "accepted, and stored cleaned"
# Nothing a polyglot or a metadata block carried may reach the stored file. (Six bytes or more each,
# so that a stored JPEG's own bytes never match by chance.)
PAYLOADS = (b"<html>", b"<script>", b"<svg ", b"<?php ", b"evil-payload", b"Exif\x00\x00", b"ICC_PROFILE",
            b"http://ns.adobe.com", b"GIF89a", b"PK\x03\x04\x14\x00")


def outcome(data: bytes, filename: str, folder: Path) -> str:
    """Store the file: the message it is refused with (after checking nothing is left on disk), or
    CLEANED after checking that what was stored is a plain JPEG carrying nothing of the upload."""
    from webapp.services.identity import uploads
    from webapp.services.identity.uploads import UploadError

    try:
        stored = uploads.store_image(upload(data, filename))
    except UploadError as error:
        assert files_in(folder) == [], "a refused upload left files behind"
        return str(error.message)
    assert files_in(folder) == sorted([stored.name, stored.thumb_name])
    for name in (stored.name, stored.thumb_name):
        raw = uploads.read(name)
        assert not [marker for marker in PAYLOADS if marker in raw]
        with Image.open(io.BytesIO(raw)) as img:
            assert (img.format, img.mode) == ("JPEG", "RGB") and not img.getexif()
            assert not {"comment", "exif", "icc_profile", "xmp"} & set(img.info)
    return CLEANED
