"""Nothing missing from a file is filled in: header lies and files cut short are refused, whole
files of every kind pass, and the JPEG probe changes nothing a decoder reads."""
import io

import pytest
from PIL import Image

from tests.unit.images import (INCOMPLETE, chunk, encode, files_in, noise, photo_like, png, segment, upload,
                               with_size)
from webapp.services.identity import completeness, uploads
from webapp.services.identity.uploads import UploadError

pytestmark = pytest.mark.usefixtures("english")

EOI = b"\xff\xd9"
JPEG_KINDS = {
    "baseline": {}, "optimized": {"optimize": True}, "progressive": {"progressive": True},
    "4:4:4": {"subsampling": 0}, "restarts": {"restart_marker_blocks": 3},
    "progressive-restarts": {"progressive": True, "restart_marker_rows": 1},
}


def jpeg(kind: str, mode: str = "RGB") -> bytes:
    return encode(photo_like((320, 240)).convert(mode), "JPEG", **JPEG_KINDS[kind])


def refused(data: bytes) -> str:
    with pytest.raises(UploadError) as caught:
        uploads.store_image(upload(data))
    return str(caught.value.message)


def decoded(data: bytes, size=None) -> bytes:
    with Image.open(io.BytesIO(data)) as img:
        if size:
            img.draft(None, size)
        return img.tobytes()


@pytest.mark.parametrize("kind", JPEG_KINDS)
@pytest.mark.parametrize("lie", [{"height": 480}, {"height": 241}, {"height": 256}, {"width": 336}],
                         ids=["twice-as-tall", "one-row-more", "one-block-row-more", "wider"])
def test_a_jpeg_header_claiming_more_than_its_data_is_refused(folder, kind, lie):
    """libjpeg would fill the rest with flat grey and Pillow would not say so (the review's finding)."""
    data = with_size(jpeg(kind), **lie)
    with Image.open(io.BytesIO(data)) as img:  # Pillow loads it without a word ...
        img.load()
        if lie == {"height": 480}:  # ... and the half with no data is flat grey
            assert img.crop((0, 272, 320, 480)).getcolors() == [(320 * 208, (128, 128, 128))]
    assert refused(data) == INCOMPLETE
    assert files_in(folder) == []


@pytest.mark.parametrize("kind", JPEG_KINDS)
@pytest.mark.parametrize("keep", [0.1, 0.5, 0.9, -40, -4])
def test_a_jpeg_cut_short_and_closed_with_an_end_marker_is_refused(folder, kind, keep):
    data = jpeg(kind)
    cut = data[: int(len(data) * keep) if keep > 0 else len(data) + keep]
    assert refused(cut + EOI) == INCOMPLETE
    assert refused(cut) == INCOMPLETE
    assert files_in(folder) == []


def test_a_restart_interval_missing_in_the_middle_is_refused(folder):
    data = jpeg("restarts")
    first = data.index(b"\xff\xd1")
    second = data.index(b"\xff\xd2")
    assert refused(data[:first] + data[second:]) == INCOMPLETE  # restart markers out of order


@pytest.mark.parametrize("rows", [1, 100, 239])
def test_a_png_header_claiming_more_rows_than_its_data_is_refused(folder, rows):
    """zlib ends the data at a row's end, and Pillow would leave the rows it never got black."""
    data = png(320, 240, rows=rows)
    with Image.open(io.BytesIO(data)) as img:  # what used to be stored
        img.load()
        assert img.getpixel((0, 239)) == (0, 0, 0)
    assert refused(data) == INCOMPLETE
    assert files_in(folder) == []


@pytest.mark.parametrize("interlace", [False, True])
@pytest.mark.parametrize("keep", [0.3, 0.7, 0.99])
def test_a_png_cut_short_is_refused_with_or_without_its_end_chunk(folder, interlace, keep):
    data = encode(noise((200, 150)), "PNG", interlace=interlace)
    cut = data[: int(len(data) * keep)]
    assert refused(cut) == INCOMPLETE
    assert refused(cut + chunk(b"IEND", b"")) == INCOMPLETE


@pytest.mark.parametrize("options", [{"quality": 80}, {"lossless": True}], ids=["lossy", "lossless"])
@pytest.mark.parametrize("keep", [0.2, 0.6, 0.98])
def test_a_webp_cut_short_is_refused(folder, options, keep):
    data = encode(noise((200, 150)), "WEBP", **options)
    assert refused(data[: int(len(data) * keep)]) == INCOMPLETE


@pytest.mark.parametrize("kind", JPEG_KINDS)
@pytest.mark.parametrize("mode", ["RGB", "L", "CMYK"])
def test_whole_jpegs_decode_the_same_from_the_probe_at_every_reduction(kind, mode):
    data = jpeg(kind, mode)
    probe = completeness.jpeg_probe(data)
    assert probe.data != data and (probe.scans > 1) == ("progressive" in kind)
    for size in (None, (160, 120), (80, 60), (40, 30)):
        assert decoded(probe.data, size) == decoded(data, size)


def test_the_probe_ignores_what_follows_the_end_marker_and_skips_junk_between_segments():
    data = jpeg("baseline")
    assert completeness.jpeg_probe(data + b"PK\x03\x04 appended zip").data.endswith(b"PK\x03\x04 appended zip")
    junk = data[:2] + b"junk" + data[2:]
    assert completeness.jpeg_probe(junk).data is not None


def test_too_many_segments_or_scans_are_refused_before_pillow_parses_them():
    data = jpeg("baseline")
    with pytest.raises(ValueError):
        completeness.jpeg_probe(data[:2] + segment(0xFE, b"") * 1001 + data[2:])
    assert completeness.jpeg_probe(data[:2] + segment(0xFE, b"") * 900 + data[2:]).data is not None
    with pytest.raises(ValueError):
        completeness.check_png_chunks(png(10, 10, before=chunk(b"tEXt", b"k\0v") * 10_001))
    completeness.check_png_chunks(png(10, 10, before=chunk(b"tEXt", b"k\0v") * 9_000))


def test_png_raw_size_counts_every_pass_of_an_interlaced_picture():
    assert completeness.png_raw_size(10, 3, 8, 2, False) == 3 * 31
    # The seven Adam7 passes of 10 x 3 have (columns, rows) (2,1) (1,1) (2,0) (2,1) (5,1) (5,2) (10,1).
    assert completeness.png_raw_size(10, 3, 8, 2, True) == 7 + 4 + 0 + 7 + 16 + 2 * 16 + 31
    data = encode(noise((10, 3)), "PNG", interlace=True)
    assert completeness.png_whole(data) and not completeness.png_whole(data[:-30])
