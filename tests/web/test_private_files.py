"""What the service keeps on disk is readable by its own user only: the database with its WAL and
shared-memory files, the SMS outbox, the instance keys and the evidence folder."""
import stat

import pytest

from webapp.services.common import sms


@pytest.fixture
def db_url(tmp_path):
    """A database file of its own, so its -wal and -shm files are this test's."""
    return f"sqlite:///{tmp_path / 'private.sqlite3'}"


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_database_and_its_wal_are_private(app, client, tmp_path):
    client.post("/auth/register", data={"phone": "13812345678"})  # a write, so the WAL exists
    for name in ("private.sqlite3", "private.sqlite3-wal", "private.sqlite3-shm"):
        assert (tmp_path / name).exists(), name
        assert _mode(tmp_path / name) == 0o600, name


def test_the_sms_outbox_is_private(tmp_path):
    outbox = tmp_path / "sms-outbox.log"
    sms.OutboxSender(str(outbox)).send("13812345678", "code 123456")
    assert _mode(outbox) == 0o600
