"""Web tests run on SQLite and again on PostgreSQL when it answers on 127.0.0.1:5432."""
import pytest

from tests.conftest import POSTGRES_URL, postgres_reachable


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path_factory):
    if request.param == "postgresql":
        if not postgres_reachable():
            pytest.skip("PostgreSQL is not answering on 127.0.0.1:5432 (database test, user postgres); "
                        "these cases run in CI, where it is")
        return POSTGRES_URL
    return f"sqlite:///{tmp_path_factory.getbasetemp() / 'suite.sqlite3'}"
