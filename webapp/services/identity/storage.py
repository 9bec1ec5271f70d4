"""Where evidence files live: one small interface, so the app servers of a deployment can share them.

uploads.py decides what is stored and under which name; a storage only keeps bytes under flat names.
STORAGE picks the kind: "folder" (the default) is LocalFolderStorage on UPLOAD_FOLDER, a local disk
or a volume every app server mounts (NFS and the like); "package.module:factory" names any other
(an object store, say), a callable taking the app and returning something with these methods:

    save(files)      every name -> bytes of the dict stored, or none of them
    open(name)       a binary file to read; FileNotFoundError when there is no such file
    read(name)       its bytes
    exists(name)     whether it is there
    delete(name)     True if removed, False if already gone; OSError when it cannot be removed now
    entries()        what is stored (and left half-written), with when it was last written

Names are flat: letters, digits, "_", "-" and inner dots; no slashes, no "..", no leading dot.
"""
import importlib
import os
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol

from flask import current_app

_NAME = re.compile(r"[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*")
_MAX_NAME = 200
# What save leaves behind if the process dies while writing.
_TEMP_PREFIX, _TEMP_SUFFIX = ".upload-", ".part"
_TEMP = re.compile(re.escape(_TEMP_PREFIX) + r"[A-Za-z0-9_]+" + re.escape(_TEMP_SUFFIX))


@dataclass(frozen=True)
class Entry:
    name: str
    modified: float  # seconds since the epoch
    partial: bool = False  # a write that never finished: no one refers to it


class Storage(Protocol):
    def save(self, files: dict[str, bytes]) -> None: ...
    def open(self, name: str) -> BinaryIO: ...
    def read(self, name: str) -> bytes: ...
    def exists(self, name: str) -> bool: ...
    def delete(self, name: str) -> bool: ...
    def entries(self) -> Iterator[Entry]: ...


def valid_name(name) -> bool:
    return isinstance(name, str) and len(name) <= _MAX_NAME and _NAME.fullmatch(name) is not None


def _checked(name) -> str:
    if not valid_name(name):
        raise FileNotFoundError(f"not a stored file name: {name!r}")
    return name


class LocalFolderStorage:
    """Files in one folder, private to the service's user (folder 0700, files 0600).

    A file appears whole or not at all: it is written to a temporary name in the same folder,
    flushed to disk and renamed into place, which is atomic on a local disk and on NFS alike, so
    another server never reads half a photo."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)

    def _path(self, name: str) -> Path:
        return self.folder / _checked(name)

    def save(self, files: dict[str, bytes]) -> None:
        for name in files:
            _checked(name)
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        temps: dict[str, str] = {}
        placed: list[Path] = []
        try:
            for name, content in files.items():
                handle, temp = tempfile.mkstemp(dir=self.folder, prefix=_TEMP_PREFIX, suffix=_TEMP_SUFFIX)
                temps[name] = temp
                with os.fdopen(handle, "wb") as out:  # mkstemp makes it 0600
                    out.write(content)
                    out.flush()
                    os.fsync(out.fileno())
            for name, temp in temps.items():
                os.replace(temp, self.folder / name)
                placed.append(self.folder / name)
            _sync_folder(self.folder)
        except BaseException:
            for path in [*temps.values(), *placed]:
                try:
                    os.unlink(path)
                except FileNotFoundError:
                    pass
            raise

    def open(self, name: str) -> BinaryIO:
        path = self._path(name)
        if not path.is_file():
            raise FileNotFoundError(f"not stored: {name!r}")
        return path.open("rb")

    def read(self, name: str) -> bytes:
        with self.open(name) as stored:
            return stored.read()

    def exists(self, name: str) -> bool:
        return valid_name(name) and (self.folder / name).is_file()

    def delete(self, name: str) -> bool:
        if not (valid_name(name) or _TEMP.fullmatch(str(name))):
            return False
        try:
            os.unlink(self.folder / name)
        except FileNotFoundError:
            return False
        return True

    def entries(self) -> Iterator[Entry]:
        if not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            partial = _TEMP.fullmatch(path.name) is not None
            if not (partial or valid_name(path.name)):
                continue
            try:
                modified = path.stat().st_mtime
            except FileNotFoundError:
                continue
            yield Entry(path.name, modified, partial)


def _sync_folder(folder: Path) -> None:
    """Make the renames themselves survive a power cut (where the file system allows it)."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def _folder(app) -> LocalFolderStorage:
    return LocalFolderStorage(app.config.get("UPLOAD_FOLDER") or Path(app.instance_path) / "uploads")


_KINDS = {"folder": _folder}


def storage() -> Storage:
    """The storage this app is configured with (STORAGE), read from the settings each time so
    a changed UPLOAD_FOLDER takes effect; a factory that is costly to call should keep its own."""
    kind = current_app.config.get("STORAGE") or "folder"
    if kind in _KINDS:
        return _KINDS[kind](current_app)
    module, _, factory = kind.partition(":")
    if not factory:
        raise RuntimeError(f"STORAGE must be one of {sorted(_KINDS)} or 'package.module:factory', not {kind!r}")
    return getattr(importlib.import_module(module), factory)(current_app)
