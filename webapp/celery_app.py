"""Background work on Celery: each Flask app gets its own Celery app, whose tasks (tasks.py) run
inside that Flask app's context, and whose beat schedules the outbox's sweep and the daily jobs;
`webapp.worker` is the worker's entry point.

Without a broker (CELERY_BROKER_URL, by default REDIS_URL) nothing is sent to Celery: the web
process calls the same service functions right after the commit (outbox.dispatch), and the daily
jobs are the `flask purge-deleted`, `flask expire-invites` and `flask sweep-uploads` commands, with
`flask send-pending` for messages whose retry is due.
"""
from celery import Celery, Task
from celery.schedules import crontab
from celery.signals import worker_process_init

from .extensions import db

SWEEP_SECONDS = 60.0
# In the service's time zone (Asia/Shanghai): the daily jobs at night, the sweep every minute.
BEAT_SCHEDULE = {
    "outbox-sweep": {"task": "outbox.sweep", "schedule": SWEEP_SECONDS},
    "purge-deleted-accounts": {"task": "accounts.purge_deleted", "schedule": crontab(hour=3, minute=0)},
    "expire-invite-codes": {"task": "family.expire_invites", "schedule": crontab(hour=3, minute=30)},
    "sweep-uploads": {"task": "identity.sweep_uploads", "schedule": crontab(hour=4, minute=0)},
}


def celery_app(app) -> Celery:
    """This Flask app's Celery app (made on first use: a web process without a broker needs none)."""
    if "celery" not in app.extensions:
        init_app(app)
    return app.extensions["celery"]


def init_app(app) -> Celery:
    """A Celery app for this Flask app (app.extensions["celery"]), its tasks in its context."""

    class FlaskTask(Task):
        def __call__(self, *args, **kwargs):
            with app.app_context():
                return self.run(*args, **kwargs)

    celery = Celery(app.import_name, task_cls=FlaskTask, include=["webapp.tasks"])
    celery.conf.update(
        broker_url=app.config.get("CELERY_BROKER_URL") or "memory://",
        task_ignore_result=True,
        # A task is taken off the queue when done, so a worker that dies mid-task leaves it queued
        # (its claim keeps it from being sent twice).
        task_acks_late=True,
        worker_prefetch_multiplier=1,
        broker_connection_retry_on_startup=True,
        # A web request waits at most about a second for a broker that is down (the sweep sends later).
        task_publish_retry_policy={"max_retries": 2, "interval_start": 0, "interval_step": 0.3},
        broker_transport_options={"socket_connect_timeout": 2},
        timezone=app.config["BABEL_DEFAULT_TIMEZONE"],
        beat_schedule_filename=str(app.instance_path) + "/celerybeat-schedule",
        beat_schedule=BEAT_SCHEDULE,
    )
    app.extensions["celery"] = celery

    @worker_process_init.connect(weak=False)
    def _own_connections(**_kwargs):
        """A forked pool process opens its own database connections, never its parent's."""
        with app.app_context():
            db.engine.dispose(close=False)

    return celery
