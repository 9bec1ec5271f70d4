"""Where evidence photos are kept: a private folder, random names, and path_for and delete refusing other names."""
from pathlib import Path

import pytest

from tests.unit.images import encode, files_in, two_halves, upload
from webapp.services.identity import uploads

pytestmark = pytest.mark.usefixtures("english")


def test_the_folder_is_private_and_defaults_to_instance_uploads(app, tmp_path):
    app.config.pop("UPLOAD_FOLDER", None)
    app.instance_path = str(tmp_path / "instance")
    stored = uploads.store_image(upload(encode(two_halves(), "PNG"), "a.png"))
    folder = Path(app.instance_path) / "uploads"
    assert uploads.path_for(stored.name) == folder / stored.name
    assert folder.stat().st_mode & 0o777 == 0o700


def test_every_stored_photo_gets_its_own_random_name(folder):
    data = encode(two_halves(), "PNG")
    first, second = (uploads.store_image(upload(data, "same.png")) for _ in range(2))
    assert first.name != second.name and len(files_in(folder)) == 4


@pytest.mark.parametrize("name", [
    "../x", "a/b", "..", "", "photo.jpg", "x" * 32, "x" * 32 + ".png", "x" * 31 + ".jpg",
    "../" + "x" * 29 + ".jpg", "x" * 32 + ".jpg/..", "/etc/passwd", "x" * 32 + ".jpg\0", None,
])
def test_path_for_refuses_names_it_did_not_make(folder, name):
    with pytest.raises(FileNotFoundError):
        uploads.path_for(name)


def test_path_for_refuses_a_well_formed_name_with_no_file(folder):
    with pytest.raises(FileNotFoundError):
        uploads.path_for("A" * 32 + ".jpg")


def test_delete_removes_the_photo_and_its_thumbnail_quietly(folder):
    stored = uploads.store_image(upload(encode(two_halves(), "PNG"), "a.png"))
    kept = uploads.store_image(upload(encode(two_halves(), "PNG"), "b.png"))
    uploads.delete(stored.name)
    assert files_in(folder) == sorted([kept.name, kept.thumb_name])
    uploads.delete(stored.name)  # already gone: no error
    uploads.delete("../x")  # not ours: nothing happens
    for name in (stored.name, stored.thumb_name):
        with pytest.raises(FileNotFoundError):
            uploads.path_for(name)
    assert uploads.path_for(kept.name).exists()
