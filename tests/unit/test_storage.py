"""The storage behind evidence files: a private folder written whole or not at all, flat names only,
and STORAGE choosing another kind (an object store) without touching uploads.py."""
import io

import pytest

from tests.unit.images import encode, two_halves, upload
from webapp.services.identity import storage, uploads
from webapp.services.identity.storage import LocalFolderStorage

pytestmark = pytest.mark.usefixtures("english")


def test_a_folder_storage_saves_reads_and_deletes_private_files(tmp_path):
    store = LocalFolderStorage(tmp_path / "shared")
    store.save({"a.jpg": b"first", "a.thumb.jpg": b"small"})
    assert store.read("a.jpg") == b"first" and store.exists("a.thumb.jpg") and not store.exists("b.jpg")
    assert (tmp_path / "shared").stat().st_mode & 0o777 == 0o700
    assert {p.stat().st_mode & 0o777 for p in (tmp_path / "shared").iterdir()} == {0o600}
    assert store.delete("a.jpg") is True and store.delete("a.jpg") is False
    assert [entry.name for entry in store.entries()] == ["a.thumb.jpg"]


@pytest.mark.parametrize("name", ["../x", "a/b", "..", ".", "", ".hidden", "a..b", "/etc/passwd", "a\0b",
                                  "x" * 201, None])
def test_a_folder_storage_refuses_names_that_are_not_flat(tmp_path, name):
    store = LocalFolderStorage(tmp_path / "shared" / "inner")
    (tmp_path / "shared" / "x").parent.mkdir()
    (tmp_path / "shared" / "x").write_bytes(b"outside")
    with pytest.raises(FileNotFoundError):
        store.save({name: b"data"})
    with pytest.raises(FileNotFoundError):
        store.read(name)
    assert store.exists(name) is False and store.delete(name) is False
    assert (tmp_path / "shared" / "x").read_bytes() == b"outside"


def test_a_failed_save_stores_none_of_its_files(tmp_path, monkeypatch):
    store, real_replace = LocalFolderStorage(tmp_path), storage.os.replace

    def second_fails(source, target):
        if str(target).endswith("b.jpg"):
            raise OSError("disk full")
        real_replace(source, target)

    monkeypatch.setattr(storage.os, "replace", second_fails)
    with pytest.raises(OSError):
        store.save({"a.jpg": b"one", "b.jpg": b"two"})
    assert list(tmp_path.iterdir()) == []


class MemoryStorage:
    """What an object store plugged in through STORAGE looks like to the app."""
    files: dict[str, bytes] = {}

    def save(self, files):
        self.files.update(files)

    def open(self, name):
        if name not in self.files:
            raise FileNotFoundError(name)
        return io.BytesIO(self.files[name])

    def read(self, name):
        return self.open(name).read()

    def exists(self, name):
        return name in self.files

    def delete(self, name):
        return self.files.pop(name, None) is not None

    def entries(self):
        return iter(())


def memory_storage(app):
    return MemoryStorage()


def test_storage_names_another_kind_and_uploads_use_it(app, folder):
    app.config["STORAGE"] = "tests.unit.test_storage:memory_storage"
    stored = uploads.store_image(upload(encode(two_halves(), "PNG"), "a.png"))
    assert set(MemoryStorage.files) == {stored.name, stored.thumb_name} and not folder.exists()
    assert uploads.read(stored.name) == MemoryStorage.files[stored.name]
    uploads.delete(stored.name)
    assert MemoryStorage.files == {}


def test_an_unknown_storage_is_refused(app):
    app.config["STORAGE"] = "s3"
    with pytest.raises(RuntimeError, match="STORAGE"):
        storage.storage()
