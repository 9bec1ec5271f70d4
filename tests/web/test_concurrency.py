"""50 applicants race for 5 course seats and 3 stall units: no place is ever given twice.

SQLite: threads in one process. PostgreSQL: several processes, each with many threads.
"""
import subprocess
import sys
import threading
from pathlib import Path

from sqlalchemy import func, select

from tests import factories
from tests.conftest import make_user
from webapp.extensions import db
from webapp.models import Application, ApplicationEvent, Opportunity, User
from webapp.services.applications import machine

RACERS = 50


def _ready(kind: str, capacity: int, caseworker):
    """One item and 50 applications under review, ready to be approved (course) or allocated (stall)."""
    item = factories.opportunity(kind, capacity=capacity, total=capacity * 10)
    ids = []
    for _ in range(RACERS):
        person = factories.verified(factories.applicant(), caseworker)
        application = machine.claim(caseworker, factories.submitted(person, item))
        if kind == "stall":
            machine.approve(caseworker, application)
        ids.append(application.id)
    return item, ids


def _race_in_threads(app, action, caseworker_id, ids):
    start = threading.Barrier(len(ids))
    errors = []

    def one(application_id):
        with app.app_context():
            try:
                start.wait()
                application = db.session.get(Application, application_id)
                caseworker = db.session.get(User, caseworker_id)
                if action == "approve":
                    machine.approve(caseworker, application)
                else:
                    machine.allocate(application, caseworker)
            except Exception as error:  # collected and asserted below
                errors.append(repr(error))
            finally:
                db.session.remove()

    threads = [threading.Thread(target=one, args=(i,)) for i in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def _race_in_processes(app, action, caseworker_id, ids, tmp_path):
    barrier = tmp_path / "go"
    root = Path(__file__).resolve().parents[2]
    chunks = [ids[i::5] for i in range(5)]
    procs = [subprocess.Popen([sys.executable, "-m", "tests.web.race", app.config["SQLALCHEMY_DATABASE_URI"], action,
                               str(caseworker_id), str(barrier), *map(str, chunk)], cwd=root,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for chunk in chunks]
    barrier.touch()
    errors = []
    for proc in procs:
        _out, err = proc.communicate(timeout=120)
        if proc.returncode != 0:
            errors.append(err[-2000:])
    return errors


def _race(app, action, caseworker, ids, tmp_path):
    caseworker_id = caseworker.id
    db.session.remove()
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        return _race_in_processes(app, action, caseworker_id, ids, tmp_path)
    return _race_in_threads(app, action, caseworker_id, ids)


def _statuses(ids):
    db.session.expire_all()
    rows = db.session.execute(select(Application.status, func.count()).where(Application.id.in_(ids))
                              .group_by(Application.status)).all()
    return dict(rows)


def test_fifty_racing_for_five_course_seats(app, tmp_path):
    caseworker = make_user("caseworker", phone="13711110000", district="chengqu")
    course, ids = _ready("course", 5, caseworker)
    course_id = course.id
    errors = _race(app, "approve", caseworker, ids, tmp_path)
    assert errors == []
    assert _statuses(ids) == {"enrolled": 5, "waitlisted": RACERS - 5}
    assert db.session.get(Opportunity, course_id).taken == 5
    # no event lost: each approval wrote approved plus enrolled or waitlisted
    for status in ("approved", "enrolled", "waitlisted"):
        count = db.session.scalar(select(func.count()).select_from(ApplicationEvent).where(
            ApplicationEvent.application_id.in_(ids), ApplicationEvent.to_status == status))
        assert count == {"approved": RACERS, "enrolled": 5, "waitlisted": RACERS - 5}[status]


def test_fifty_racing_for_three_stall_units(app, tmp_path):
    caseworker = make_user("caseworker", phone="13711110000", district="chengqu")
    stall, ids = _ready("stall", 3, caseworker)
    stall_id = stall.id
    errors = _race(app, "allocate", caseworker, ids, tmp_path)
    assert errors == []
    assert _statuses(ids) == {"allocated": 3, "not_allocated": RACERS - 3}
    assert db.session.get(Opportunity, stall_id).taken == 3
    allocated_events = db.session.scalar(select(func.count()).select_from(ApplicationEvent).where(
        ApplicationEvent.application_id.in_(ids), ApplicationEvent.to_status == "allocated"))
    assert allocated_events == 3
