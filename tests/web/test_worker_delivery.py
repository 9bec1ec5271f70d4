"""A real Celery worker (`celery -A webapp.worker worker`, solo pool, Redis database 13) against the
database this test writes (a SQLite file, or PostgreSQL): a committed notice's text message is sent
by the worker, one in a rolled-back decision never is, and one the gateway refuses is tried again
with back-off and then sent, once.

The worker's gateway is tests.gateways.FlakyGateway (SMS_SENDER), which writes what it sends to
SMS_OUTBOX as the development outbox does, and what it refused next to it.
"""
import contextlib
import os
import secrets
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from tests import factories
from tests.conftest import require_service
from webapp.config import TestConfig
from webapp.extensions import db
from webapp.models import Delivery, Profile
from webapp.services.applications import machine
from webapp.services.casework import decisions
from webapp.services.common.dates import today

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
BROKER = "redis://127.0.0.1:6379/13"
WAIT = 60  # seconds before giving up on the worker (not a measurement)


@pytest.fixture
def config_overrides():
    return {"CELERY_BROKER_URL": BROKER}


@pytest.fixture
def broker():
    require_service(6379, "Redis")
    import redis

    queue = redis.Redis.from_url(BROKER)
    queue.flushdb()
    yield queue
    queue.flushdb()


def _under_review(worker, phone):
    person = factories.verified(factories.applicant(phone=phone), worker)
    db.session.get(Profile, person.id).preferred_contact = "sms"
    db.session.commit()
    item = factories.opportunity("course", capacity=3, start_date=today() + timedelta(days=30))
    return machine.claim(worker, factories.submitted(person, item))


class Worker:
    """The worker as `make worker` starts it (without beat), in a process group of its own."""

    def __init__(self, app, tmp_path: Path, flaky_phone: str):
        self.log, self.outbox = tmp_path / "worker.log", tmp_path / "worker-outbox.log"
        env = {k: v for k, v in os.environ.items() if k not in ("FLASK_APP", "TEST_DATABASE_URL")}
        env.update(APP_ENV="production", SECRET_KEY=secrets.token_urlsafe(32), INSTANCE_PATH=str(tmp_path),
                   DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"], CELERY_BROKER_URL=BROKER,
                   DATA_ENCRYPTION_KEY=TestConfig.DATA_ENCRYPTION_KEY, DATA_HASH_KEY=secrets.token_urlsafe(32),
                   SMS_SENDER="tests.gateways:FlakyGateway", SMS_OUTBOX=str(self.outbox),
                   FLAKY_GATEWAY_PHONE=flaky_phone, FLAKY_GATEWAY_FAILS="2", DELIVERY_RETRY_SECONDS="0.5")
        with open(self.log, "wb") as out:
            self.process = subprocess.Popen(
                [str(BIN / "celery"), "-A", "webapp.worker", "worker", "--pool", "solo", "--loglevel", "INFO",
                 "--without-gossip", "--without-mingle"],
                cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)

    def sent(self) -> list[str]:
        return self.outbox.read_text(encoding="utf-8").splitlines() if self.outbox.exists() else []

    def refused(self) -> list[str]:
        path = Path(str(self.outbox) + ".refused")
        return path.read_text(encoding="utf-8").splitlines() if path.exists() else []

    def stop(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=WAIT)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=WAIT)


def _wait_until_settled(worker_process: Worker, count: int) -> list[Delivery]:
    """Until `count` deliveries are no longer pending or sending (or the worker is gone)."""
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        db.session.rollback()  # a new snapshot each time
        rows = db.session.scalars(select(Delivery).order_by(Delivery.id)).all()
        if len(rows) == count and all(row.status in ("sent", "failed") for row in rows):
            return rows
        assert worker_process.process.poll() is None, worker_process.log.read_text()[-3000:]
        time.sleep(0.1)
    raise AssertionError(f"not delivered within {WAIT}s:\n{worker_process.log.read_text()[-3000:]}")


def test_a_real_worker_sends_committed_notices_never_rolled_back_ones_and_retries_a_refusal(
        app, worker, broker, tmp_path, sms_outbox):
    told, flaky, unlucky = (_under_review(worker, phone) for phone in ("13600000201", "13600000202", "13600000203"))
    runner = Worker(app, tmp_path, flaky_phone="13600000202")
    try:
        def refuse(session, _context):  # the decision about `unlucky` fails as its message is written
            if any(isinstance(obj, Delivery) for obj in session.new):
                raise RuntimeError("the disk is full")

        event.listen(Session, "after_flush", refuse)
        try:
            with pytest.raises(RuntimeError):
                decisions.approve(worker, unlucky)
        finally:
            event.remove(Session, "after_flush", refuse)
        db.session.rollback()
        decisions.approve(worker, told)
        decisions.approve(worker, flaky)
        rows = _wait_until_settled(runner, 2)
        assert broker.llen("celery") == 0  # nothing else is queued for the worker
    finally:
        runner.stop()

    first, second = rows
    assert (first.phone, first.status, first.attempts) == ("13600000201", "sent", 1)
    assert (second.phone, second.status, second.attempts) == ("13600000202", "sent", 3)
    assert second.last_error is None
    sent = runner.sent()
    assert [line.split("\t", 1)[1] for line in sent] == [f"13600000201\t{first.text}", f"13600000202\t{second.text}"]
    assert runner.refused() == [f"13600000202\t{second.text}"] * 2
    assert "13600000203" not in "".join(sent) and sms_outbox == []  # nothing sent by the web process
    assert "Task outbox.deliver" in runner.log.read_text() and "retry" in runner.log.read_text()
