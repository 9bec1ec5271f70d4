"""The same step taken many times at the same moment (double taps, several tabs, a script) happens once.

Threads, each with its own app context and database connection, wait at a barrier and then all
try at once, on SQLite and on PostgreSQL.
"""
import threading

import pytest
from sqlalchemy import func, select

from tests import factories
from tests.conftest import make_user
from webapp.extensions import db
from webapp.models import Application, ApplicationEvent, ApplicationStatus, Opportunity, SmsCode, User
from webapp.services.accounts import sms_codes
from webapp.services.applications import drafts, machine
from webapp.services.casework import decisions
from webapp.services.common.acting import Acting
from webapp.services.common.errors import DomainError

CLIENTS = 8


def race(app, attempt, clients: int = CLIENTS) -> tuple[int, list[str]]:
    """Run attempt(n) in `clients` threads at once; (how many returned, the DomainError messages)."""
    barrier, done, refused, crashed = threading.Barrier(clients), [], [], []

    def one(n):
        with app.test_request_context("/?lang=en"):  # its own app context; messages in English
            try:
                barrier.wait()
                attempt(n)
                done.append(n)
            except DomainError as error:
                refused.append(str(error.message))
            except Exception as error:  # anything else is a bug: reported by the assert below
                crashed.append(repr(error))
            finally:
                db.session.remove()

    threads = [threading.Thread(target=one, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not crashed, crashed
    assert len(done) + len(refused) == clients
    return len(done), refused


def _events(application_id: int, to: ApplicationStatus) -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(ApplicationEvent).where(
        ApplicationEvent.application_id == application_id, ApplicationEvent.to_status == to))


@pytest.fixture
def caseworker(app):
    return make_user("caseworker", phone="13711110000", district="chengqu")


def test_starting_at_once_makes_one_application(app, caseworker):
    person_id = factories.verified(factories.applicant(), caseworker).id
    item_id = factories.opportunity("course").id
    db.session.remove()

    def start(_n):
        person = db.session.get(User, person_id)
        drafts.start(Acting(person, person), db.session.get(Opportunity, item_id))

    started, refused = race(app, start)
    assert started == 1 and all("already applied" in message for message in refused)
    assert db.session.scalar(select(func.count()).select_from(Application).where(
        Application.applicant_id == person_id, Application.opportunity_id == item_id)) == 1


def test_sending_at_once_sends_once(app, caseworker):
    person = factories.verified(factories.applicant(), caseworker)
    draft = drafts.start(Acting(person, person), factories.opportunity("post"))
    drafts.save_answers(Acting(person, person), draft, factories.ANSWERS["post"])
    application_id, person_id = draft.id, person.id
    db.session.remove()

    def submit(_n):
        person = db.session.get(User, person_id)
        machine.submit(Acting(person, person), db.session.get(Application, application_id))

    sent, _refused = race(app, submit)
    assert sent == 1 and _events(application_id, ApplicationStatus.SUBMITTED) == 1


def test_claiming_at_once_gives_it_to_one_caseworker(app, caseworker):
    application_id = factories.submitted(factories.verified(factories.applicant(), caseworker),
                                         factories.opportunity("post")).id
    ids = [make_user("caseworker", phone=f"137222200{n:02d}", district="chengqu").id for n in range(CLIENTS)]
    db.session.remove()
    claimed, _refused = race(app, lambda n: decisions.claim(db.session.get(User, ids[n]),
                                                            db.session.get(Application, application_id)))
    assert claimed == 1 and _events(application_id, ApplicationStatus.UNDER_REVIEW) == 1
    assert db.session.get(Application, application_id).assigned_to_id in ids


def test_approving_a_course_place_at_once_takes_one_seat(app, caseworker):
    course = factories.opportunity("course", capacity=3)
    person = factories.verified(factories.applicant(), caseworker)
    application_id = machine.claim(caseworker, factories.submitted(person, course)).id
    course_id, caseworker_id = course.id, caseworker.id
    db.session.remove()
    approved, _refused = race(app, lambda _n: decisions.approve(db.session.get(User, caseworker_id),
                                                                db.session.get(Application, application_id)))
    assert approved == 1 and _events(application_id, ApplicationStatus.APPROVED) == 1
    assert db.session.get(Opportunity, course_id).taken == 1


def test_withdrawing_at_once_frees_the_seat_once(app, caseworker):
    course = factories.opportunity("course", capacity=1)
    first, second = factories.applicant(), factories.applicant()
    seat = factories.approved(first, course, caseworker)
    waiting = factories.approved(second, course, caseworker)
    seat_id, waiting_id, first_id, course_id = seat.id, waiting.id, first.id, course.id
    db.session.remove()

    def withdraw(_n):
        person = db.session.get(User, first_id)
        machine.withdraw(Acting(person, person), db.session.get(Application, seat_id))

    withdrawn, _refused = race(app, withdraw)
    assert withdrawn == 1 and _events(seat_id, ApplicationStatus.WITHDRAWN) == 1
    assert db.session.get(Application, waiting_id).status == ApplicationStatus.ENROLLED
    assert db.session.get(Opportunity, course_id).taken == 1


def test_wrong_codes_at_once_use_up_exactly_the_tries_there_are(app):
    with app.test_request_context("/?lang=en"):
        code = sms_codes.issue_code("13812345678", sms_codes.REGISTER)
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    db.session.remove()

    def guess(_n):
        sms_codes.check_code("13812345678", sms_codes.REGISTER, wrong)

    passed, refused = race(app, guess, clients=12)
    limit = app.config["SMS_CODE_MAX_ATTEMPTS"]
    assert passed == 0 and len(refused) == 12
    assert sum("not right" in message for message in refused) == limit - 1
    assert db.session.scalar(select(SmsCode.attempts)) == limit
    with app.test_request_context("/?lang=en"), pytest.raises(DomainError, match="Too many wrong tries"):
        sms_codes.check_code("13812345678", sms_codes.REGISTER, code)  # even the right one, now


def test_the_right_code_sent_twice_at_once_is_spent_once(app):
    with app.test_request_context("/?lang=en"):
        code = sms_codes.issue_code("13812345678", sms_codes.REGISTER)
    db.session.remove()

    def use(_n):
        sms_codes.check_code("13812345678", sms_codes.REGISTER, code)
        db.session.commit()

    used, _refused = race(app, use, clients=4)
    assert used == 1
    assert db.session.scalar(select(func.count()).select_from(SmsCode).where(SmsCode.used_at.is_not(None))) == 1
