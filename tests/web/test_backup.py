"""`flask backup` and `flask restore`: SQLite through the online backup API, every table's rows back
as they were; a restore refuses a file it cannot verify as this app's database, or without --yes."""
import sqlite3
import stat

import pytest
from sqlalchemy import delete, func, select, update

from tests import factories
from webapp import backup, demo
from webapp.extensions import db
from webapp.models import Application, ApplicationEvent, Notice, User


@pytest.fixture
def db_url(tmp_path):
    """A database file of this test's own: restore replaces everything in it."""
    return f"sqlite:///{tmp_path / 'live.sqlite3'}"


@pytest.fixture
def live(app, tmp_path):
    app.instance_path = str(tmp_path / "instance")
    return tmp_path / "live.sqlite3"


@pytest.fixture
def flask_cli(app):
    runner = app.test_cli_runner()

    def invoke(*args):
        db.session.remove()  # the command runs as another process would: no transaction of ours open
        return runner.invoke(args=list(args))

    return invoke


def _filled():
    """The demo data and more: applicants, items of every kind, applications in several states."""
    demo.load()
    caseworker = factories.make_user("caseworker", phone="13711110001", district="chengqu")
    items = [factories.opportunity(kind) for kind in ("course", "stall", "post")]
    for n, item in enumerate(items * 2):
        person = factories.applicant()
        if n % 2:
            factories.approved(person, item, caseworker)
        else:
            factories.submitted(person, item)


def _rows(path) -> dict:
    """Every table's rows, read with sqlite3 straight from the file."""
    connection = sqlite3.connect(path)
    try:
        tables = [name for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        return {name: sorted(connection.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr) for name in tables}
    finally:
        connection.close()


def _change_everything():
    db.session.execute(delete(Notice))
    db.session.execute(update(User).values(name="改过的名字"))
    db.session.execute(delete(ApplicationEvent).where(ApplicationEvent.id > 3))
    db.session.commit()
    factories.applicant(name="新来的人")


def test_backup_then_restore_brings_every_row_of_every_table_back(live, tmp_path, flask_cli):
    _filled()
    before = _rows(live)
    assert {"users", "applications", "application_events", "notices", "audit_events", "alembic_version"} <= set(before)
    assert all(before[name] for name in ("users", "applications", "application_events", "notices", "profiles"))

    target = tmp_path / "kept" / "before-change.sqlite3"
    result = flask_cli("backup", str(target))
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert _rows(target) == before

    _change_everything()
    assert _rows(live) != before
    result = flask_cli("restore", str(target), "--yes")
    assert result.exit_code == 0, result.output
    assert _rows(live) == before
    # The running app sees the restored rows at its next query.
    assert db.session.scalar(select(func.count()).select_from(Notice)) == len(before["notices"])
    assert "改过的名字" not in db.session.scalars(select(User.name)).all()
    assert db.session.get(Application, before["applications"][0][0]) is not None


def test_restore_keeps_what_the_database_held_before(live, flask_cli):
    _filled()
    first = flask_cli("backup")
    assert first.exit_code == 0, first.output
    _change_everything()
    changed = _rows(live)
    [first_backup] = (live.parent / "instance" / "backups").iterdir()
    result = flask_cli("restore", str(first_backup), "--yes")
    assert result.exit_code == 0, result.output
    [copy] = set((live.parent / "instance" / "backups").iterdir()) - {first_backup}
    assert _rows(copy) == changed and str(copy) in result.output


def test_the_default_backup_is_a_timestamped_file_in_instance_backups_for_its_owner_only(live, flask_cli):
    factories.applicant()
    result = flask_cli("backup")
    assert result.exit_code == 0, result.output
    [written] = (live.parent / "instance" / "backups").iterdir()
    assert written.name.startswith("yangquan-20") and written.suffix == ".sqlite3"
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    assert not written.with_name(written.name + "-wal").exists()  # one self-contained file
    assert _rows(written) == _rows(live)
    assert flask_cli("backup", str(written)).exit_code != 0  # never overwrites a backup


def _not_a_database(path):
    path.write_text("name,phone\n张明,13800000001\n")


def _sqlite_of_another_app(path):
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)")
    connection.commit()
    connection.close()


def _unknown_revision(path):
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
    connection.execute("INSERT INTO alembic_version VALUES ('0123456789ab')")
    connection.commit()
    connection.close()


@pytest.mark.parametrize("make, says", [
    (_not_a_database, "is not a SQLite database"),
    (_sqlite_of_another_app, "not one of this app"),
    (_unknown_revision, "does not know"),
    (None, "There is no file"),
])
def test_restore_refuses_a_file_it_cannot_verify(live, tmp_path, flask_cli, make, says):
    factories.applicant()
    before = _rows(live)
    source = tmp_path / "suspect.sqlite3"
    if make:
        make(source)
    result = flask_cli("restore", str(source), "--yes")
    assert result.exit_code != 0 and says in result.output
    assert _rows(live) == before
    assert not (live.parent / "instance" / "backups").exists()


def test_restore_asks_for_yes_and_changes_nothing_without_it(live, tmp_path, flask_cli):
    factories.applicant()
    assert flask_cli("backup", str(tmp_path / "b.sqlite3")).exit_code == 0
    factories.applicant(name="新来的人")
    before = _rows(live)
    result = flask_cli("restore", str(tmp_path / "b.sqlite3"))
    assert result.exit_code != 0 and "--yes" in result.output
    assert _rows(live) == before


def test_postgresql_is_pointed_at_pg_dump_and_pg_restore():
    from webapp import create_app
    from webapp.config import TestConfig

    app = create_app(TestConfig, {"SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://yq:s3cret@db.example/yangquan"})
    for args in (["backup"], ["restore", "some.dump", "--yes"]):
        result = app.test_cli_runner().invoke(args=args)
        assert result.exit_code == 1
        assert "pg_dump --format=custom" in result.output and "pg_restore" in result.output
        assert "postgresql://yq:***@db.example/yangquan" in result.output and "s3cret" not in result.output
    assert backup.sqlite_file("postgresql+psycopg://db.example/yangquan") is None
