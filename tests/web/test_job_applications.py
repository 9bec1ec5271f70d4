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
    assert "公司一楼会议室" in notices[-3].reason and "手语翻译" in notices[-3].reason  # notices are written in Chinese
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


# -- the pages -------------------------------------------------------------------------------------

def _shared(person, job, parts):
    me = Acting(person, person)
    application = drafts.start(me, job)
    drafts.save_answers(me, application, {"shared": parts})
    return machine.submit(me, application)


def test_applying_for_a_job_asks_what_to_share_with_nothing_ticked(app, client_for):
    person = factories.applicant()
    job = factories.job()
    browser = client_for(person)
    started = browser.post(f"/apply/{job.id}")
    page = browser.get(started.location).get_data(as_text=True)
    assert "What may the employer see?" in page and "<legend" in page and " checked" not in page
    assert "health information" in page
    response = browser.post(started.location, data={"shared": ["accommodations", "category"]})
    assert response.status_code == 303
    check = browser.get(response.location).get_data(as_text=True)
    assert "The workplace accommodations I need" in check and "My disability category" in check


def test_the_employer_sees_only_what_was_shared_and_never_the_numbers(app, client_for):
    boss = factories.employer()
    job = factories.job(boss)
    person = factories.applicant(name="王芳", category="1")
    application = _shared(person, job, ["assessment"])
    page = client_for(boss.user).get(f"/employer/applications/{application.reference}").get_data(as_text=True)
    assert "王芳" in page and "Work ability assessment" in page
    profile_numbers = db.session.execute(db.text(
        "select id_number_enc, certificate_enc from profiles where user_id = :id"), {"id": person.id}).first()
    for number in (factories.id_number(n) for n in range(1, 200)):
        assert number not in page and number[:6] + "********" not in page
    assert "Visual" not in page and "Disability category" not in page and "Level" not in page
    assert profile_numbers[0] not in page
    audited = db.session.scalar(select(func.count()).select_from(AuditEvent).where(
        AuditEvent.action == "employer.viewed_application", AuditEvent.subject_id == person.id))
    assert audited == 1


def test_another_employer_is_told_the_application_is_not_there(app, client_for):
    application = factories.submitted(factories.applicant(), factories.job())
    other = client_for(factories.employer(name="别的公司").user)
    assert other.get(f"/employer/applications/{application.reference}").status_code == 404
    assert other.post(f"/employer/applications/{application.reference}/shortlist").status_code == 404
    assert application.reference not in other.get("/employer/applications").get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(AuditEvent).where(
        AuditEvent.action == "employer.viewed_application")) == 0


def test_the_employer_lists_filters_and_decides_on_its_pages(app, client_for):
    boss = factories.employer()
    first, second = factories.job(boss, title="数据录入员"), factories.job(boss, title="客服专员")
    one = factories.submitted(factories.applicant(name="甲"), first)
    two = factories.submitted(factories.applicant(name="乙"), second)
    browser = client_for(boss.user)
    listing = browser.get("/employer/applications").get_data(as_text=True)
    assert one.reference in listing and two.reference in listing
    filtered = browser.get(f"/employer/applications?job={first.id}").get_data(as_text=True)
    assert one.reference in filtered and two.reference not in filtered
    assert browser.post(f"/employer/applications/{one.reference}/shortlist").status_code == 303
    refused = browser.post(f"/employer/applications/{one.reference}/invite", data={"day": "明天", "time": "09:30",
                                                                              "place": "会议室"})
    assert refused.status_code == 422 and "for example 2026-12-10" in refused.get_data(as_text=True)
    sent = browser.post(f"/employer/applications/{one.reference}/invite",
                        data={"day": "2026-12-10", "time": "14:00", "place": "公司二楼", "interpreter": "y"})
    assert sent.status_code == 303
    page = browser.get(sent.location).get_data(as_text=True)
    assert "2026-12-10 14:00" in page and "Yes, one will be there" in page
    assert browser.get("/employer/applications?status=interview").get_data(as_text=True).count("甲") == 1
    rejected = browser.post(f"/employer/applications/{two.reference}/reject", data={"reason": ""})
    assert rejected.status_code == 422
    assert _fresh(two).status == S.SUBMITTED


def test_the_applicant_sees_the_interview_and_answers_the_offer(app, client_for):
    boss = factories.employer()
    application = factories.submitted(factories.applicant(), factories.job(boss))
    machine.invite(boss.user, application, **INTERVIEW)
    machine.offer(boss.user, application)
    browser = client_for(application.applicant)
    page = browser.get(f"/me/applications/{application.reference}").get_data(as_text=True)
    assert "公司一楼会议室" in page and "Accept the job" in page and "Decline the offer" in page
    assert browser.post(f"/me/applications/{application.reference}/accept").status_code == 303
    assert _fresh(application).status == S.HIRED
    page = browser.get(f"/me/applications/{application.reference}").get_data(as_text=True)
    assert "Accept the job" not in page


def test_caseworkers_see_job_applications_but_have_no_decision_buttons(app, client_for):
    application = factories.submitted(factories.applicant(district="chengqu"), factories.job())
    caseworker = make_user("caseworker", phone="13700000001", district="chengqu")
    browser = client_for(caseworker)
    assert application.reference in browser.get("/casework").get_data(as_text=True)
    page = browser.get(f"/casework/applications/{application.reference}").get_data(as_text=True)
    assert "/claim" not in page and "/approve" not in page
    assert browser.post(f"/casework/applications/{application.reference}/claim").status_code == 409
    assert _fresh(application).status == S.SUBMITTED
