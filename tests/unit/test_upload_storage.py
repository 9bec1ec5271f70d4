"""Where evidence photos are kept: a private folder, random names, open_stored and delete refusing other names,
delete never failing, and the sweep for files no photo refers to."""
import os
from pathlib import Path

import pytest

from tests.unit.images import encode, files_in, two_halves, upload
from webapp.services.identity import storage, uploads

pytestmark = pytest.mark.usefixtures("english")


def test_the_folder_is_private_and_defaults_to_instance_uploads(app, tmp_path):
    app.config.pop("UPLOAD_FOLDER", None)
    app.instance_path = str(tmp_path / "instance")
    stored = uploads.store_image(upload(encode(two_halves(), "PNG"), "a.png"))
    folder = Path(app.instance_path) / "uploads"
    assert uploads.read(stored.name) == (folder / stored.name).read_bytes()
    assert folder.stat().st_mode & 0o777 == 0o700
    assert {path.stat().st_mode & 0o777 for path in folder.iterdir()} == {0o600}


def test_every_stored_photo_gets_its_own_random_name(folder):
    data = encode(two_halves(), "PNG")
    first, second = (uploads.store_image(upload(data, "same.png")) for _ in range(2))
    assert first.name != second.name and len(files_in(folder)) == 4


@pytest.mark.parametrize("name", [
    "../x", "a/b", "..", "", "photo.jpg", "x" * 32, "x" * 32 + ".png", "x" * 31 + ".jpg",
    "../" + "x" * 29 + ".jpg", "x" * 32 + ".jpg/..", "/etc/passwd", "x" * 32 + ".jpg\0", None,
])
def test_open_stored_refuses_names_it_did_not_make(folder, name):
    folder.mkdir()
    (folder / "photo.jpg").write_bytes(b"not made by uploads")
    with pytest.raises(FileNotFoundError):
        uploads.open_stored(name)


def test_open_stored_refuses_a_well_formed_name_with_no_file(folder):
    with pytest.raises(FileNotFoundError):
        uploads.open_stored("A" * 32 + ".jpg")


def test_delete_removes_the_photo_and_its_thumbnail_quietly(folder):
    stored = uploads.store_image(upload(encode(two_halves(), "PNG"), "a.png"))
    kept = uploads.store_image(upload(encode(two_halves(), "PNG"), "b.png"))
    uploads.delete(stored.name)
    assert files_in(folder) == sorted([kept.name, kept.thumb_name])
    uploads.delete(stored.name)  # already gone: no error
    uploads.delete("../x")  # not ours: nothing happens
    for name in (stored.name, stored.thumb_name):
        with pytest.raises(FileNotFoundError):
            uploads.open_stored(name)
    assert uploads.read(kept.name) == (folder / kept.name).read_bytes()


def _age(folder: Path, seconds: float) -> None:
    """Make every file in the folder look written `seconds` ago."""
    for path in folder.iterdir():
        stat = path.stat()
        os.utime(path, (stat.st_atime - seconds, stat.st_mtime - seconds))


@pytest.fixture
def unremovable(monkeypatch, folder):
    """os.unlink fails in the upload folder as it does when the folder cannot be written."""
    real_unlink = os.unlink

    def unlink(path, *args, **kwargs):
        if Path(path).parent == folder:
            raise PermissionError(13, "Permission denied", str(path))
        return real_unlink(path, *args, **kwargs)

    monkeypatch.setattr(storage.os, "unlink", unlink)
    return lambda: monkeypatch.setattr(storage.os, "unlink", real_unlink)


def test_delete_never_raises_when_a_file_cannot_be_removed_and_says_so_in_the_log(folder, unremovable, caplog):
    stored = uploads.store_image(upload(encode(two_halves(), "PNG"), "a.png"))
    uploads.delete(stored.name)
    assert files_in(folder) == sorted([stored.name, stored.thumb_name])
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert len(warnings) == 2 and all("sweep-uploads" in w and "Permission denied" in w for w in warnings)


def test_sweep_removes_old_files_not_kept_and_leaves_young_and_foreign_ones(folder):
    kept = uploads.store_image(upload(encode(two_halves(), "PNG"), "a.png"))
    orphan = uploads.store_image(upload(encode(two_halves(), "PNG"), "b.png"))
    (folder / ".upload-abc123_x.part").write_bytes(b"half written")
    (folder / "notes.txt").write_text("not ours")
    _age(folder, 3600)
    young = uploads.store_image(upload(encode(two_halves(), "PNG"), "c.png"))  # still on its way to the database
    assert uploads.sweep({kept.name, kept.thumb_name}, min_age=600) == 3
    assert files_in(folder) == sorted([kept.name, kept.thumb_name, young.name, young.thumb_name, "notes.txt"])
    assert orphan.name not in files_in(folder)
    assert uploads.sweep(set(), min_age=600) == 2  # now nothing is kept: the old ones go, the young stay


def test_sweep_counts_only_what_it_removed(folder, unremovable):
    uploads.store_image(upload(encode(two_halves(), "PNG"), "a.png"))
    _age(folder, 3600)
    assert uploads.sweep(set(), min_age=600) == 0
    unremovable()
    assert uploads.sweep(set(), min_age=600) == 2 and files_in(folder) == []


def test_sweep_of_a_folder_not_made_yet_removes_nothing(folder):
    assert uploads.sweep(set(), min_age=0) == 0 and not folder.exists()
