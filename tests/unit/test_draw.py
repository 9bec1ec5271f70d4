"""The stall draw: anyone can re-run it from the published seed and entries."""
import hashlib
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from tests import factories
from tests.conftest import make_user
from webapp.extensions import db
from webapp.models import Application, Opportunity
from webapp.services.applications import draw
from webapp.services.common.errors import DomainError

pytestmark = pytest.mark.usefixtures("english")


def test_the_order_is_the_sha256_of_seed_and_reference_written_out_by_hand():
    seed, refs = "abc", ["YQ-2026-000003", "YQ-2026-000001", "YQ-2026-000002"]
    expected = sorted(refs, key=lambda r: hashlib.sha256(f"{seed}:{r}".encode()).hexdigest())
    assert draw.draw_order(seed, refs) == expected
    assert draw.draw_order(seed, list(reversed(refs))) == expected  # entry order does not matter
    assert draw.draw_order("another seed", refs) != expected or len(set(refs)) < 2


def test_draw_allocates_units_to_the_first_in_order_and_reproduces(app):
    caseworker = make_user("caseworker", phone="13711110000", district="chengqu")
    admin = make_user("admin", phone="13711110001")
    stall = factories.opportunity("stall", capacity=2, deadline_days=5)
    apps = [factories.approved(factories.applicant(name=f"王{i}"), stall, caseworker) for i in range(6)]
    refs = sorted(a.reference for a in apps)
    db.session.get(Opportunity, stall.id).deadline = date.today() - timedelta(days=1)
    db.session.commit()
    winners = draw.run(admin, db.session.get(Opportunity, stall.id))
    assert winners == draw.draw_order("seed-for-tests", refs)[:2]
    statuses = dict(db.session.execute(select(Application.reference, Application.status)).all())
    assert sorted(r for r, s in statuses.items() if s == "allocated") == sorted(winners)
    assert sum(s == "not_allocated" for s in statuses.values()) == 4
    results = draw.results(db.session.get(Opportunity, stall.id))
    assert results["entries"] == refs and [r["reference"] for r in results["rows"] if r["won"]] == winners
    assert all(row["name"].startswith("王") and "*" in row["name"] for row in results["rows"])
    with pytest.raises(DomainError):
        draw.run(admin, db.session.get(Opportunity, stall.id))  # only once


def test_draw_waits_for_the_deadline(app):
    admin = make_user("admin", phone="13711110001")
    stall = factories.opportunity("stall", capacity=2, deadline_days=5)
    with pytest.raises(DomainError) as caught:
        draw.run(admin, stall)
    assert "after the application deadline" in str(caught.value.message)


def test_names_are_masked():
    assert draw.mask_name("张明") == "张*" and draw.mask_name("欧阳小红") == "欧***" and draw.mask_name("李") == "李*"
