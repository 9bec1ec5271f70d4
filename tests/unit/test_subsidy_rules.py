"""A subsidy on the one state machine: what each person may do at each of its steps, and the
machine accepts exactly that; the amounts typed are read or refused in words."""
import pytest

from tests import factories
from tests.conftest import make_user
from tests.web.subsidy_helpers import item, sent
from webapp.extensions import db
from webapp.models import Application, ApplicationStatus
from webapp.services.applications import machine
from webapp.services.applications.rules import Action, allowed_actions
from webapp.services.common import dates
from webapp.services.common.acting import Acting
from webapp.services.common.errors import DomainError
from webapp.services.subsidies import awards
from webapp.services.subsidies.amounts import MAX_AMOUNT, read_amount

S = ApplicationStatus
pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def people(app):
    caseworker = make_user("caseworker", phone="13711110000", district="chengqu")
    colleague = make_user("caseworker", phone="13711110001", district="chengqu")
    admin = make_user("admin", phone="13711110002")
    return caseworker, colleague, admin


def _reach(status: S, caseworker, admin, person=None) -> Application:
    """A subsidy application moved to `status` as people would (amounts above 5000 go to the city)."""
    person = person or factories.verified(factories.applicant(), caseworker)
    application = machine.claim(caseworker, sent(person, item()))
    if status == S.AWAITING_SIGNOFF:
        awards.approve(caseworker, application, "9000", "按标准")
    elif status in (S.APPROVED, S.PAID):
        awards.approve(caseworker, application, "9000", "按标准")
        awards.sign_off(admin, application)
        if status == S.PAID:
            awards.pay(caseworker, application, dates.today().isoformat(), "9000")
    db.session.expire_all()
    application = db.session.get(Application, application.id)
    assert application.status == status
    return application


OFFERED = {  # status -> (applicant, the caseworker checking it, a colleague, an administrator)
    S.UNDER_REVIEW: ({Action.WITHDRAW}, {Action.UNCLAIM, Action.APPROVE, Action.REJECT, Action.ASK, Action.REASSIGN},
                     set(), {Action.REASSIGN}),
    S.AWAITING_SIGNOFF: ({Action.WITHDRAW}, set(), set(), {Action.SIGN_OFF, Action.SEND_BACK, Action.REFUSE}),
    S.APPROVED: ({Action.WITHDRAW}, {Action.PAY}, {Action.PAY}, {Action.PAY}),
    S.PAID: (set(), set(), set(), set()),
}


@pytest.mark.parametrize("status", list(OFFERED))
def test_what_each_person_may_do_with_a_subsidy(app, people, status):
    caseworker, colleague, admin = people
    application = _reach(status, caseworker, admin)
    expected = dict(zip(("applicant", "caseworker", "colleague", "admin"), OFFERED[status]))
    got = {"applicant": allowed_actions(application, application.applicant),
           "caseworker": allowed_actions(application, caseworker),
           "colleague": allowed_actions(application, colleague), "admin": allowed_actions(application, admin)}
    assert got == expected


def test_other_kinds_never_offer_a_subsidys_steps_and_a_subsidy_never_hires(app, people):
    caseworker, _colleague, admin = people
    post = factories.approved(factories.applicant(), factories.opportunity("post"), caseworker)
    assert Action.HIRE in allowed_actions(post, caseworker) and Action.PAY not in allowed_actions(post, caseworker)
    with pytest.raises(DomainError):
        machine.pay(caseworker, post, "x")
    subsidy = _reach(S.APPROVED, caseworker, admin)
    assert Action.HIRE not in allowed_actions(subsidy, caseworker)
    with pytest.raises(DomainError):
        machine.hire(caseworker, subsidy)


CALLS = {
    Action.APPROVE: lambda a, user: awards.approve(user, a, "100", "按标准"),
    Action.SIGN_OFF: lambda a, user: awards.sign_off(user, a),
    Action.SEND_BACK: lambda a, user: awards.send_back(user, a, "请重新核定"),
    Action.REFUSE: lambda a, user: awards.refuse(user, a, "不符合"),
    Action.PAY: lambda a, user: awards.pay(user, a, dates.today().isoformat(), "100"),
    Action.WITHDRAW: lambda a, user: machine.withdraw(Acting(user, a.applicant), a),
}


@pytest.mark.parametrize("status", list(OFFERED))
@pytest.mark.parametrize("who", ["applicant", "caseworker", "colleague", "admin"])
def test_the_machine_accepts_exactly_what_is_offered(app, people, status, who):
    caseworker, colleague, admin = people
    person = factories.verified(factories.applicant(), caseworker)
    user = {"applicant": person, "caseworker": caseworker, "colleague": colleague, "admin": admin}[who]
    for action, call in CALLS.items():
        application = _reach(status, caseworker, admin, person=person)  # a new one for each try
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


@pytest.mark.parametrize("typed, amount", [("3000", 3000), ("３０００", 3000), ("3,000", 3000), ("3000元", 3000),
                                           (" 0003000 ", 3000), ("+3000", 3000), (str(MAX_AMOUNT), MAX_AMOUNT)])
def test_amounts_are_read_as_typed(app, typed, amount):
    assert read_amount(typed, "amount") == amount


@pytest.mark.parametrize("typed, message", [
    ("-1", "Enter an amount of 1 yuan or more."), ("0", "Enter an amount of 1 yuan or more."),
    (str(MAX_AMOUNT + 1), f"Enter {MAX_AMOUNT} yuan or less."), ("1" * 5000, f"Enter {MAX_AMOUNT} yuan or less."),
    ("3000.5", "Enter a whole number of yuan in figures, for example 3000."),
    ("²", "Enter a whole number of yuan in figures, for example 3000."),
    ("١٢٣", "Enter a whole number of yuan in figures, for example 3000."),
    ("三千", "Enter a whole number of yuan in figures, for example 3000."),
    ("", "Enter the amount in yuan, for example 3000."),
])
def test_wrong_amounts_are_refused_in_words(app, typed, message):
    with pytest.raises(DomainError) as refused:
        read_amount(typed, "amount")
    assert (str(refused.value.message), refused.value.field) == (message, "amount")
