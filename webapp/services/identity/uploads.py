"""Photos people upload as evidence (残疾人证, ID card): checked, cleaned and stored privately.

decoding.py decides whether a file is a photo we take and turns it into a clean, upright RGB
picture without metadata; here it is stored as JPEG under a random name, with a small thumbnail
beside it, through the configured storage (storage.py: a private folder, shared by the app servers
when it is a shared volume). A refused upload leaves nothing stored. Removing a photo never fails
the request: a file that cannot be removed is logged and left for `sweep` (`flask sweep-uploads`).

Settings (read with defaults, so they may be missing from config.py): STORAGE and UPLOAD_FOLDER
(instance/uploads), UPLOAD_MAX_BYTES (10 MB), UPLOAD_MAX_SIDE (2400), UPLOAD_THUMB_SIDE (320),
UPLOAD_JPEG_QUALITY (85), and the decoding limits in decoding.py.
"""
import io
import re
import secrets
import time
from dataclasses import dataclass
from typing import BinaryIO

from flask import current_app
from flask_babel import lazy_gettext as _l
from PIL import Image

from .decoding import MEGABYTE, UploadError, read_image, setting, shrink
from .storage import storage

MIME = "image/jpeg"

# secrets.token_urlsafe(24) gives 32 characters from this alphabet.
_TOKEN_BYTES = 24
_NAME = re.compile(r"[A-Za-z0-9_-]{32}(?:\.thumb)?\.jpg")
_THUMB_SUFFIX = ".thumb.jpg"


@dataclass(frozen=True)
class StoredImage:
    name: str  # name in the storage: random, never the person's file name
    thumb_name: str
    mime: str
    width: int
    height: int
    size: int  # bytes of the stored file (not of the upload)


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


def _jpeg(img: Image.Image) -> bytes:
    out = io.BytesIO()
    img.save(out, "JPEG", quality=setting("UPLOAD_JPEG_QUALITY"), optimize=True, exif=b"")
    return out.getvalue()


def store_image(upload, field: str = "photo") -> StoredImage:
    """Check the uploaded photo (a werkzeug FileStorage), clean it and store it.

    Raises UploadError with a message for the person and `field` for the form.
    """
    if upload is None or not upload.filename:
        raise UploadError(_l("Choose a photo to upload."), field)
    limit = setting("UPLOAD_MAX_BYTES")
    data = _read_at_most(upload, limit + 1)
    if not data:
        raise UploadError(_l("The file you chose is empty. Choose another photo."), field)
    if len(data) > limit:
        raise UploadError(
            _l("The photo must be smaller than %(size)s MB.", size=_megabytes(limit)), field
        )

    photo = read_image(data, field)  # upright, clean and already at most UPLOAD_MAX_SIDE
    thumb = shrink(photo, setting("UPLOAD_THUMB_SIDE"))
    photo_bytes, thumb_bytes = _jpeg(photo), _jpeg(thumb)

    token = secrets.token_urlsafe(_TOKEN_BYTES)
    name, thumb_name = token + ".jpg", token + _THUMB_SUFFIX
    storage().save({thumb_name: thumb_bytes, name: photo_bytes})  # both or neither
    return StoredImage(name=name, thumb_name=thumb_name, mime=MIME,
                       width=photo.width, height=photo.height, size=len(photo_bytes))


def _ours(name) -> bool:
    return isinstance(name, str) and _NAME.fullmatch(name) is not None


def open_stored(name: str) -> BinaryIO:
    """A stored photo or thumbnail, open for reading; FileNotFoundError for any name that is not
    one this module generated (slashes, "..", anything else) or whose file is gone."""
    if not _ours(name):
        raise FileNotFoundError(f"not a stored upload: {name!r}")
    return storage().open(name)


def read(name: str) -> bytes:
    """The bytes of a stored photo or thumbnail (FileNotFoundError as open_stored)."""
    with open_stored(name) as stored:
        return stored.read()


def delete(name: str) -> None:
    """Remove a stored photo and its thumbnail (or just a thumbnail); quiet if already gone.
    Never raises: a file that cannot be removed now is logged and left for `sweep`."""
    if not _ours(name):
        return
    names = [name]
    if not name.endswith(_THUMB_SUFFIX):
        names.append(name[: -len(".jpg")] + _THUMB_SUFFIX)
    store = storage()
    for each in names:
        _remove(store, each)


def sweep(keep: set[str], min_age: float) -> int:
    """Remove the photos, thumbnails and half-written files stored whose names are not in `keep`
    and that were last written more than `min_age` seconds ago (so an upload still on its way to
    the database is left alone); return how many were removed. Other files are not ours."""
    store = storage()
    written_before = time.time() - min_age
    removed = 0
    for entry in store.entries():
        if entry.name in keep or not (entry.partial or _ours(entry.name)) or entry.modified > written_before:
            continue
        removed += _remove(store, entry.name)
    return removed


def _remove(store, name: str) -> bool:
    try:
        return store.delete(name)
    except OSError as error:
        current_app.logger.warning("upload: could not remove %s (%s); flask sweep-uploads will retry",
                                   name, error.strerror or error)
        return False
