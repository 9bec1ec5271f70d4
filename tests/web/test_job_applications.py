"""A job application is decided by the job's employer, answered by the applicant, seen (never
decided) by caseworkers; each step one guarded change with its event and notice; the employer sees
only the needs passport the person chose to share."""
import pytest
from flask_babel import force_locale
from sqlalchemy import func, select

from tests import factories
from tests.conftest import make_user
from tests.web.family_helpers import link_helper
from webapp.extensions import db
from webapp.models import Application, ApplicationEvent, AuditEvent, FollowUp, Interview, Notice
from webapp.models import ApplicationStatus as S
from webapp.services.applications import drafts, machine, passport
from webapp.services.applications.rules import Action, TransitionError, allowed_actions
from webapp.services.common.acting import Acting
from webapp.services.common.errors import DomainError

EMPLOYER_ACTIONS = {Action.SHORTLIST, Action.INVITE, Action.OFFER, Action.REJECT_BY_EMPLOYER}
INTERVIEW = {"day": "2026-12-10", "time": "09:30", "place": "公司一楼会议室", "arrangements": "无障碍入口在东门",
             "interpreter": True}


@pytest.fixture
def world(app):
    boss = factories.employer()
    job = factories.job(boss, title="数据录入员")
    person = factories.applicant(name="李明")
    application = factories.submitted(person, job)
    return boss, job, person, application


def _fresh(application):
    db.session.expire_all()
    return db.session.get(Application, application.id)


@pytest.mark.parametrize("status, employer_may", [
    (S.SUBMITTED, {Action.SHORTLIST, Action.INVITE, Action.REJECT_BY_EMPLOYER}),
    (S.SHORTLISTED, {Action.INVITE, Action.OFFER, Action.REJECT_BY_EMPLOYER}),
    (S.INTERVIEW, {Action.OFFER, Action.REJECT_BY_EMPLOYER}),
    (S.OFFERED, set()),
    (S.HIRED, set()),
])
def test_only_the_jobs_employer_decides_and_staff_never_do(world, status, employer_may):
    boss, _job, person, application = world
    application.status = status
    db.session.commit()
    other = factories.employer(name="别的公司")
    caseworker = make_user("caseworker", phone="13700000001", district="chengqu")
    admin = make_user("admin", phone="13700000002")
    assert allowed_actions(application, boss.user) == employer_may
    assert allowed_actions(application, other.user) == set()
    assert allowed_actions(application, caseworker) == set()
    assert allowed_actions(application, admin) == set()
    applicant_may = allowed_actions(application, person)
    assert not applicant_may & EMPLOYER_ACTIONS
    assert (Action.ACCEPT in applicant_may) == (Action.DECLINE in applicant_may) == (status == S.OFFERED)
    assert (Action.WITHDRAW in applicant_may) == status.is_open


def test_employer_actions_never_apply_to_a_post(app):
    boss = factories.employer()
    application = factories.submitted(factories.applicant(), factories.opportunity("post"))
    assert allowed_actions(application, boss.user) == set()
    caseworker = make_user("caseworker", phone="13700000001", district="chengqu")
    assert Action.CLAIM in allowed_actions(application, caseworker)


def test_the_whole_way_to_a_hire_writes_events_notices_and_follow_ups(world):
    boss, job, person, application = world
    machine.shortlist(boss.user, application)
    machine.invite(boss.user, application, **INTERVIEW)
    interview = db.session.scalar(select(Interview).where(Interview.application_id == application.id))
    assert (interview.place, interview.interpreter_requested, interview.at.hour) == ("公司一楼会议室", True, 9)
    machine.offer(boss.user, application)
    assert allowed_actions(application, person) >= {Action.ACCEPT, Action.DECLINE}
    machine.accept(Acting(person, person), application)
    application = _fresh(application)
    assert application.status == S.HIRED and application.opportunity.taken == 1
    events = db.session.scalars(select(ApplicationEvent.to_status).where(
        ApplicationEvent.application_id == application.id).order_by(ApplicationEvent.id)).all()
    assert events == [S.DRAFT, S.SUBMITTED, S.SHORTLISTED, S.INTERVIEW, S.OFFERED, S.HIRED]
    notices = db.session.scalars(select(Notice).where(Notice.user_id == person.id).order_by(Notice.id)).all()
    assert [n.to_status for n in notices][-4:] == [S.SHORTLISTED, S.INTERVIEW, S.OFFERED, S.HIRED]
    assert "公司一楼会议室" in notices[-3].reason and "interpreter" in notices[-3].reason
    assert db.session.scalar(select(func.count()).select_from(FollowUp)) == 3


def test_a_helper_may_answer_the_offer_and_decline_it(world):
    boss, _job, person, application = world
    helper = make_user("helper", phone="13700000009")
    link_helper(person, helper)
    machine.invite(boss.user, application, **INTERVIEW)
    machine.offer(boss.user, application)
    machine.decline(Acting(helper, person), application, "太远了")
    application = _fresh(application)
    assert application.status == S.DECLINED
    event = db.session.scalars(select(ApplicationEvent).where(ApplicationEvent.application_id == application.id)
                               .order_by(ApplicationEvent.id.desc())).first()
    assert event.on_behalf and event.actor_id == helper.id


def test_the_employer_rejects_with_a_reason_only(world):
    boss, _job, person, application = world
    with pytest.raises(DomainError) as refused:
        machine.reject_by_employer(boss.user, application, "  ")
    assert refused.value.field == "reason"
    machine.reject_by_employer(boss.user, application, "岗位需要夜班")
    assert _fresh(application).status == S.REJECTED
    assert db.session.scalars(select(Notice.reason).where(Notice.user_id == person.id)
                              .order_by(Notice.id.desc())).first() == "岗位需要夜班"


@pytest.mark.parametrize("step", [
    lambda who, app: machine.shortlist(who, app),
    lambda who, app: machine.offer(who, app),
    lambda who, app: machine.invite(who, app, **INTERVIEW),
    lambda who, app: machine.reject_by_employer(who, app, "不合适"),
])
def test_another_employer_and_caseworkers_are_refused(world, step):
    _boss, _job, _person, application = world
    application.status = S.SHORTLISTED
    db.session.commit()
    for who in (factories.employer(name="别的公司").user,
                make_user("caseworker", phone="13700000001", district="chengqu")):
        with pytest.raises(TransitionError):
            step(who, application)
    assert _fresh(application).status == S.SHORTLISTED


def test_a_stale_action_is_refused_by_the_guarded_update(world):
    boss, _job, _person, application = world
    assert application.status == S.SUBMITTED  # what the page read
    db.session.commit()
    # The employer's colleague, on another machine, rejected it a moment later.
    with db.engine.begin() as other:
        other.execute(Application.__table__.update().where(Application.id == application.id)
                      .values(status=S.REJECTED))
    with pytest.raises(TransitionError):
        machine.shortlist(boss.user, application)
    assert _fresh(application).status == S.REJECTED
    assert db.session.scalar(select(func.count()).select_from(ApplicationEvent).where(
        ApplicationEvent.to_status == S.SHORTLISTED)) == 0


@pytest.mark.parametrize("day, time, place, field", [
    ("", "09:30", "会议室", "day"), ("2026-02-30", "09:30", "会议室", "day"),
    ("2026-12-10", "9点", "会议室", "time"), ("2026-12-10", "25:00", "会议室", "time"),
    ("2026-12-10", "09:30", " ", "place"),
])
def test_an_invitation_needs_a_day_a_time_and_a_place(world, day, time, place, field):
    boss, _job, _person, application = world
    with pytest.raises(DomainError) as refused:
        machine.invite(boss.user, application, day=day, time=time, place=place)
    assert refused.value.field == field
    assert _fresh(application).status == S.SUBMITTED
    assert db.session.scalar(select(func.count()).select_from(Interview)) == 0


def test_the_last_opening_is_given_once(app):
    boss = factories.employer()
    job = factories.job(boss, capacity=1)
    first, second = (factories.submitted(factories.applicant(), job) for _ in range(2))
    for application in (first, second):
        machine.invite(boss.user, application, **INTERVIEW)
        machine.offer(boss.user, application)
    machine.accept(Acting(first.applicant, first.applicant), first)
    with pytest.raises(TransitionError):
        machine.accept(Acting(second.applicant, second.applicant), second)
    assert _fresh(second).status == S.OFFERED


def test_the_passport_shares_only_what_was_ticked(app):
    job = factories.job()
    person = factories.applicant(category="2")
    me = Acting(person, person)
    application = drafts.start(me, job)
    drafts.save_answers(me, application, {"shared": ["training", "bogus"]})
    assert passport.chosen(application) == {"training"}
    with force_locale("en"):
        assert [label for label, _value in passport.for_employer(application)] == ["Training taken here"]
        drafts.save_answers(me, application, {"shared": ["category"]})
        assert dict(passport.for_employer(application)) == {"My disability category": "Hearing"}
    machine.submit(me, application)
    with pytest.raises(DomainError):
        drafts.save_answers(me, application, {"shared": []})
