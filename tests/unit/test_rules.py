"""What may happen next: the buttons `allowed_actions` offers are exactly what the state machine accepts."""
import pytest

from tests import factories
from tests.conftest import make_user
from webapp.extensions import db
from webapp.models import Application, ApplicationStatus
from webapp.services.applications import drafts, machine
from webapp.services.applications.rules import Action, allowed_actions
from webapp.services.casework import decisions
from webapp.services.common.acting import Acting
from webapp.services.common.errors import DomainError

S = ApplicationStatus


pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def people(app):
    caseworker = make_user("caseworker", phone="13711110000", district="chengqu")
    colleague = make_user("caseworker", phone="13711110001", district="chengqu")
    return caseworker, colleague


def _reach(status: S, caseworker, kind: str = "post", person=None) -> Application:
    """An application of a verified applicant (a new one unless given), moved to `status` as people would."""
    person = person or factories.verified(factories.applicant(), caseworker)
    item = factories.opportunity(kind, creator=caseworker)
    if status == S.DRAFT:
        application = drafts.start(Acting(person, person), item)
        drafts.save_answers(Acting(person, person), application, factories.ANSWERS[kind])
        return application
    application = factories.submitted(person, item)
    if status != S.SUBMITTED and status != S.WITHDRAWN:
        machine.claim(caseworker, application)
    if status == S.NEEDS_INFO:
        machine.ask_for_information(caseworker, application, "请补充")
    elif status == S.REJECTED:
        machine.reject(caseworker, application, "不符合")
    elif status in (S.APPROVED, S.ENROLLED):
        machine.approve(caseworker, application)
    elif status == S.WITHDRAWN:
        machine.withdraw(Acting(person, person), application)
    db.session.expire_all()
    application = db.session.get(Application, application.id)
    assert application.status == status
    return application


APPLICANT = {
    S.DRAFT: {Action.EDIT, Action.SUBMIT, Action.WITHDRAW},
    S.SUBMITTED: {Action.WITHDRAW},
    S.UNDER_REVIEW: {Action.WITHDRAW},
    S.NEEDS_INFO: {Action.EDIT, Action.RESUBMIT, Action.WITHDRAW},
    S.APPROVED: {Action.WITHDRAW},
    S.REJECTED: set(),
    S.WITHDRAWN: set(),
}
ASSIGNEE = {
    S.SUBMITTED: {Action.CLAIM},
    S.UNDER_REVIEW: {Action.UNCLAIM, Action.APPROVE, Action.REJECT, Action.ASK, Action.REASSIGN},
    S.NEEDS_INFO: set(),
    S.APPROVED: {Action.HIRE},
    S.REJECTED: set(),
    S.WITHDRAWN: set(),
}


@pytest.mark.parametrize("status", list(APPLICANT))
def test_what_the_applicant_and_their_helper_may_do(app, people, status):
    caseworker, _colleague = people
    application = _reach(status, caseworker)
    helper = make_user("helper", phone="13722220000")
    assert allowed_actions(application, application.applicant) == APPLICANT[status]
    assert allowed_actions(application, helper) == APPLICANT[status]  # the link is checked before


@pytest.mark.parametrize("status", list(ASSIGNEE))
def test_what_the_caseworker_and_a_colleague_may_do(app, people, status):
    caseworker, colleague = people
    application = _reach(status, caseworker)
    assert allowed_actions(application, caseworker) == ASSIGNEE[status]
    only_assignee = {Action.UNCLAIM, Action.APPROVE, Action.REJECT, Action.ASK, Action.REASSIGN}  # or a lead
    assert allowed_actions(application, colleague) == ASSIGNEE[status] - only_assignee
    colleague.leads_team = True
    assert allowed_actions(application, colleague) == ASSIGNEE[status] - (only_assignee - {Action.REASSIGN})


def test_an_enrolled_course_seat_can_be_given_up_but_a_hired_post_cannot(app, people):
    caseworker, _colleague = people
    enrolled = _reach(S.ENROLLED, caseworker, kind="course")
    assert allowed_actions(enrolled, enrolled.applicant) == {Action.WITHDRAW}
    hired = machine.hire(caseworker, _reach(S.APPROVED, caseworker))
    assert allowed_actions(hired, hired.applicant) == set()


def test_approval_waits_for_the_identity_check(app, people):
    caseworker, _colleague = people
    application = _reach(S.UNDER_REVIEW, caseworker)
    assert Action.APPROVE not in allowed_actions(application, caseworker, identity_verified=False)
    assert Action.APPROVE in allowed_actions(application, caseworker, identity_verified=True)


CALLS = {
    Action.SUBMIT: lambda app_, user: machine.submit(Acting(user, app_.applicant), app_),
    Action.RESUBMIT: lambda app_, user: machine.resubmit(Acting(user, app_.applicant), app_),
    Action.WITHDRAW: lambda app_, user: machine.withdraw(Acting(user, app_.applicant), app_),
    Action.CLAIM: lambda app_, user: decisions.claim(user, app_),
    Action.UNCLAIM: lambda app_, user: decisions.unclaim(user, app_),
    Action.APPROVE: lambda app_, user: decisions.approve(user, app_),
    Action.REJECT: lambda app_, user: decisions.reject(user, app_, "原因"),
    Action.ASK: lambda app_, user: decisions.ask(user, app_, "原因"),
}


@pytest.mark.parametrize("status", [S.DRAFT, S.SUBMITTED, S.UNDER_REVIEW, S.NEEDS_INFO, S.REJECTED])
@pytest.mark.parametrize("who", ["applicant", "caseworker", "colleague"])
def test_the_machine_accepts_exactly_what_the_page_offers(app, people, status, who):
    caseworker, colleague = people
    person = factories.verified(factories.applicant(), caseworker)
    user = {"applicant": person, "caseworker": caseworker, "colleague": colleague}[who]
    for action, call in CALLS.items():
        application = _reach(status, caseworker, person=person)  # a new one for each try
        offered = action in allowed_actions(application, user)
        try:
            call(application, user)
        except DomainError:
            accepted = False
        else:
            accepted = True
        db.session.expire_all()
        assert accepted == offered, action
        if not accepted:
            assert db.session.get(Application, application.id).status == status, action
