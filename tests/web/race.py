"""Worker for the PostgreSQL race test: its own process, its own app, many threads at once."""
import sys
import threading

from webapp import create_app
from webapp.config import TestConfig
from webapp.extensions import db
from webapp.models import Application, User
from webapp.services.applications import machine


def work(url: str, action: str, caseworker_id: int, ids: list[int], barrier_file: str) -> None:
    app = create_app(TestConfig, {"SQLALCHEMY_DATABASE_URI": url})
    start = threading.Event()

    def one(application_id: int) -> None:
        with app.app_context():
            start.wait()
            application = db.session.get(Application, application_id)
            caseworker = db.session.get(User, caseworker_id)
            if action == "approve":
                machine.approve(caseworker, application)
            else:
                machine.allocate(application, caseworker)
            db.session.remove()

    threads = [threading.Thread(target=one, args=(i,)) for i in ids]
    for thread in threads:
        thread.start()
    # all processes start together: wait for the file the test creates
    import os
    import time
    while not os.path.exists(barrier_file):
        time.sleep(0.01)
    start.set()
    for thread in threads:
        thread.join()
    with app.app_context():
        db.engine.dispose()


if __name__ == "__main__":
    url, action, caseworker_id, barrier_file, *ids = sys.argv[1:]
    work(url, action, int(caseworker_id), [int(i) for i in ids], barrier_file)
