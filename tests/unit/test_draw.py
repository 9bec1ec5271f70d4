"""The stall draw: anyone can re-run it from the published seed, public number and entries."""
import hashlib
import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from tests import factories
from tests.conftest import make_user
from webapp.extensions import db
from webapp.models import Application, AuditEvent, Opportunity
from webapp.services.applications import draw
from webapp.services.common.dates import today
from webapp.services.common.errors import DomainError

pytestmark = pytest.mark.usefixtures("english")
NUMBER, SOURCE = "03 07 12 19 25 31 09", "双色球 2026140期"


def test_the_order_is_the_sha256_of_seed_public_number_and_reference_written_out_by_hand():
    seed, refs = "abc", ["YQ-2026-000003", "YQ-2026-000001", "YQ-2026-000002"]
    expected = sorted(refs, key=lambda r: hashlib.sha256(f"{seed}:123:{r}".encode()).hexdigest())
    assert draw.draw_order(seed, "123", refs) == expected
    assert draw.draw_order(seed, "123", list(reversed(refs))) == expected  # entry order does not matter
    orders = {tuple(draw.draw_order(seed, str(n), refs)) for n in range(100, 130)}
    assert len(orders) > 1  # the public number changes the order


def test_draw_allocates_units_to_the_first_in_order_and_reproduces(app):
    caseworker = make_user("caseworker", phone="13711110000", district="chengqu")
    admin = make_user("admin", phone="13711110001")
    stall = factories.opportunity("stall", capacity=2, deadline_days=5)
    apps = [factories.approved(factories.applicant(name=f"王{i}"), stall, caseworker) for i in range(6)]
    refs = sorted(a.reference for a in apps)
    db.session.get(Opportunity, stall.id).deadline = today() - timedelta(days=1)
    db.session.commit()
    winners = draw.run(admin, db.session.get(Opportunity, stall.id), " 03,07，12 19 25 31  09 ", SOURCE)
    assert winners == draw.draw_order("seed-for-tests", NUMBER, refs)[:2]
    statuses = dict(db.session.execute(select(Application.reference, Application.status)).all())
    assert sorted(r for r, s in statuses.items() if s == "allocated") == sorted(winners)
    assert sum(s == "not_allocated" for s in statuses.values()) == 4
    results = draw.results(db.session.get(Opportunity, stall.id))
    assert results["entries"] == refs and [r["reference"] for r in results["rows"] if r["won"]] == winners
    assert results["public_number"] == NUMBER and results["commitment_matches"]
    assert all(row["name"].startswith("王") and "*" in row["name"] for row in results["rows"])
    audit = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "draw.run"))
    details = json.loads(audit.detail)
    assert details["public_number"] == NUMBER and details["winners"] == winners
    with pytest.raises(draw.DrawRefused):
        draw.run(admin, db.session.get(Opportunity, stall.id), NUMBER, SOURCE)  # only once


def test_draw_waits_for_the_deadline(app):
    admin = make_user("admin", phone="13711110001")
    stall = factories.opportunity("stall", capacity=2, deadline_days=5)
    with pytest.raises(DomainError) as caught:
        draw.run(admin, stall, NUMBER, SOURCE)
    assert "Applications are open until" in str(caught.value.message) and caught.value.status == 409


@pytest.mark.parametrize("typed, message", [
    ("", "Type the public number"), ("12 ab 34", "digits only"), ("1 2", "too short"),
    ("1" * 61, "too long"), ("１２３", None)])
def test_the_public_number_is_digits_and_separators(typed, message):
    if message is None:
        assert draw.clean_public_number(typed, SOURCE) == ("123", SOURCE)  # full-width digits are digits
        return
    with pytest.raises(DomainError) as caught:
        draw.clean_public_number(typed, SOURCE)
    assert message in str(caught.value.message) and caught.value.field == "public_number"


def test_the_source_is_required():
    with pytest.raises(DomainError) as caught:
        draw.clean_public_number(NUMBER, "  \u200b ")
    assert caught.value.field == "public_source"


def test_names_are_masked():
    assert draw.mask_name("张明") == "张*" and draw.mask_name("欧阳小红") == "欧***" and draw.mask_name("李") == "李*"
