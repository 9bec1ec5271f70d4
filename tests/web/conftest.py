"""Web tests run on SQLite and again on PostgreSQL when it answers on 127.0.0.1:5432."""
import pytest

from tests.conftest import POSTGRES_URL, make_user, require_service


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


@pytest.fixture
def worker(app):
    """The 城区 caseworker (李芳), whom the casework tests sign in as."""
    return make_user("caseworker", phone="13711110001", name="李芳", district="chengqu")


@pytest.fixture
def admin(app):
    """The 市残联 administrator who publishes the items of the finding tests (tests/web/finding_helpers.item)."""
    return make_user("admin", phone="13900009999", name="市残联")
