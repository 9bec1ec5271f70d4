"""The background tasks: the outbox's deliveries, its sweep, and the daily jobs (the purge of
deleted accounts, expired invite codes, unreferenced photo files) that Celery beat schedules (see
celery_app.py, which also says what runs without a broker).
"""
from celery import shared_task

from .services.common import outbox
from .services.family import invites
from .services.identity import evidence, mydata


@shared_task(name="outbox.deliver", bind=True, max_retries=None)
def deliver(self, delivery_id: int) -> str:
    """Send one text message; a gateway error comes back with back-off (the row counts attempts)."""
    outcome = outbox.deliver(delivery_id)
    if outcome.status == "retry":
        raise self.retry(countdown=outcome.retry_in)
    return outcome.status


@shared_task(name="outbox.sweep")
def sweep() -> int:
    """Re-queue pending messages whose task was lost (a broker restart, a crash before queueing)."""
    lost = outbox.sweep()
    for delivery_id in lost:
        outbox.enqueue(delivery_id)
    return len(lost)


@shared_task(name="accounts.purge_deleted")
def purge_deleted() -> int:
    """Daily: erase the data of accounts past their retention period, and old delivered messages."""
    outbox.forget_old()
    return mydata.purge_due()


@shared_task(name="family.expire_invites")
def expire_invites() -> int:
    """Daily: delete invite codes that were never used and have expired."""
    return invites.expire_due()


@shared_task(name="identity.sweep_uploads")
def sweep_uploads() -> int:
    """Daily: delete stored photos that no photo record refers to any more."""
    return evidence.sweep_orphans()
