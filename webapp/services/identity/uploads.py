"""Photos people upload as evidence (残疾人证, ID card): checked, cleaned and stored privately.

decoding.py decides whether a file is a photo we take and turns it into a clean, upright RGB
picture without metadata; here it is stored as JPEG under a random name, with a small thumbnail
beside it. A refused upload leaves nothing on disk. Removing a photo never fails the request: a
file that cannot be removed is logged and left for `sweep` (`flask sweep-uploads`).

Settings (read with defaults, so they may be missing from config.py): UPLOAD_FOLDER
(instance/uploads), UPLOAD_MAX_BYTES (10 MB), UPLOAD_MAX_SIDE (2400), UPLOAD_THUMB_SIDE (320),
UPLOAD_JPEG_QUALITY (85), and the decoding limits in decoding.py.
"""
import io
import os
import re
import secrets
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from flask_babel import lazy_gettext as _l
from PIL import Image

from .decoding import MEGABYTE, UploadError, read_image, setting, shrink

MIME = "image/jpeg"

# secrets.token_urlsafe(24) gives 32 characters from this alphabet.
_TOKEN_BYTES = 24
_NAME = re.compile(r"[A-Za-z0-9_-]{32}(?:\.thumb)?\.jpg")
_THUMB_SUFFIX = ".thumb.jpg"
# What _write_all leaves behind if the process dies while writing.
_TEMP_PREFIX, _TEMP_SUFFIX = ".upload-", ".part"
_TEMP = re.compile(re.escape(_TEMP_PREFIX) + r"[A-Za-z0-9_]+" + re.escape(_TEMP_SUFFIX))


@dataclass(frozen=True)
class StoredImage:
    name: str  # file name in the upload folder: random, never the person's file name
    thumb_name: str
    mime: str
    width: int
    height: int
    size: int  # bytes of the stored file (not of the upload)


def _folder() -> Path:
    return Path(current_app.config.get("UPLOAD_FOLDER") or Path(current_app.instance_path) / "uploads")


def upload_folder() -> Path:
    """The private folder photos are kept in (outside static/), created 0700 if missing."""
    folder = _folder()
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


def _jpeg(img: Image.Image) -> bytes:
    out = io.BytesIO()
    img.save(out, "JPEG", quality=setting("UPLOAD_JPEG_QUALITY"), optimize=True, exif=b"")
    return out.getvalue()


def _write_all(folder: Path, files: dict[str, bytes]) -> None:
    """Write each file to a temporary name in `folder`, then move them all into place;
    on any failure remove whatever was written, so nothing is left behind."""
    temps: dict[str, str] = {}
    placed: list[Path] = []
    try:
        for name, content in files.items():
            handle, temp = tempfile.mkstemp(dir=folder, prefix=_TEMP_PREFIX, suffix=_TEMP_SUFFIX)
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
    """Remove a stored photo and its thumbnail (or just a thumbnail); quiet if already gone.
    Never raises: a file that cannot be removed now is logged and left for `sweep`."""
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        return
    names = [name]
    if not name.endswith(_THUMB_SUFFIX):
        names.append(name[: -len(".jpg")] + _THUMB_SUFFIX)
    folder = _folder()
    for each in names:
        _remove(folder / each)


def sweep(keep: set[str], min_age: float) -> int:
    """Remove the photos, thumbnails and half-written files in the folder whose names are not in
    `keep` and that were last written more than `min_age` seconds ago (so an upload still on its
    way to the database is left alone); return how many were removed. Other files are not ours."""
    folder = _folder()
    if not folder.is_dir():
        return 0
    written_before = time.time() - min_age
    removed = 0
    for path in folder.iterdir():
        if path.name in keep or not (_NAME.fullmatch(path.name) or _TEMP.fullmatch(path.name)):
            continue
        try:
            if path.stat().st_mtime > written_before:
                continue
        except FileNotFoundError:
            continue
        removed += _remove(path)
    return removed


def _remove(path: Path) -> bool:
    try:
        os.unlink(path)
    except FileNotFoundError:
        return False
    except OSError as error:
        current_app.logger.warning("upload: could not remove %s (%s); flask sweep-uploads will retry",
                                   path.name, error.strerror or error)
        return False
    return True
