"""Is the whole picture in the file? Decoders fill in what is missing rather than fail.

libjpeg, when a scan's data ends early (a file cut short and closed with an end marker, or a header
claiming more rows than the data holds), warns, fills the rest with zeros (flat grey) and carries
on, and Pillow hides the warning. zlib may end a PNG's data at the end of a row before the last
row, and Pillow leaves the rows it never got black. Neither shows in the decoded picture, so:

- JPEG: `jpeg_probe` makes a copy of the file with filler bytes wherever a scan's data ends. A
  decoder that finds all it needs in the file never uses them, so the copy decodes to exactly the
  same picture; one that runs out reads the filler instead of zeros, and the pictures differ.
- PNG: `png_whole` inflates the image data (in steps, keeping none of it) and checks it holds
  every row the header promises.
- WebP: libwebp refuses missing data itself; `webp_whole` checks the file is as long as it says.

They also refuse (ValueError) more JPEG segments or PNG chunks than a photo has, which would take
Pillow seconds to parse. These read only the bytes; the caller decides what to tell the person.
"""
import re
import struct
import typing
import zlib

# Varied bits, starting with a 1 (the decoder's own fill is 0s), and no 0xFF (which starts a marker).
_FILLER = bytes([0xA5, 0x5A, 0x3C, 0xC3]) * 4
_STANDALONE = {0x01, *range(0xD0, 0xD9)}  # TEM, RST0-7, SOI: markers without a length
_EOI, _SOS, _DRI = 0xD9, 0xDA, 0xDD
# In a scan's data, 0xFF 0x00 is a data byte; 0xFF (and fill 0xFFs) then D0-D7 a restart marker;
# any other marker ends the scan.
_SCAN_END = re.compile(rb"\xff+[^\x00\xd0-\xd7\xff]")
_RESTART = re.compile(rb"\xff+([\xd0-\xd7])")
_BEFORE_RESTART = _FILLER + b"\xff" + rb"\1"  # a re.sub template: filler, then the marker found
# Far more than any camera or editor writes (a few dozen segments, about ten scans); beyond
# these, Pillow's parsing alone would take seconds.
MAX_SEGMENTS, MAX_SCANS = 1000, 100


class JpegProbe(typing.NamedTuple):
    data: bytes | None  # the copy to decode, or None when the file ends inside the picture
    scans: int


def jpeg_probe(data: bytes) -> JpegProbe:
    """A copy of the JPEG with filler before each marker that ends a scan's data (or a restart
    interval of it), and, in a scan with restart intervals, after its last one a further restart
    marker and filler, so that intervals missing at the end are decoded from filler too.

    The copy is None when the file ends inside or after a scan without its end marker (cut
    short), or a scan's restart markers are out of order (an interval is missing). Like libjpeg,
    bytes between segments are skipped. ValueError for more segments or scans than a photo has.
    """
    parts, copied, pos, end = [], 0, 2, len(data)
    interval = segments = scans = 0
    while pos < end - 1:
        if data[pos] != 0xFF:
            pos = data.find(b"\xff", pos)
            if pos < 0:
                break
            continue
        code = data[pos + 1]
        if code == 0xFF:  # fill byte before a marker
            pos += 1
            continue
        if code == _EOI:
            return JpegProbe(b"".join([*parts, data[copied:]]), scans)
        segments += 1
        if segments > MAX_SEGMENTS or scans > MAX_SCANS:
            raise ValueError("more JPEG segments or scans than a photo has")
        if code in _STANDALONE:
            pos += 2
            continue
        if pos + 4 > end:
            break
        (length,) = struct.unpack(">H", data[pos + 2:pos + 4])
        if code == _DRI and length == 4 and pos + 6 <= end:
            (interval,) = struct.unpack(">H", data[pos + 4:pos + 6])
        pos += 2 + length
        if code == _SOS:
            scans += 1
            scan = _padded_scan(data, pos, interval > 0)
            if scan is None:
                return JpegProbe(None, scans)
            padded, scan_end = scan
            parts += [data[copied:pos], padded]
            copied = pos = scan_end
    return JpegProbe(None if scans else data, scans)  # no end marker: cut short (or no picture)


def _padded_scan(data: bytes, start: int, restarts: bool) -> tuple[bytes, int] | None:
    """The scan's entropy-coded data from `start`, with filler added, and where the marker after
    it begins; None if the file ends first or a restart marker is out of order."""
    marker = _SCAN_END.search(data, start)
    if marker is None:
        return None
    scan = data[start:marker.start()]
    seen = 0
    for seen, restart in enumerate(_RESTART.finditer(scan), 1):
        if restart[1][0] - 0xD0 != (seen - 1) % 8:
            return None
    padded = _RESTART.sub(_BEFORE_RESTART, scan) if seen else scan
    closing = _FILLER + (bytes([0xFF, 0xD0 + seen % 8]) + _FILLER if restarts else b"")
    return padded + closing, marker.start()


# PNG colour types -> channels, and the seven passes of Adam7 interlacing (x, y, step x, step y).
_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
_ADAM7 = ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2))
_STEP = 1024 * 1024
# Encoders split the image data into chunks of 8 KB or more, some into one chunk a row.
MAX_CHUNKS = 10_000


def png_raw_size(width: int, height: int, depth: int, colour: int, interlaced: bool) -> int:
    """Bytes the image data inflates to: each row one filter byte and its packed pixels."""
    bits = depth * _CHANNELS[colour]

    def rows(columns: int, count: int) -> int:
        return count * (1 + (columns * bits + 7) // 8) if columns > 0 and count > 0 else 0

    if not interlaced:
        return rows(width, height)
    return sum(rows(-(-(width - x) // dx), -(-(height - y) // dy)) for x, y, dx, dy in _ADAM7)


def check_png_chunks(data: bytes) -> None:
    """ValueError if the PNG has more chunks than any photo (Pillow reads each one in Python)."""
    pos = 8
    for _ in range(MAX_CHUNKS):
        if pos + 8 > len(data) or data[pos + 4:pos + 8] == b"IEND":
            return
        pos += 12 + int.from_bytes(data[pos:pos + 4], "big")
    if pos + 8 <= len(data):
        raise ValueError("more PNG chunks than a photo has")


def png_whole(data: bytes) -> bool:
    """Whether the PNG's image data (its IDAT chunks) holds every row its header promises.
    zlib.error for data that is not a zlib stream."""
    if len(data) < 33 or data[12:16] != b"IHDR":
        return False
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", data[16:29])
    if colour not in _CHANNELS:
        return False
    wanted = png_raw_size(width, height, depth, colour, interlace == 1)
    view, inflater, got, pos = memoryview(data), zlib.decompressobj(), 0, 8
    while pos + 8 <= len(data) and got < wanted and not inflater.eof:
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if kind == b"IEND":
            break
        if kind == b"IDAT":
            body = view[pos + 8:pos + 8 + length]
            while body and got < wanted and not inflater.eof:
                got += len(inflater.decompress(body, _STEP))
                body = inflater.unconsumed_tail
        pos += 12 + length
    return got >= wanted


def webp_whole(data: bytes) -> bool:
    """Whether the WebP file is as long as its RIFF header says."""
    return len(data) >= 12 and len(data) >= 8 + int.from_bytes(data[4:8], "little")
