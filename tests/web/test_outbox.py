"""The outbox: a decision's notice and its text message are written in one transaction, sent once
after the commit (here, in the process: no broker), retried with back-off and marked failed."""
import threading
from datetime import timedelta

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tests import factories
from webapp import tasks  # noqa: F401 - the tasks, as the worker imports them (`include`)
from webapp.celery_app import celery_app
from webapp.extensions import db
from webapp.models import Delivery, HelperInvite, Notice, Profile
from webapp.models.base import utcnow
from webapp.services.applications import machine
from webapp.services.casework import decisions
from webapp.services.common import notices, outbox
from webapp.services.common.dates import today
from webapp.services.family import invites
from webapp.services.identity import mydata


def _under_review(worker):
    person = factories.verified(factories.applicant(), worker)
    db.session.get(Profile, person.id).preferred_contact = "sms"
    db.session.commit()
    item = factories.opportunity("course", capacity=3, start_date=today() + timedelta(days=30))
    return machine.claim(worker, factories.submitted(person, item))


def _rows(model) -> int:
    db.session.rollback()
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.fixture
def undispatched(monkeypatch):
    """Commits write their deliveries but nothing is sent: what the worker would find queued."""
    monkeypatch.setattr(outbox, "dispatch", lambda: db.session.info.pop(outbox.WRITTEN, None))


def test_a_decision_writes_its_notice_and_its_delivery_and_sends_it_once_after_the_commit(worker, sms_outbox):
    application = _under_review(worker)
    notices_before, sent_before = _rows(Notice), len(sms_outbox)
    decisions.approve(worker, application)
    notice = db.session.scalars(select(Notice).order_by(Notice.id.desc())).first()
    delivery = db.session.scalar(select(Delivery))
    assert _rows(Notice) == notices_before + 1 and notice.to_status == "enrolled"
    assert (delivery.key, delivery.notice_id, delivery.user_id) == (f"notice:{notice.id}", notice.id,
                                                                    application.applicant_id)
    assert delivery.text.startswith(f"【阳泉助残就业】您的申请（编号{application.reference}）：已录取。")
    assert (delivery.status, delivery.attempts, delivery.sent_at is not None) == ("sent", 1, True)
    assert sms_outbox[sent_before:] == [(delivery.phone, delivery.text)]

    assert outbox.deliver(delivery.id).status == "skipped"  # a duplicated task
    notices.send_pending()                                   # a second dispatch
    assert sms_outbox[sent_before:] == [(delivery.phone, delivery.text)]


def test_the_delivery_is_committed_before_anything_is_sent(worker, sms_outbox, undispatched):
    application = _under_review(worker)
    sent_before = len(sms_outbox)
    decisions.approve(worker, application)
    delivery = db.session.scalar(select(Delivery))
    assert (delivery.status, delivery.attempts) == ("pending", 0) and len(sms_outbox) == sent_before
    assert outbox.deliver(delivery.id).status == "sent"
    assert outbox.deliver(delivery.id).status == "skipped"
    assert len(sms_outbox) == sent_before + 1 and sms_outbox[-1][1] == delivery.text


def test_a_decision_whose_text_message_cannot_be_written_is_not_made_and_sends_nothing(worker, sms_outbox):
    application = _under_review(worker)
    notices_before, sent_before = _rows(Notice), len(sms_outbox)

    def refuse(session, _context):
        if any(isinstance(obj, Delivery) for obj in session.new):
            raise RuntimeError("the disk is full")

    event.listen(Session, "after_flush", refuse)
    try:
        with pytest.raises(RuntimeError):
            decisions.approve(worker, application)
    finally:
        event.remove(Session, "after_flush", refuse)
    db.session.rollback()
    notices.send_pending()
    assert (_rows(Notice), _rows(Delivery), len(sms_outbox)) == (notices_before, 0, sent_before)
    db.session.expire_all()
    assert application.status == "under_review"


def test_a_rolled_back_notice_writes_no_delivery_and_sends_nothing(worker, sms_outbox):
    application = _under_review(worker)
    notices_before, sent_before = _rows(Notice), len(sms_outbox)
    notices.add(application, "enrolled", None)
    db.session.flush()
    db.session.rollback()
    db.session.commit()  # a later commit in the same session writes nothing of it
    notices.send_pending()
    assert (_rows(Notice), _rows(Delivery), len(sms_outbox)) == (notices_before, 0, sent_before)


def test_the_claim_is_won_once(worker, undispatched):
    decisions.approve(worker, _under_review(worker))
    delivery_id = db.session.scalar(select(Delivery.id))
    assert [outbox.claim(delivery_id), outbox.claim(delivery_id)] == [True, False]
    assert db.session.get(Delivery, delivery_id).status == "sending"


@pytest.mark.parametrize("config_overrides", [{"SMS_SENDER": "tests.gateways:Down", "DELIVERY_MAX_ATTEMPTS": 3,
                                               "DELIVERY_RETRY_SECONDS": 30}])
def test_a_refused_message_is_retried_with_back_off_then_failed(app, worker, freeze_clock, undispatched):
    moment = freeze_clock("2026-12-02 10:00")
    decisions.approve(worker, _under_review(worker))
    delivery = db.session.scalar(select(Delivery))
    gateway = app.extensions["sms_sender"]

    assert outbox.deliver(delivery.id).__dict__ == {"status": "retry", "retry_in": 30}
    assert outbox.deliver(delivery.id).status == "retry" and gateway.tries == 1  # too early: not tried
    freeze_clock((moment + timedelta(seconds=30)).strftime("%Y-%m-%d %H:%M:%S"))
    assert outbox.deliver(delivery.id).__dict__ == {"status": "retry", "retry_in": 60}
    freeze_clock((moment + timedelta(seconds=90)).strftime("%Y-%m-%d %H:%M:%S"))
    assert outbox.deliver(delivery.id).status == "failed"
    db.session.expire_all()
    assert (delivery.status, delivery.attempts, gateway.tries) == ("failed", 3, 3)
    masked = f"{delivery.phone[:3]}****{delivery.phone[-4:]}"
    assert delivery.last_error == f"GatewayRefused: gateway refused {masked}: quota exceeded"
    assert outbox.deliver(delivery.id).status == "skipped" and gateway.tries == 3


def test_the_sweep_finds_lost_tasks_and_gives_up_on_interrupted_sends(worker, freeze_clock, undispatched):
    moment = freeze_clock("2026-12-02 10:00")
    decisions.approve(worker, _under_review(worker))
    decisions.approve(worker, _under_review(worker))
    lost, interrupted = db.session.scalars(select(Delivery.id).order_by(Delivery.id)).all()
    assert outbox.claim(interrupted)
    assert outbox.sweep() == []  # queued a moment ago: its task is on its way
    freeze_clock((moment + timedelta(minutes=10)).strftime("%Y-%m-%d %H:%M:%S"))
    assert outbox.sweep() == [lost]
    row = db.session.get(Delivery, interrupted)
    assert (row.status, row.last_error) == ("failed", "Interrupted while sending; not sent again, in case it arrived.")


def test_expired_unused_invite_codes_are_deleted(app):
    person = factories.applicant()
    now = utcnow()
    db.session.add_all([HelperInvite(applicant_id=person.id, code_hash="a" * 64, expires_at=now - timedelta(hours=1)),
                        HelperInvite(applicant_id=person.id, code_hash="b" * 64, expires_at=now + timedelta(hours=1)),
                        HelperInvite(applicant_id=person.id, code_hash="c" * 64, expires_at=now - timedelta(hours=1),
                                     used_at=now - timedelta(hours=2), used_by_id=person.id)])
    db.session.commit()
    assert invites.expire_due() == 1
    assert sorted(db.session.scalars(select(HelperInvite.code_hash))) == ["b" * 64, "c" * 64]


@pytest.mark.parametrize("config_overrides", [{"SMS_SENDER": "tests.gateways:Down", "DELIVERY_MAX_ATTEMPTS": 1}])
def test_the_admin_sees_the_counts_and_the_recent_failures_without_the_number(app, worker, client, login_as):
    admin = login_as("admin")
    application = _under_review(worker)
    decisions.approve(worker, application)  # refused by the gateway: failed at its only try
    phone = db.session.scalar(select(Delivery.phone))
    me = client.get("/me").get_data(as_text=True)
    assert 'href="/admin/deliveries"' in me
    page = client.get("/admin/deliveries").get_data(as_text=True)
    assert "<h1" in page and "Text messages" in page
    assert "<th scope=\"row\">Waiting to be sent</th><td>0</td>" in page
    assert "<th scope=\"row\">Failed</th><td>1</td>" in page
    assert f"{phone[:3]}****{phone[-4:]}" in page and phone not in page
    assert f"GatewayRefused: gateway refused {phone[:3]}****{phone[-4:]}: quota exceeded" in page
    assert admin.phone not in page


def test_a_purged_account_leaves_no_text_message_behind(worker, undispatched):
    application = _under_review(worker)
    decisions.approve(worker, application)
    person = application.applicant
    person.purge_after = utcnow() - timedelta(days=1)
    db.session.commit()
    assert mydata.purge_due() == 1
    assert _rows(Delivery) == 0


def test_beat_runs_registered_tasks_each_in_the_apps_context(app):
    celery = celery_app(app)

    scheduled = {entry["task"] for entry in celery.conf.beat_schedule.values()}
    assert scheduled == {"outbox.sweep", "accounts.purge_deleted", "family.expire_invites", "identity.sweep_uploads"}
    assert scheduled | {"outbox.deliver"} <= set(celery.tasks)
    person = factories.applicant()
    db.session.add(HelperInvite(applicant_id=person.id, code_hash="d" * 64, expires_at=utcnow() - timedelta(days=1)))
    db.session.commit()
    assert celery.tasks["family.expire_invites"].apply().get() == 1
    assert celery.tasks["outbox.sweep"].apply().get() == 0


@pytest.mark.parametrize("config_overrides", [{"CELERY_BROKER_URL": "redis://127.0.0.1:8301/13"}])  # nothing there
def test_a_broker_that_is_down_leaves_the_message_pending_for_the_sweep(worker, sms_outbox):
    application = _under_review(worker)
    sent_before = len(sms_outbox)
    decisions.approve(worker, application)
    delivery = db.session.scalar(select(Delivery))
    db.session.expire_all()
    assert application.status == "enrolled"  # the decision stands
    assert (delivery.status, delivery.attempts, len(sms_outbox)) == ("pending", 0, sent_before)


def test_without_a_worker_a_command_sends_the_messages_whose_retry_is_due(app, worker, freeze_clock, sms_outbox,
                                                                          undispatched):
    moment = freeze_clock("2026-12-02 10:00")
    decisions.approve(worker, _under_review(worker))
    runner = app.test_cli_runner()
    assert "Sent 0 of 0 due text message(s)." in runner.invoke(args=["send-pending"]).output
    freeze_clock((moment + timedelta(minutes=2)).strftime("%Y-%m-%d %H:%M:%S"))
    assert "Sent 1 of 1 due text message(s)." in runner.invoke(args=["send-pending"]).output
    assert sms_outbox[-1][1] == db.session.scalar(select(Delivery.text))


def test_the_same_message_cannot_be_queued_twice(worker, undispatched):
    decisions.approve(worker, _under_review(worker))
    first = db.session.scalar(select(Delivery))
    outbox.queue(db.session, first.key, first.phone, first.text, first.user_id, first.notice_id)
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()
    assert _rows(Delivery) == 1


def test_deliveries_racing_for_one_message_send_it_once(app, worker, sms_outbox, undispatched):
    decisions.approve(worker, _under_review(worker))
    delivery_id, sent_before = db.session.scalar(select(Delivery.id)), len(sms_outbox)
    db.session.remove()
    start, outcomes = threading.Barrier(8), []

    def one():
        with app.app_context():
            start.wait()
            outcomes.append(outbox.deliver(delivery_id).status)
            db.session.remove()

    threads = [threading.Thread(target=one) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["sent"] + ["skipped"] * 7
    assert len(sms_outbox) == sent_before + 1
