"""The attack suite, part 2: what the files pretend to be. Polyglots, SVG, HTML and other things
that are not photos, wrong file names, animations, unusual colour modes, EXIF orientation bombs
and colour profiles, all made here. A file that is a real photo underneath is accepted and stored
cleaned (CLEANED: a plain JPEG with nothing of the upload's extra bytes or metadata); everything
else is refused with its message and leaves nothing on disk."""
import gzip
import io
import struct
import zipfile

import pytest
from PIL import ExifTags, Image, PngImagePlugin

from tests.unit.images import (ANIMATED, CLEANED, DAMAGED, EMPTY, PNG_SIGNATURE, WRONG_TYPE, chunk, encode, ihdr,
                               noise, outcome, photo_like, png, segment, two_halves, upload)
from webapp.services.identity import uploads

pytestmark = pytest.mark.usefixtures("english")

HTML = b"<html><body><script>alert('evil-payload')</script></body></html>"
PHP = b"<?php system($_GET['evil-payload']); ?>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>evil-payload</script></svg>'


def jpeg(**options) -> bytes:
    return encode(photo_like((160, 120)), "JPEG", **options)


def a_zip(name: str = "evil-payload.txt", content: bytes = b"evil-payload") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(name, content)
    return out.getvalue()


def frames(fmt: str, count: int = 3) -> bytes:
    out = io.BytesIO()
    pictures = [noise((64, 48), seed) for seed in range(count)]
    pictures[0].save(out, fmt, save_all=True, append_images=pictures[1:])
    return out.getvalue()


def with_app1(data: bytes, tiff: bytes) -> bytes:
    """The JPEG with an EXIF block (a TIFF structure) put right after its start marker."""
    return data[:2] + segment(0xE1, b"Exif\0\0" + tiff) + data[2:]


def tiff(entries: list[tuple[int, int, int, bytes]], next_ifd: int = 0, count: int | None = None) -> bytes:
    """A big-endian TIFF header and one directory of (tag, type, count, 4-byte value) entries."""
    body = b"".join(struct.pack(">HHI", tag, kind, n) + value for tag, kind, n, value in entries)
    return b"MM\0*" + struct.pack(">I", 8) + struct.pack(">H", len(entries) if count is None else count) + body \
        + struct.pack(">I", next_ifd)


def orientation(value: int, kind: int = 3) -> tuple[int, int, int, bytes]:
    return (ExifTags.Base.Orientation, kind, 1, struct.pack(">HH", value, 0) if kind == 3 else struct.pack(">I", value))


def png_text(**texts: bytes | str) -> bytes:
    info = PngImagePlugin.PngInfo()
    for key, value in texts.items():
        if isinstance(value, bytes):
            info.add_text(key, value.decode(), zip=key.startswith("z"))
        else:
            info.add_itxt(key, value)
    return encode(photo_like((160, 120)), "PNG", pnginfo=info)


POLYGLOTS = [
    pytest.param(lambda: jpeg() + HTML, CLEANED, id="jpeg-then-html"),
    pytest.param(lambda: jpeg() + a_zip(), CLEANED, id="jpeg-then-zip"),
    pytest.param(lambda: jpeg() + PHP, CLEANED, id="jpeg-then-php"),
    pytest.param(lambda: jpeg(comment=PHP), CLEANED, id="jpeg-php-in-its-comment"),
    pytest.param(lambda: jpeg(comment=HTML), CLEANED, id="jpeg-html-in-its-comment"),
    pytest.param(lambda: jpeg(xmp=b"<x:xmpmeta>" + HTML + b"</x:xmpmeta>"), CLEANED, id="jpeg-html-in-its-xmp"),
    pytest.param(lambda: (lambda d: d[:2] + segment(0xE0, HTML) + d[2:])(jpeg()), CLEANED, id="jpeg-html-as-app0"),
    pytest.param(lambda: with_app1(jpeg(), tiff([(ExifTags.Base.ImageDescription, 2, len(HTML), struct.pack(">I", 26))])
                                   + HTML), CLEANED, id="jpeg-html-in-an-exif-description"),
    pytest.param(lambda: HTML + jpeg(), WRONG_TYPE, id="html-then-jpeg"),
    pytest.param(lambda: PHP + jpeg(), WRONG_TYPE, id="php-then-jpeg"),
    pytest.param(lambda: b"\0" * 16 + jpeg(), WRONG_TYPE, id="zeros-then-jpeg"),
    pytest.param(lambda: encode(two_halves(), "GIF") + a_zip("META-INF/MANIFEST.MF"), WRONG_TYPE, id="gifar"),
    pytest.param(lambda: a_zip("photo.jpg", jpeg()), WRONG_TYPE, id="zip-holding-a-jpeg"),
    pytest.param(lambda: b"%PDF-1.4\n1 0 obj<</Length 9>>stream\n" + jpeg() + b"\nendstream endobj\n%%EOF", WRONG_TYPE,
                 id="pdf-holding-a-jpeg"),
    pytest.param(lambda: encode(photo_like(), "PNG") + a_zip(), CLEANED, id="png-then-zip"),
    pytest.param(lambda: encode(photo_like(), "PNG") + HTML, CLEANED, id="png-then-html"),
    pytest.param(lambda: png_text(Comment=HTML), CLEANED, id="png-html-in-a-text-chunk"),
    pytest.param(lambda: png_text(zComment=SVG), CLEANED, id="png-svg-in-a-compressed-text-chunk"),
    pytest.param(lambda: png_text(Description=PHP.decode()), CLEANED, id="png-php-in-an-international-text-chunk"),
    pytest.param(lambda: encode(photo_like(), "WEBP") + HTML, CLEANED, id="webp-then-html"),
    pytest.param(lambda: encode(photo_like(), "WEBP", exif=b"Exif\0\0" + tiff([]) + HTML, xmp=HTML), CLEANED,
                 id="webp-html-in-exif-and-xmp"),
]

NOT_PHOTOS = [
    pytest.param(lambda: b"", EMPTY, id="zero-bytes"),
    *(pytest.param(lambda d=d: d, WRONG_TYPE, id=name) for name, d in {
        "one-byte": b"\xff", "one-nul": b"\0", "spaces": b"   \n",
        "svg": SVG, "svg-with-declaration": b'<?xml version="1.0"?>\n' + SVG,
        "svg-with-doctype": b'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN">' + SVG, "svgz": gzip.compress(SVG),
        "html": HTML, "html-with-bom": b"\xef\xbb\xbf" + HTML, "text": "这是我的残疾人证，号码在照片上。\n".encode() * 10,
        "json": b'{"photo": "evil-payload"}', "xml": b"<?xml version='1.0'?><evil-payload/>",
        "exe": b"MZ\x90\0" + b"\0" * 60, "elf": b"\x7fELF\x02\x01\x01" + b"\0" * 57, "shell": b"#!/bin/sh\nrm -rf /\n",
        "pdf": b"%PDF-1.7\n%%EOF\n", "postscript": b"%!PS-Adobe-3.0\n", "zip": a_zip(), "gzip": gzip.compress(b"x"),
        "7z": b"7z\xbc\xaf\x27\x1c" + b"\0" * 26, "heic": b"\0\0\0\x18ftypheic\0\0\0\0mif1heic",
        "avif": b"\0\0\0\x1cftypavif\0\0\0\0avifmif1miaf", "jpeg-2000": b"\0\0\0\x0cjP  \r\n\x87\n" + b"\0" * 20,
        "jpeg-xl": b"\xff\x0a" + b"\0" * 30, "psd": b"8BPS\0\x01" + b"\0" * 30}.items()),
    *(pytest.param(lambda fmt=fmt: encode(two_halves(), fmt), WRONG_TYPE, id=fmt.lower())
      for fmt in ("GIF", "BMP", "TIFF", "ICO", "TGA", "PPM", "PCX")),
]

NAMES = [
    pytest.param(lambda: encode(photo_like(), "PNG"), "photo.jpg", CLEANED, id="png-named-jpg"),
    pytest.param(jpeg, "photo.png", CLEANED, id="jpeg-named-png"),
    pytest.param(lambda: encode(photo_like(), "WEBP"), "photo.gif", CLEANED, id="webp-named-gif"),
    pytest.param(jpeg, "photo.php", CLEANED, id="jpeg-named-php"),
    pytest.param(jpeg, "../../../etc/cron.d/evil.jpg", CLEANED, id="jpeg-named-with-a-path"),
    pytest.param(lambda: HTML, "photo.jpg", WRONG_TYPE, id="html-named-jpg"),
    pytest.param(lambda: SVG, "photo.png", WRONG_TYPE, id="svg-named-png"),
    pytest.param(lambda: PHP, "photo.jpg.php", WRONG_TYPE, id="php-named-jpg-php"),
    pytest.param(lambda: b"MZ" + b"\0" * 62, "photo.jpg", WRONG_TYPE, id="exe-named-jpg"),
]

ANIMATIONS = [
    pytest.param(lambda: frames("GIF"), WRONG_TYPE, id="animated-gif"),
    pytest.param(lambda: frames("PNG"), ANIMATED, id="apng"),
    pytest.param(lambda: frames("WEBP"), ANIMATED, id="animated-webp"),
    pytest.param(lambda: frames("PNG", 1), CLEANED, id="apng-of-one-frame"),
    pytest.param(lambda: frames("MPO", 2), CLEANED, id="mpo-photo-and-preview"),
]

MODES = [
    pytest.param(lambda: encode(photo_like().convert("CMYK"), "JPEG"), CLEANED, id="jpeg-cmyk"),
    pytest.param(lambda: encode(photo_like().convert("CMYK"), "JPEG", progressive=True), CLEANED,
                 id="jpeg-cmyk-progressive"),
    pytest.param(lambda: encode(photo_like().convert("L"), "JPEG"), CLEANED, id="jpeg-grey"),
    *(pytest.param(lambda d=d, c=c: png(120, 90, d, c, before=chunk(b"PLTE", bytes(range(256)) * 3) if c == 3 else b""),
                   CLEANED, id=f"png-depth-{d}-colour-{c}")
      for d, c in ((16, 2), (16, 6), (16, 0), (16, 4), (1, 0), (2, 0), (4, 3), (8, 4))),
    pytest.param(lambda: encode(photo_like().convert("P"), "PNG", transparency=3), CLEANED, id="png-palette-tRNS"),
    pytest.param(lambda: encode(photo_like(), "PNG", transparency=(0, 0, 0)), CLEANED, id="png-rgb-tRNS"),
    pytest.param(lambda: encode(photo_like().convert("L"), "PNG", transparency=0), CLEANED, id="png-grey-tRNS"),
    pytest.param(lambda: encode(photo_like().convert("RGBA"), "WEBP", lossless=True), CLEANED, id="webp-rgba"),
    *(pytest.param(lambda d=d, c=c: PNG_SIGNATURE + ihdr(8, 8, d, c) + chunk(b"IEND", b""), DAMAGED,
                   id=f"png-impossible-depth-{d}-colour-{c}") for d, c in ((16, 3), (3, 0), (8, 5), (8, 1))),
    pytest.param(lambda: (lambda d: d[:40] + bytes([d[40] ^ 1]) + d[41:])(encode(photo_like(), "PNG")), DAMAGED,
                 id="png-bad-checksum"),
    pytest.param(lambda: png(8, 8, before=chunk(b"EVIL", b"evil-payload")), CLEANED, id="png-unknown-critical-chunk"),
    pytest.param(lambda: (lambda d: d.replace(b"\xff\xc0\x00\x11\x08", b"\xff\xc0\x00\x11\x0c", 1))(jpeg()), DAMAGED,
                 id="jpeg-12-bit"),
    pytest.param(lambda: jpeg().replace(b"\xff\xc0", b"\xff\xc3", 1), DAMAGED, id="jpeg-lossless"),
]

EXIF = [
    *(pytest.param(lambda v=v: with_app1(jpeg(), tiff([orientation(v)])), CLEANED, id=f"orientation-{v}")
      for v in (0, 9, 255, 65535)),
    pytest.param(lambda: with_app1(jpeg(), tiff([orientation(6, kind=4)])), CLEANED, id="orientation-as-a-long"),
    pytest.param(lambda: with_app1(jpeg(), tiff([(ExifTags.Base.Orientation, 2, 4, b"six\0")])), CLEANED,
                 id="orientation-as-text"),
    pytest.param(lambda: with_app1(jpeg(), tiff([orientation(6)], next_ifd=8)), CLEANED, id="directory-pointing-at-itself"),
    pytest.param(lambda: with_app1(jpeg(), tiff([orientation(6), (ExifTags.IFD.Exif, 4, 1, struct.pack(">I", 8))])),
                 CLEANED, id="exif-directory-pointing-at-the-first"),
    pytest.param(lambda: with_app1(jpeg(), tiff([orientation(6)], count=65535)), CLEANED, id="directory-claiming-65535-entries"),
    pytest.param(lambda: with_app1(jpeg(), tiff([orientation(6)] * 5000)), CLEANED, id="orientation-5000-times"),
    pytest.param(lambda: with_app1(jpeg(), tiff([(ExifTags.Base.Make, 2, 2**31, struct.pack(">I", 26))])), CLEANED,
                 id="value-claiming-2GB"),
    pytest.param(lambda: with_app1(jpeg(), b"MM\0*\xff\xff\xff\xff"), CLEANED, id="first-directory-out-of-the-file"),
    pytest.param(lambda: with_app1(jpeg(), b"II*\0\x08"), CLEANED, id="exif-cut-short"),
    pytest.param(lambda: with_app1(jpeg(), b"not a tiff at all"), CLEANED, id="exif-not-tiff"),
    pytest.param(lambda: encode(Image.new("L", (10_000, 1), 90), "PNG", exif=b"Exif\0\0" + tiff([orientation(6)])),
                 CLEANED, id="long-thin-turned-upright"),
]

PROFILES = [
    pytest.param(lambda: jpeg(icc_profile=b"evil-payload" * 350_000), CLEANED, id="jpeg-4MB-colour-profile"),
    pytest.param(lambda: jpeg(icc_profile=b"ICC_PROFILE not really"), CLEANED, id="jpeg-garbage-colour-profile"),
    pytest.param(lambda: encode(photo_like(), "PNG", icc_profile=b"evil-payload" * 100), CLEANED,
                 id="png-garbage-colour-profile"),
    pytest.param(lambda: png(8, 8, before=chunk(b"iCCP", b"p\0\0evil-payload")), CLEANED, id="png-colour-profile-not-zlib"),
    pytest.param(lambda: encode(photo_like(), "WEBP", icc_profile=b"evil-payload" * 1000), CLEANED,
                 id="webp-garbage-colour-profile"),
]


@pytest.mark.parametrize("make, expected", POLYGLOTS)
def test_polyglots(folder, make, expected):
    assert outcome(make(), "photo.jpg", folder) == expected


@pytest.mark.parametrize("make, expected", NOT_PHOTOS)
def test_files_that_are_not_photos(folder, make, expected):
    assert outcome(make(), "photo.jpg", folder) == expected


@pytest.mark.parametrize("make, filename, expected", NAMES)
def test_only_the_content_counts_never_the_name(folder, make, filename, expected):
    assert outcome(make(), filename, folder) == expected


@pytest.mark.parametrize("make, expected", ANIMATIONS)
def test_animations_are_refused_and_a_still_picture_is_not(folder, make, expected):
    assert outcome(make(), "photo.png", folder) == expected


@pytest.mark.parametrize("make, expected", MODES)
def test_colour_modes_and_impossible_ones(folder, make, expected):
    assert outcome(make(), "photo.png", folder) == expected


@pytest.mark.parametrize("make, expected", EXIF)
def test_exif_orientation_bombs(folder, make, expected):
    assert outcome(make(), "photo.jpg", folder) == expected


@pytest.mark.parametrize("make, expected", PROFILES)
def test_colour_profiles(folder, make, expected):
    assert outcome(make(), "photo.jpg", folder) == expected


@pytest.mark.parametrize("data, size", [
    (lambda: encode(two_halves(), "PNG", exif=b"Exif\0\0" + tiff([orientation(8)])), (200, 400)),
    (lambda: encode(two_halves(), "WEBP", exif=b"Exif\0\0" + tiff([orientation(6)])), (200, 400)),
    (lambda: encode(two_halves(), "JPEG", xmp=b'<x:xmpmeta><rdf:Description tiff:Orientation="6"/></x:xmpmeta>'),
     (200, 400)),
    (lambda: encode(Image.new("L", (10_000, 1), 90), "PNG", exif=b"Exif\0\0" + tiff([orientation(6)])), (1, 2400)),
], ids=["png-exif-8", "webp-exif-6", "jpeg-xmp-6", "long-thin-6"])
def test_an_orientation_from_any_metadata_is_applied_and_then_dropped(folder, data, size):
    stored = uploads.store_image(upload(data()))
    assert (stored.width, stored.height) == size


def test_the_suite_tries_many_bad_files():
    cases = POLYGLOTS + NOT_PHOTOS + NAMES + ANIMATIONS + MODES + EXIF + PROFILES
    assert len(cases) >= 100
