"""The attack suite, part 1: files cut short, headers that lie, long thin and huge pictures, and
decompression bombs, all made here. Each is refused with its message and leaves nothing on disk,
or (the few marked CLEANED, e.g. a bomb whose extra data Pillow never reads) is stored cleaned.
Part 2 (test_upload_attacks_content.py) tries what the files pretend to be; the memory each
decode takes is measured in test_upload_attacks_memory.py."""
import struct
import zlib

import pytest
from PIL import Image

from tests.unit.images import (CLEANED, DAMAGED, INCOMPLETE, PNG_SIGNATURE, TOO_LONG, TOO_MANY_PIXELS, chunk,
                               encode, flat_jpeg, ihdr, noise, outcome, photo_like, png, segment, too_big_to_open,
                               with_size)

pytestmark = pytest.mark.usefixtures("english")

EOI = b"\xff\xd9"
KEEP = (0.02, 0.1, 0.2, 0.35, 0.5, 0.65, 0.8, 0.9, 0.97, 0.995)
JPEGS = {"baseline": {}, "progressive": {"progressive": True}, "restarts": {"restart_marker_blocks": 2}}


def jpeg(kind: str = "baseline", mode: str = "RGB", size=(240, 180)) -> bytes:
    return encode(photo_like(size).convert(mode), "JPEG", quality=90, **JPEGS[kind])


def cut(data: bytes, keep: float) -> bytes:
    return data[: int(len(data) * keep)]


def png_fixed_ihdr(data: bytes, width: int, height: int) -> bytes:
    """The PNG with its header saying another size (its checksum made right again)."""
    header = bytearray(data[8:33])
    header[8:16] = struct.pack(">II", width, height)
    return data[:8] + chunk(b"IHDR", bytes(header[8:21])) + data[33:]


def webp_sized(data: bytes, width: int, height: int) -> bytes:
    """A lossless WebP whose header says another size (14 bits each, minus one)."""
    bits = int.from_bytes(data[21:25], "little") & ~((1 << 28) - 1)
    return data[:21] + (bits | (width - 1) | (height - 1) << 14).to_bytes(4, "little") + data[25:]


def vp8_sized(data: bytes, width: int, height: int) -> bytes:
    """A lossy (VP8) WebP whose frame header says another size."""
    return data[:26] + struct.pack("<HH", width, height) + data[30:]


def ztxt(size: int, count: int = 1) -> bytes:
    return b"".join(chunk(b"zTXt", b"k%d\0\0" % i + zlib.compress(bytes(size), 9)) for i in range(count))


CUTS = [
    *(pytest.param(lambda k=k, keep=keep: cut(jpeg(k), keep), INCOMPLETE, id=f"jpeg-{k}-cut-{keep}")
      for k in JPEGS for keep in KEEP[1:]),
    *(pytest.param(lambda k=k, keep=keep: cut(jpeg(k), keep) + EOI, INCOMPLETE, id=f"jpeg-{k}-cut-{keep}-closed")
      for k in JPEGS for keep in KEEP[1::2]),
    pytest.param(lambda: jpeg()[:300], DAMAGED, id="jpeg-cut-in-its-header"),
    *(pytest.param(lambda i=i, keep=keep: cut(encode(noise((200, 150)), "PNG", interlace=i), keep), INCOMPLETE,
                   id=f"png-{'interlaced-' if i else ''}cut-{keep}") for i in (0, 1) for keep in KEEP[1:]),
    *(pytest.param(lambda keep=keep: cut(encode(noise((200, 150)), "PNG"), keep) + chunk(b"IEND", b""), INCOMPLETE,
                   id=f"png-cut-{keep}-closed") for keep in KEEP[1::3]),
    *(pytest.param(lambda o=o, keep=keep: cut(encode(noise((200, 150)), "WEBP", **o), keep), INCOMPLETE,
                   id=f"webp-{'lossless' if o else 'lossy'}-cut-{keep}")
      for o in ({}, {"lossless": True}) for keep in KEEP[1::2]),
    pytest.param(lambda: jpeg()[:-2], INCOMPLETE, id="jpeg-without-its-end-marker"),
    pytest.param(lambda: (lambda d: d[:4] + struct.pack("<I", len(d) // 2 - 8) + d[8: len(d) // 2])(
        encode(noise((200, 150)), "WEBP")), DAMAGED, id="webp-cut-with-its-length-mended"),
    pytest.param(lambda: b"\xff\xd8\xff", DAMAGED, id="jpeg-signature-only"),
    pytest.param(lambda: PNG_SIGNATURE, DAMAGED, id="png-signature-only"),
    pytest.param(lambda: b"RIFF\x04\x00\x00\x00WEBP", DAMAGED, id="webp-header-only"),
]

LIES = [
    *(pytest.param(lambda k=k: with_size(jpeg(k), height=360), INCOMPLETE, id=f"jpeg-{k}-twice-as-tall")
      for k in JPEGS),
    *(pytest.param(lambda k=k: with_size(jpeg(k), width=304), INCOMPLETE, id=f"jpeg-{k}-wider") for k in JPEGS),
    pytest.param(lambda: with_size(jpeg(mode="L"), height=4000), INCOMPLETE, id="jpeg-grey-4000-rows"),
    pytest.param(lambda: with_size(jpeg(mode="CMYK"), height=190), INCOMPLETE, id="jpeg-cmyk-one-block-row-more"),
    pytest.param(lambda: with_size(jpeg(mode="CMYK"), height=184), CLEANED, id="jpeg-cmyk-rows-its-last-blocks-hold"),
    pytest.param(lambda: (lambda d: d[: len(d) // 2] + EOI + d[len(d) // 2:])(jpeg()), INCOMPLETE,
                 id="jpeg-end-marker-in-the-middle"),
    pytest.param(lambda: with_size(jpeg(), height=0), DAMAGED, id="jpeg-height-zero"),
    pytest.param(lambda: png(320, 240, rows=60), INCOMPLETE, id="png-quarter-of-its-rows"),
    pytest.param(lambda: png(320, 240, rows=239), INCOMPLETE, id="png-one-row-short"),
    pytest.param(lambda: png_fixed_ihdr(encode(noise((200, 150)), "PNG"), 200, 300), INCOMPLETE,
                 id="png-header-twice-as-tall"),
    pytest.param(lambda: png_fixed_ihdr(encode(noise((200, 150)), "PNG"), 400, 150), INCOMPLETE,
                 id="png-header-twice-as-wide"),
    pytest.param(lambda: webp_sized(encode(noise((200, 150)), "WEBP", lossless=True), 400, 300), DAMAGED,
                 id="webp-lossless-header-bigger"),
    pytest.param(lambda: vp8_sized(encode(noise((200, 150)), "WEBP"), 400, 300), DAMAGED,
                 id="webp-lossy-header-bigger"),
]

SIZES = [
    pytest.param(lambda: png(1, 40_000_000, 1, 0), TOO_LONG, id="png-1x40000000"),
    pytest.param(lambda: png(40_000_000, 1, 1, 0), TOO_LONG, id="png-40000000x1"),
    pytest.param(lambda: png(10_001, 2, 8, 2), TOO_LONG, id="png-10001x2"),
    pytest.param(lambda: flat_jpeg(20_000, 16), TOO_LONG, id="jpeg-20000x16"),
    pytest.param(lambda: webp_sized(encode(Image.new("RGB", (8, 8)), "WEBP", lossless=True), 12_000, 8), TOO_LONG,
                 id="webp-header-12000x8-data-8x8"),
    pytest.param(lambda: webp_sized(encode(noise((20, 20)), "WEBP", lossless=True), 800, 20), DAMAGED,
                 id="webp-header-800x20-data-20x20"),
    pytest.param(lambda: encode(Image.new("L", (10_000, 1)), "PNG"), CLEANED, id="png-10000x1-at-the-limit"),
    pytest.param(lambda: png(6400, 6250, 8, 6), too_big_to_open("16.8"), id="png-rgba-6400x6250"),
    pytest.param(lambda: PNG_SIGNATURE + ihdr(6400, 6250, 8, 6, interlace=1) + chunk(b"IEND", b""),
                 too_big_to_open("16.8"), id="png-rgba-interlaced-header-only"),
    pytest.param(lambda: png(8400, 8400, 8, 0), too_big_to_open("67.1"), id="png-grey-70MP"),
    pytest.param(lambda: png(9000, 9000, 1, 0), TOO_MANY_PIXELS, id="png-81MP"),
    pytest.param(lambda: png(30_000, 30_000, 1, 0), TOO_MANY_PIXELS, id="png-900MP"),
    pytest.param(lambda: PNG_SIGNATURE + ihdr(2**31 - 1, 2**31 - 1, 8, 6) + chunk(b"IEND", b""), TOO_MANY_PIXELS,
                 id="png-header-2147483647-square"),
    pytest.param(lambda: PNG_SIGNATURE + ihdr(0, 0) + chunk(b"IEND", b""), DAMAGED, id="png-header-0x0"),
    pytest.param(lambda: with_size(flat_jpeg(16, 16), 65_500, 65_500), TOO_MANY_PIXELS, id="jpeg-header-65500-square"),
    pytest.param(lambda: flat_jpeg(9000, 9000, 1), TOO_MANY_PIXELS, id="jpeg-81MP"),
    pytest.param(lambda: webp_sized(encode(Image.new("RGB", (8, 8)), "WEBP", lossless=True), 16_384, 16_384),
                 TOO_MANY_PIXELS, id="webp-header-16384-square"),
    pytest.param(lambda: encode(Image.new("RGB", (2500, 2000)), "WEBP", lossless=True), too_big_to_open("4.19"),
                 id="webp-5MP"),
]

BOMBS = [
    pytest.param(lambda: png(100, 100, tail=bytes(50_000_000)), CLEANED, id="png-50MB-of-zeros-after-the-rows"),
    pytest.param(lambda: png(100, 100, before=ztxt(5_000_000)), DAMAGED, id="png-text-chunk-of-5MB"),
    pytest.param(lambda: png(100, 100, before=ztxt(900_000, 6)), DAMAGED, id="png-text-chunks-of-5MB-together"),
    pytest.param(lambda: png(100, 100, after=ztxt(900_000, 6)), DAMAGED, id="png-text-chunks-after-the-image"),
    pytest.param(lambda: png(100, 100, before=chunk(b"iCCP", b"p\0\0" + zlib.compress(bytes(5_000_000)))), DAMAGED,
                 id="png-colour-profile-of-5MB"),
    pytest.param(lambda: png(100, 100, before=chunk(b"tEXt", b"k\0v") * 10_001), DAMAGED, id="png-10001-chunks"),
    pytest.param(lambda: png(100, 100, after=chunk(b"zzZz", b"") * 10_001), DAMAGED, id="png-10001-chunks-after"),
    pytest.param(lambda: (lambda d: d[:2] + segment(0xFE, b"") * 1_001 + d[2:])(jpeg()), DAMAGED,
                 id="jpeg-1001-comments"),
    pytest.param(lambda: (lambda d: d[:2] + segment(0xE5, b"evil-payload" * 5000) * 40 + d[2:])(jpeg()), CLEANED,
                 id="jpeg-2-5MB-of-app-segments"),
    pytest.param(lambda: png(4000, 4000, 1, 0), CLEANED, id="png-16MP-1-bit-in-a-2KB-file"),
]


@pytest.mark.parametrize("make, expected", CUTS)
def test_files_cut_short(folder, make, expected):
    assert outcome(make(), "photo.jpg", folder) == expected


@pytest.mark.parametrize("make, expected", LIES)
def test_headers_that_claim_more_than_the_data(folder, make, expected):
    assert outcome(make(), "photo.jpg", folder) == expected


@pytest.mark.parametrize("make, expected", SIZES)
def test_long_thin_and_huge_pictures(folder, make, expected):
    assert outcome(make(), "photo.png", folder) == expected


@pytest.mark.parametrize("make, expected", BOMBS)
def test_decompression_bombs(folder, make, expected):
    assert outcome(make(), "photo.png", folder) == expected


def test_the_suite_tries_many_bad_files():
    assert len(CUTS) + len(LIES) + len(SIZES) + len(BOMBS) >= 100
