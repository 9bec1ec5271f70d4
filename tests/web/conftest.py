"""Web tests run on SQLite and again on PostgreSQL when it answers on 127.0.0.1:5432."""
import pytest

from tests.conftest import POSTGRES_URL, require_service


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path_factory):
    if request.param == "postgresql":
        require_service(5432, "PostgreSQL (database test, user postgres)")
        return POSTGRES_URL
    return f"sqlite:///{tmp_path_factory.getbasetemp() / 'suite.sqlite3'}"


@pytest.fixture
def client(app):
    """A browser that prefers English, so assertions read as the msgids do.

    Chinese, the default, is covered by tests that ask for it (test_preferences, test_catalogs).
    """
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client
