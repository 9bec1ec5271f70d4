"""Fixtures for the unit tests that ask for them (`pytestmark = pytest.mark.usefixtures("english")`)."""
import pytest


@pytest.fixture
def english(app):
    """Messages are read in English here; the catalogs are tested on their own."""
    with app.test_request_context("/?lang=en"):
        yield


@pytest.fixture
def folder(app, tmp_path):
    """The upload folder, empty and not yet made."""
    path = tmp_path / "uploads"
    app.config["UPLOAD_FOLDER"] = str(path)
    return path
