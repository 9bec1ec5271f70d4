"""The application state machine: every legal transition, and illegal ones change nothing."""
import pytest
from sqlalchemy import func, select

from tests import factories
from tests.conftest import make_user
from webapp.extensions import db
from webapp.models import Application, ApplicationEvent, AuditEvent, Notice, Opportunity
from webapp.services.applications import drafts, machine
from webapp.services.applications.rules import TransitionError
from webapp.services.common.acting import Acting
from webapp.services.common.errors import DomainError

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def caseworker(app):
    return make_user("caseworker", phone="13711110000", district="chengqu")


def _events(app_id):
    return db.session.execute(select(ApplicationEvent.from_status, ApplicationEvent.to_status)
                              .where(ApplicationEvent.application_id == app_id).order_by(ApplicationEvent.id)).all()


def _notices(app_id):
    return db.session.scalars(select(Notice.to_status).where(Notice.application_id == app_id).order_by(Notice.id)).all()


def test_the_happy_path_for_a_course_writes_an_event_per_step_and_one_notice_per_decision(app, caseworker):
    person = factories.applicant()
    course = factories.opportunity("course", capacity=2)
    application = factories.approved(person, course, caseworker)
    assert application.status == "enrolled" and application.reference.startswith("YQ-")
    assert _events(application.id) == [(None, "draft"), ("draft", "submitted"), ("submitted", "under_review"),
                                       ("under_review", "approved"), ("approved", "enrolled")]
    # Approval and the seat it takes are one decision: the person hears once, that they are enrolled.
    assert _notices(application.id) == ["submitted", "under_review", "enrolled"]
    assert db.session.get(Opportunity, course.id).taken == 1


def test_needs_info_then_resubmit(app, caseworker):
    person = factories.applicant()
    application = machine.claim(caseworker, factories.submitted(person, factories.opportunity("post")))
    machine.ask_for_information(caseworker, application, "请上传身份证照片")
    assert application.status == "needs_info"
    machine.resubmit(Acting(person, person), application)
    assert application.status == "submitted"
    reasons = db.session.scalars(select(ApplicationEvent.reason).where(ApplicationEvent.application_id == application.id)).all()
    assert "请上传身份证照片" in reasons


def test_reject_needs_a_reason_and_records_it(app, caseworker):
    application = machine.claim(caseworker, factories.submitted(factories.applicant(), factories.opportunity("post")))
    with pytest.raises(DomainError):
        machine.reject(caseworker, application, "  ")
    assert application.status == "under_review"
    machine.reject(caseworker, application, "不符合岗位要求")
    assert application.status == "rejected" and _notices(application.id)[-1] == "rejected"


ILLEGAL = [
    ("submit", "submitted"), ("claim", "draft"), ("approve", "submitted"), ("reject", "submitted"),
    ("ask", "submitted"), ("resubmit", "submitted"), ("unclaim", "submitted"), ("approve", "rejected"),
    ("withdraw", "rejected"), ("withdraw", "withdrawn"), ("claim", "withdrawn"), ("hire", "under_review"),
]


def _reach(status, caseworker, kind="post"):
    person = factories.verified(factories.applicant(), caseworker)
    item = factories.opportunity(kind)
    if status == "draft":
        me = Acting(person, person)
        application = drafts.start(me, item)
        drafts.save_answers(me, application, factories.ANSWERS[kind])
        return person, application
    application = factories.submitted(person, item)
    if status in ("under_review", "rejected", "approved"):
        machine.claim(caseworker, application)
    if status == "rejected":
        machine.reject(caseworker, application, "原因")
    if status == "approved":
        machine.approve(caseworker, application)
    if status == "withdrawn":
        machine.withdraw(Acting(person, person), application)
    return person, application


@pytest.mark.parametrize("action, status", ILLEGAL)
def test_illegal_transitions_raise_and_change_nothing(app, caseworker, action, status):
    person, application = _reach(status, caseworker)
    events_before = len(_events(application.id))
    notices_before = len(_notices(application.id))
    me = Acting(person, person)
    call = {
        "submit": lambda: machine.submit(me, application),
        "resubmit": lambda: machine.resubmit(me, application),
        "claim": lambda: machine.claim(caseworker, application),
        "unclaim": lambda: machine.unclaim(caseworker, application),
        "approve": lambda: machine.approve(caseworker, application),
        "reject": lambda: machine.reject(caseworker, application, "原因"),
        "ask": lambda: machine.ask_for_information(caseworker, application, "原因"),
        "withdraw": lambda: machine.withdraw(me, application),
        "hire": lambda: machine.hire(caseworker, application),
    }[action]
    with pytest.raises(TransitionError) as caught:
        call()
    assert caught.value.status == 409 and "reload the page" in str(caught.value.message)
    db.session.expire_all()
    assert db.session.get(Application, application.id).status == status
    assert len(_events(application.id)) == events_before and len(_notices(application.id)) == notices_before


@pytest.mark.parametrize("status", ["draft", "submitted", "under_review", "approved"])
def test_withdraw_from_every_open_state(app, caseworker, status):
    person, application = _reach(status, caseworker)
    machine.withdraw(Acting(person, person), application, "不需要了")
    assert application.status == "withdrawn" and _events(application.id)[-1] == (status, "withdrawn")


def test_a_full_course_waitlists_in_order_and_promotes_on_withdrawal(app, caseworker):
    course = factories.opportunity("course", capacity=1)
    first, second, third = (factories.applicant() for _ in range(3))
    a1 = factories.approved(first, course, caseworker)
    a2 = factories.approved(second, course, caseworker)
    a3 = factories.approved(third, course, caseworker)
    assert (a1.status, a2.status, a3.status) == ("enrolled", "waitlisted", "waitlisted")
    assert machine.waiting_position(a2) == 1 and machine.waiting_position(a3) == 2
    machine.withdraw(Acting(first, first), a1, "搬家")
    db.session.expire_all()
    assert db.session.get(Application, a2.id).status == "enrolled"
    assert db.session.get(Application, a3.id).status == "waitlisted"
    assert db.session.get(Opportunity, course.id).taken == 1
    assert _notices(a2.id)[-1] == "enrolled"


def test_stall_allocation_stops_at_the_reserved_units(app, caseworker):
    stall = factories.opportunity("stall", capacity=1)
    a1 = factories.approved(factories.applicant(), stall, caseworker)
    a2 = factories.approved(factories.applicant(), stall, caseworker)
    assert machine.allocate(a1).status == "allocated"
    assert machine.allocate(a2).status == "not_allocated"


def test_hiring_stops_at_the_reserved_places(app, caseworker):
    post = factories.opportunity("post", capacity=1)
    a1 = factories.approved(factories.applicant(), post, caseworker)
    a2 = factories.approved(factories.applicant(), post, caseworker)
    assert machine.hire(caseworker, a1).status == "hired"
    with pytest.raises(TransitionError):
        machine.hire(caseworker, a2)
    assert db.session.get(Application, a2.id).status == "approved"


def test_a_helper_acting_is_recorded_as_on_behalf(app):
    person = factories.applicant()
    helper = make_user("helper", phone="13722220000")
    application = drafts.start(Acting(helper, person), factories.opportunity("post"))
    drafts.save_answers(Acting(helper, person), application, factories.ANSWERS["post"])
    machine.submit(Acting(helper, person), application)
    event = db.session.scalar(select(ApplicationEvent).where(ApplicationEvent.to_status == "submitted"))
    assert event.actor_id == helper.id and event.on_behalf is True
    audit = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "application.started"))
    assert audit.actor_id == helper.id and audit.on_behalf_of_id == person.id


def test_sms_notice_goes_only_to_people_who_prefer_sms_and_only_after_commit(app, caseworker, sms_outbox):
    person = factories.verified(factories.applicant(), caseworker)
    from webapp.models import Profile
    db.session.get(Profile, person.id).preferred_contact = "sms"
    db.session.commit()
    application = factories.submitted(person, factories.opportunity("post"))
    assert sms_outbox == []  # sending it is the person's own act: the page says so, no text
    with pytest.raises(TransitionError):
        machine.approve(caseworker, application)  # illegal: rolled back, nothing sent
    assert sms_outbox == []
    machine.approve(caseworker, machine.claim(caseworker, application))
    assert [application.reference in text for _phone, text in sms_outbox] == [True]


def test_one_application_per_person_and_item(app):
    person = factories.applicant()
    item = factories.opportunity("course")
    factories.submitted(person, item)
    with pytest.raises(DomainError) as caught:
        drafts.start(Acting(person, person), item)
    assert "already applied" in str(caught.value.message)
    assert db.session.scalar(select(func.count()).select_from(Application)) == 1
