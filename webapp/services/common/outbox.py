"""The transactional outbox: a text message is a `Delivery` row written in the transaction that
decides to send it, and sent after the commit by `deliver` (a Celery task when a broker is
configured, otherwise in the web process right after the commit). So a rolled-back decision sends
nothing, a committed one is sent even if the process dies before sending (the sweep finds it), and
no message is sent twice: a delivery is sent only by whoever moved its row from pending to
sending with one guarded UPDATE.

Sign-in and registration codes do not go through the outbox (services/accounts/sms_codes.py sends
them directly, in the request): the person is waiting on the page and a code is useful only for
five minutes, so a queued code that arrives late is worth nothing and a retry minutes later is
worse than the page's "send again"; and a code kept in clear in a table (and in every backup of
it) would be a live credential at rest, where the app stores only its hash. A gateway failure
there is shown on the page at once, which is what the person needs.
"""
import logging
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, event, func, select, update
from sqlalchemy.orm import Session

from ...celery_app import celery_app
from ...extensions import db
from ...models import Delivery, DeliveryStatus
from ...models.base import utcnow
from . import sms

S = DeliveryStatus
WRITTEN = "outbox_written"  # ids of deliveries inserted in the current transaction, dispatched after it
log = logging.getLogger(__name__)


def queue(session: Session, key: str, phone: str, text: str, user_id: int | None = None,
          notice_id: int | None = None) -> Delivery:
    """Add a pending delivery to the caller's transaction (sent after its commit)."""
    delivery = Delivery(key=key, phone=phone, text=text, user_id=user_id, notice_id=notice_id,
                        status=S.PENDING, attempts=0, next_attempt_at=utcnow())
    session.add(delivery)
    return delivery


@event.listens_for(Session, "after_flush")
def _remember(session, _context):
    written = [obj.id for obj in session.new if isinstance(obj, Delivery)]
    if written:
        session.info.setdefault(WRITTEN, []).extend(written)


@event.listens_for(Session, "after_soft_rollback")
def _forget(session, _previous):
    """A rolled-back delivery was never written: nothing to send."""
    session.info.pop(WRITTEN, None)


def dispatch() -> None:
    """After the commit: hand the transaction's deliveries to the worker, or deliver them here."""
    written = db.session.info.pop(WRITTEN, [])
    if not written:
        return
    if broker_configured():
        for delivery_id in written:
            enqueue(delivery_id)
        return
    for delivery_id in written:
        deliver(delivery_id)
    for delivery_id in due_ids(limit=10):  # embedded: earlier failures whose back-off has passed
        deliver(delivery_id)


def broker_configured() -> bool:
    return bool(current_app.config.get("CELERY_BROKER_URL"))


def enqueue(delivery_id: int, countdown: float | None = None) -> None:
    """Send the task to the broker; if it is down the row stays pending and the sweep sends it."""
    try:
        celery_app(current_app._get_current_object()).send_task("outbox.deliver", args=[delivery_id], countdown=countdown)
    except Exception as error:  # noqa: BLE001 - the commit stands; the sweep re-queues
        log.warning("Could not queue delivery %s (%s): the sweep will", delivery_id, type(error).__name__)


@dataclass
class Outcome:
    status: str                    # "sent", "retry", "failed", or "skipped" (not ours to send)
    retry_in: float | None = None  # seconds until the next attempt, for "retry"


def backoff(attempts: int) -> float:
    """Seconds before attempt `attempts + 1`: base, 2 × base, 4 × base, ... capped."""
    config = current_app.config
    return min(config["DELIVERY_RETRY_SECONDS"] * 2 ** (attempts - 1), config["DELIVERY_RETRY_MAX_SECONDS"])


def claim(delivery_id: int) -> bool:
    """Pending → sending, by one UPDATE that only one caller can win (committed at once). The lease
    (`next_attempt_at`) says when an unfinished send counts as interrupted."""
    now = utcnow()
    lease = current_app.config["DELIVERY_LEASE_SECONDS"]
    won = db.session.execute(
        update(Delivery).where(Delivery.id == delivery_id, Delivery.status == S.PENDING,
                               Delivery.next_attempt_at <= now)
        .values(status=S.SENDING, attempts=Delivery.attempts + 1,
                next_attempt_at=now + _seconds(lease))).rowcount == 1
    db.session.commit()
    return won


def deliver(delivery_id: int) -> Outcome:
    """Send one delivery if this call claims it; on a gateway error put it back with back-off, or
    mark it failed after DELIVERY_MAX_ATTEMPTS."""
    if not claim(delivery_id):
        row = db.session.get(Delivery, delivery_id)
        if row is not None and row.status == S.PENDING:  # early: its back-off has not passed yet
            return Outcome("retry", max((row.next_attempt_at - utcnow()).total_seconds(), 0.1))
        return Outcome("skipped")
    row = db.session.get(Delivery, delivery_id)
    try:
        sms.send(row.phone, row.text)
    except Exception as error:  # noqa: BLE001 - any gateway failure is a failed attempt
        return _failed_attempt(row, error)
    row.status, row.sent_at, row.last_error = S.SENT, utcnow(), None
    db.session.commit()
    return Outcome("sent")


def _failed_attempt(row: Delivery, error: Exception) -> Outcome:
    row.last_error = reason(error, row.phone)
    if row.attempts >= current_app.config["DELIVERY_MAX_ATTEMPTS"]:
        row.status = S.FAILED
        db.session.commit()
        log.warning("Delivery %s failed after %s attempts: %s", row.id, row.attempts, row.last_error)
        return Outcome("failed")
    wait = backoff(row.attempts)
    row.status, row.next_attempt_at = S.PENDING, utcnow() + _seconds(wait)
    db.session.commit()
    return Outcome("retry", wait)


def reason(error: Exception, phone: str) -> str:
    """What the admin sees: the gateway's words, without the number."""
    words = f"{type(error).__name__}: {error}".replace(phone, f"{phone[:3]}****{phone[-4:]}")
    return words[:200]


def due_ids(limit: int = 100, grace_seconds: float = 0) -> list[int]:
    """Pending deliveries whose (next) attempt is due, oldest first."""
    before = utcnow() - _seconds(grace_seconds)
    return list(db.session.scalars(select(Delivery.id).where(Delivery.status == S.PENDING,
                                                             Delivery.next_attempt_at <= before)
                                   .order_by(Delivery.next_attempt_at).limit(limit)))


def sweep(limit: int = 500) -> list[int]:
    """Give up on sends interrupted past their lease (the message may have gone: never sent twice),
    and return the pending deliveries whose task was lost (due for over a minute)."""
    db.session.execute(update(Delivery).where(Delivery.status == S.SENDING, Delivery.next_attempt_at < utcnow())
                       .values(status=S.FAILED, last_error="Interrupted while sending; not sent again, "
                                                           "in case it arrived."))
    db.session.commit()
    return due_ids(limit=limit, grace_seconds=60)


def forget_old() -> int:
    """Sent and failed messages are kept DELIVERY_KEEP_DAYS for the admin, then deleted."""
    before = utcnow() - _seconds(current_app.config["DELIVERY_KEEP_DAYS"] * 86400)
    gone = db.session.execute(delete(Delivery).where(Delivery.status.in_((S.SENT, S.FAILED)),
                                                     Delivery.created_at < before)).rowcount
    db.session.commit()
    return gone


def counts() -> dict[DeliveryStatus, int]:
    found = dict(db.session.execute(select(Delivery.status, func.count()).group_by(Delivery.status)).all())
    return {status: found.get(status, 0) for status in S}


def recent_failed(limit: int = 20) -> list[Delivery]:
    return list(db.session.scalars(select(Delivery).where(Delivery.status == S.FAILED)
                                   .order_by(Delivery.created_at.desc(), Delivery.id.desc()).limit(limit)))


def _seconds(value: float) -> timedelta:
    return timedelta(seconds=value)
