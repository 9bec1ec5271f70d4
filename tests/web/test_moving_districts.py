"""Moving between districts: a person's open applications and graduate plan go with them to the new
district's queue, with a recorded transfer; claims of the old district are released; the old
district keeps read access to what it decided, and cannot act on what moved; all in one transaction."""
import re

import pytest
from sqlalchemy import func, select

from tests import factories
from tests.conftest import make_user
from tests.web.casework_helpers import text
from tests.web.finding_helpers import count_queries
from webapp import demo
from webapp.extensions import db
from webapp.models import (Application, ApplicationEvent, AuditEvent, DistrictTransfer, GraduatePlan, Profile,
                           TransferItem, TransferItemKind, User)
from webapp.services.applications import machine
from webapp.services.casework import decisions
from webapp.services.moving import moves

MOVED = "Moved with the applicant from Chengqu District to Jiaoqu District."


@pytest.fixture
def jiaoqu(app):
    return make_user("caseworker", phone="13711110002", name="郊区员", district="jiaoqu")


@pytest.fixture
def world(app, worker):
    """A 城区 person with one sent application, one being checked by the 城区 caseworker, one not
    approved, one course place (enrolled), a draft and a graduate plan."""
    person = factories.verified(factories.applicant(name="搬家人"), worker)
    sent = factories.submitted(person, factories.opportunity("post", title="公益岗位甲"))
    checking = decisions.claim(worker, factories.submitted(person, factories.opportunity("post", title="公益岗位乙")))
    refused = machine.reject(worker, machine.claim(worker, factories.submitted(
        person, factories.opportunity("stall", title="便民摊位"))), "材料不全")
    enrolled = factories.approved(person, factories.opportunity("course", title="电商培训"), worker)
    plan, _ = factories.graduate_plan(person, worker)
    return {"person": person, "sent": sent.reference, "checking": checking.reference,
            "refused": refused.reference, "enrolled": enrolled.reference, "plan": plan.id}


def application(reference: str) -> Application:
    db.session.expire_all()
    return db.session.scalar(select(Application).where(Application.reference == reference))


def move(client_for, person, district="jiaoqu"):
    """The person changes their district on the profile page: shown what moves, then confirms."""
    browser = client_for(person)
    first = browser.post("/me/identity/district", data={"district": district, "town": "义井镇"})
    assert first.status_code == 200
    done = browser.post("/me/identity/district", data={"district": district, "town": "义井镇", "confirm": "yes"})
    return browser, first, done


def snapshot(person_id: int) -> tuple:
    """Everything a move writes, for the person."""
    db.session.expire_all()
    count = lambda model, *where: db.session.scalar(select(func.count()).select_from(model).where(*where))  # noqa: E731
    return (db.session.scalar(select(Profile.district).where(Profile.user_id == person_id)),
            db.session.scalar(select(GraduatePlan.district).where(GraduatePlan.user_id == person_id)),
            tuple(db.session.execute(select(Application.id, Application.status, Application.assigned_to_id,
                                            Application.updated_at)
                                     .where(Application.applicant_id == person_id).order_by(Application.id)).all()),
            count(ApplicationEvent), count(DistrictTransfer), count(TransferItem),
            count(AuditEvent, AuditEvent.action == "profile.district_moved"))


def test_the_person_is_told_before_and_after_and_everything_open_moves(client_for, world, worker):
    person = world["person"]
    browser = client_for(person)
    assert "your 2 open applications will move to the caseworkers of the new district" in text(
        browser.get("/me/identity/district"))
    first = browser.post("/me/identity/district", data={"district": "jiaoqu", "town": "义井镇"})
    assert "Your 2 open applications will move to the caseworkers of Jiaoqu District" in text(first)
    assert "The graduate plan will move to Jiaoqu District too." in text(first)
    assert db.session.scalar(select(Profile.district).where(Profile.user_id == person.id)) == "chengqu"
    done = browser.post("/me/identity/district", data={"district": "jiaoqu", "town": "义井镇", "confirm": "yes"})
    assert done.status_code == 303
    assert "your 2 open applications have moved to its caseworkers" in text(browser.get(done.location))

    transfer = db.session.scalar(select(DistrictTransfer).where(DistrictTransfer.person_id == person.id))
    assert (transfer.from_district, transfer.to_district, transfer.actor_id) == ("chengqu", "jiaoqu", person.id)
    items = {(item.kind, item.item_id, item.released) for item in transfer.items}
    ids = {name: application(world[name]).id for name in ("sent", "checking", "refused", "enrolled")}
    assert items == {(TransferItemKind.APPLICATION, ids["sent"], False),
                     (TransferItemKind.APPLICATION, ids["checking"], True),
                     (TransferItemKind.APPLICATION_KEPT, ids["refused"], False),
                     (TransferItemKind.APPLICATION_KEPT, ids["enrolled"], False),
                     (TransferItemKind.GRADUATE_PLAN, world["plan"], False)}
    released = application(world["checking"])
    assert (released.status, released.assigned_to_id) == ("submitted", None)
    assert db.session.get(GraduatePlan, world["plan"]).district == "jiaoqu"
    audit = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "profile.district_moved"))
    assert (audit.actor_id, audit.subject_id) == (person.id, person.id)
    for name in ("sent", "checking"):
        page = text(browser.get(f"/me/applications/{world[name]}"))
        assert MOVED in page, name
    assert MOVED not in text(browser.get(f"/me/applications/{world['refused']}"))


def test_the_new_district_acts_and_the_old_one_only_reads_what_it_decided(client_for, world, worker, jiaoqu):
    move(client_for, world["person"])
    new, old = client_for(jiaoqu), client_for(worker)
    queue = text(new.get("/casework"))
    assert world["sent"] in queue and world["checking"] in queue
    assert world["sent"] not in text(old.get("/casework"))
    # The new district sees the whole history, decided ones too, and decides.
    assert "材料不全" in text(new.get(f"/casework/applications/{world['refused']}"))
    assert new.post(f"/casework/applications/{world['checking']}/claim").status_code == 303
    assert new.post(f"/casework/applications/{world['checking']}/approve",
                    data={"confirm": "yes"}).status_code == 303
    assert application(world["checking"]).status == "approved"
    # The old district: what moved is not there for it; what it decided is there to read, not to change.
    assert old.get(f"/casework/applications/{world['sent']}").status_code == 404
    for action in ("claim", "unclaim", "approve", "reject", "ask", "reassign", "unmask"):
        response = old.post(f"/casework/applications/{world['sent']}/{action}", data={"reject-text": "x"})
        assert response.status_code == 404, action
    kept = old.get(f"/casework/applications/{world['refused']}")
    assert kept.status_code == 200
    assert "This person has moved away from your district" in text(kept)
    assert "材料不全" in text(kept)
    assert f"/casework/applications/{world['refused']}/unmask" not in text(kept)
    refused = old.post(f"/casework/applications/{world['refused']}/unmask")
    assert refused.status_code == 403, text(refused)
    assert "district now can act on their applications" in text(refused)
    assert not db.session.scalar(select(func.count()).select_from(AuditEvent).where(
        AuditEvent.action == "identity.unmasked", AuditEvent.actor_id == worker.id))
    assert old.get(f"/casework/people/{world['person'].id}/identity").status_code == 404
    assert old.get(f"/casework/graduates/{world['plan']}").status_code == 404
    assert new.get(f"/casework/graduates/{world['plan']}").status_code == 200


def test_both_districts_see_the_transfer_and_others_do_not(client_for, world, worker, jiaoqu):
    move(client_for, world["person"])
    transfer_id = db.session.scalar(select(DistrictTransfer.id))
    for browser in (client_for(worker), client_for(jiaoqu), client_for(make_user("caseworker", phone="13711110003"))):
        listing = text(browser.get("/casework/transfers"))
        assert "搬家人" in listing and "From Chengqu District to Jiaoqu District" in listing
        page = text(browser.get(f"/casework/transfers/{transfer_id}"))
        assert world["sent"] in page and world["refused"] in page
    old_page = text(client_for(worker).get(f"/casework/transfers/{transfer_id}"))
    # The old district links to what it decided, not to what moved.
    assert f'href="/casework/applications/{world["refused"]}"' in old_page
    assert f'href="/casework/applications/{world["sent"]}"' not in old_page
    new_page = text(client_for(jiaoqu).get(f"/casework/transfers/{transfer_id}"))
    assert f'href="/casework/applications/{world["sent"]}"' in new_page
    assert f'href="/casework/graduates/{world["plan"]}"' in new_page
    outsider = client_for(make_user("caseworker", phone="13711110004", district="kuangqu"))
    assert "搬家人" not in text(outsider.get("/casework/transfers"))
    assert outsider.get(f"/casework/transfers/{transfer_id}").status_code == 404
    assert outsider.get(f"/casework/applications/{world['refused']}").status_code == 404
    assert client_for(world["person"]).get("/casework/transfers").status_code == 403


def test_a_first_district_the_same_one_or_a_first_answer_corrected_is_no_move(client_for, world):
    browser = client_for(world["person"])
    assert browser.post("/me/identity/district", data={"district": "chengqu", "town": "义井镇"}).status_code == 303
    assert not db.session.scalar(select(func.count()).select_from(DistrictTransfer))
    newcomer = make_user(phone="13600009999")
    fresh = client_for(newcomer)
    assert "open application" not in text(fresh.get("/me/identity/district"))
    assert fresh.post("/me/identity/district", data={"district": "jiaoqu", "town": "义井镇"}).status_code == 303
    # Still filling in the first details: a corrected answer, not a move.
    assert fresh.post("/me/identity/district", data={"district": "kuangqu", "town": "义井镇"}).status_code == 303
    assert not db.session.scalar(select(func.count()).select_from(DistrictTransfer))
    # A registered person with nothing open still moves: the new district hears of it.
    assert client_for(world["person"]).post("/me/identity/district", data={
        "district": "kuangqu", "town": "义井镇", "confirm": "yes"}).status_code == 303
    assert db.session.scalar(select(func.count()).select_from(DistrictTransfer)) == 1


def test_moving_again_keeps_each_decision_with_the_district_that_made_it(client_for, world, worker, jiaoqu):
    move(client_for, world["person"])
    new = client_for(jiaoqu)
    new.post(f"/casework/applications/{world['checking']}/claim")
    new.post(f"/casework/applications/{world['checking']}/reject", data={"reject-text": "不符合条件", "confirm": "yes"})
    assert application(world["checking"]).status == "rejected"
    move(client_for, world["person"], district="kuangqu")
    second = db.session.scalar(select(DistrictTransfer).order_by(DistrictTransfer.id.desc()).limit(1))
    kept = {item.item_id for item in second.items if item.kind == TransferItemKind.APPLICATION_KEPT}
    assert kept == {application(world["checking"]).id}  # not what 城区 decided before
    assert new.get(f"/casework/applications/{world['checking']}").status_code == 200
    assert new.get(f"/casework/applications/{world['refused']}").status_code == 404
    assert client_for(worker).get(f"/casework/applications/{world['refused']}").status_code == 200


def test_a_crash_midway_leaves_nothing_moved(client_for, world, monkeypatch):
    before = snapshot(world["person"].id)

    def crash(acting, transfer):
        raise RuntimeError("the disk is full")

    # The applications have been moved (their rows updated, their events added) when the plan's turn fails.
    monkeypatch.setattr(moves, "MOVERS", [moves.move_applications, crash])
    browser = client_for(world["person"])
    response = browser.post("/me/identity/district", data={"district": "jiaoqu", "town": "义井镇", "confirm": "yes"})
    assert response.status_code == 500
    assert snapshot(world["person"].id) == before


def test_a_claim_at_the_same_moment_refuses_the_move_and_changes_nothing(client_for, world, worker, monkeypatch):
    before = snapshot(world["person"].id)
    real = moves._move_open

    def claimed_meanwhile(acting, found, release, words):
        if found.reference == world["sent"]:  # the 城区 caseworker claims it between reading and writing
            db.session.execute(Application.__table__.update().where(Application.id == found.id)
                               .values(status="under_review", assigned_to_id=worker.id))
        return real(acting, found, release, words)

    monkeypatch.setattr(moves, "_move_open", claimed_meanwhile)
    browser = client_for(world["person"])
    response = browser.post("/me/identity/district", data={"district": "jiaoqu", "town": "义井镇", "confirm": "yes"})
    assert response.status_code == 409
    assert "nothing was moved" in text(response)
    assert snapshot(world["person"].id) == before


def test_the_transfers_list_costs_the_same_whatever_its_length(client_for, app, worker):
    people = [factories.applicant(name=f"搬家{n}") for n in range(3)]
    for person in people:
        factories.submitted(person, factories.opportunity("post"))
    browser = client_for(worker)
    move(client_for, people[0])
    browser.get("/casework/transfers")
    one = count_queries(app, lambda: browser.get("/casework/transfers"))
    for person in people[1:]:
        move(client_for, person)
    assert count_queries(app, lambda: browser.get("/casework/transfers")) == one
    assert len(re.findall("搬家", text(browser.get("/casework/transfers")))) == 3


def test_the_demo_caseworker_reaches_a_move_and_what_their_district_decided(app, client_for):
    demo.load()
    demo.load()  # safe to run again: one move
    caseworker = db.session.scalar(select(User).where(User.phone == demo.CASEWORKER))
    browser = client_for(caseworker, demo.DEMO_PASSWORD)
    assert db.session.scalar(select(func.count()).select_from(DistrictTransfer)) == 1
    listing = text(browser.get(link_to("/casework/transfers", text(browser.get("/me")))))
    transfer = text(browser.get(link_to("/casework/transfers/", listing)))
    assert "From Chengqu District to Jiaoqu District" in transfer
    kept = browser.get(link_to("/casework/applications/", transfer))
    assert kept.status_code == 200 and "This person has moved away from your district" in text(kept)


def link_to(prefix: str, page: str) -> str:
    found = re.search(rf'href="({re.escape(prefix)}[^"]*)"', page)
    assert found, prefix
    return found.group(1)


@pytest.mark.parametrize("district, town", [
    ("nowhere", "义井镇"), ("", "义井镇"), ("jiaoqu", ""), ("jiaoqu", "\x00"), (["nowhere", "jiaoqu"], "义井镇"),
    ("<script>alert(1)</script>", "a" * 10_000), ("jiaoqu'; DROP TABLE users;--", "义井镇"),
])
def test_a_hostile_confirmation_is_refused_beside_the_field_and_moves_nothing(client_for, world, district, town):
    before = snapshot(world["person"].id)
    response = client_for(world["person"]).post("/me/identity/district",
                                                data={"district": district, "town": town, "confirm": "yes"})
    assert response.status_code == 422
    assert 'class="error-summary"' in text(response)
    assert snapshot(world["person"].id) == before
