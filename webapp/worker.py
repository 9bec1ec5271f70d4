"""The Celery worker's entry point: the Flask app from the environment (APP_ENV, DATABASE_URL,
REDIS_URL or CELERY_BROKER_URL, SMS_SENDER) and its Celery app. Started by `make worker`:

    celery -A webapp.worker worker --beat --loglevel INFO

`--beat` runs the schedule (sweep, daily purge, invite expiry) inside the worker: give it to one
worker only; more workers, on any machine, start without it.
"""
from . import celery_app, create_app

flask_app = create_app()
celery = celery_app.init_app(flask_app)
