"""The stall allocation draw: reproducible by anyone from what is published.

Entries are the references of approved applicants, sorted. Each gets the key
sha256("<seed>:<reference>") in hex; entries sorted by that key are the draw order, and the
first N win the N units left. The seed is published with the opening, before anyone applies.
"""
import hashlib
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ...extensions import db
from ...models import STALL, Application, Opportunity, User
from ...models import ApplicationStatus as S
from ...models.base import utcnow
from ..audit import log as audit
from ..common import notices
from ..common.errors import DomainError
from .guarded import take_place, try_move


def draw_key(seed: str, reference: str) -> str:
    return hashlib.sha256(f"{seed}:{reference}".encode()).hexdigest()


def draw_order(seed: str, references) -> list[str]:
    return sorted(sorted(references), key=lambda ref: draw_key(seed, ref))


def run(actor, opportunity: Opportunity, today: date | None = None, ip: str | None = None) -> list[str]:
    """Allocate the units left among approved applicants; returns the winning references."""
    if opportunity.kind != STALL:
        raise DomainError(_l("Only stall openings have a draw."))
    if opportunity.draw_run_at is not None:
        raise DomainError(_l("The draw for this opening has already been run."))
    if opportunity.deadline >= (today or date.today()):
        raise DomainError(_l("The draw runs after the application deadline, when everyone who applied can be in it."))
    entrants = db.session.scalars(select(Application).where(
        Application.opportunity_id == opportunity.id, Application.status == S.APPROVED)
        .order_by(Application.reference)).all()
    if not entrants:
        raise DomainError(_l("No approved applicants to allocate units to."))
    references = [a.reference for a in entrants]
    order = draw_order(opportunity.draw_seed, references)
    winners = set(order[:opportunity.left])
    by_reference = {a.reference: a for a in entrants}
    for reference in order:
        application = by_reference[reference]
        if reference in winners and take_place(opportunity.id):
            moved = try_move(application, (S.APPROVED,), S.ALLOCATED, actor=actor)
        else:
            winners.discard(reference)
            moved = try_move(application, (S.APPROVED,), S.NOT_ALLOCATED, actor=actor)
        if not moved:
            db.session.rollback()
            raise DomainError(_l("An application changed while the draw ran. Nothing was allocated: run it again."))
    opportunity.draw_run_at, opportunity.draw_entries = utcnow(), references
    audit.record("draw.run", actor=actor, ip=ip, opportunity_id=opportunity.id, entries=len(references),
                 winners=sorted(winners))
    db.session.commit()
    notices.send_pending()
    return [ref for ref in order if ref in winners]


def results(opportunity: Opportunity) -> dict | None:
    """What the results page shows; None before the draw."""
    if opportunity.draw_run_at is None:
        return None
    order = draw_order(opportunity.draw_seed, opportunity.draw_entries or [])
    outcome = dict(db.session.execute(select(Application.reference, Application.status).where(
        Application.opportunity_id == opportunity.id, Application.reference.in_(order))).all())
    names = dict(db.session.execute(select(Application.reference, Application.applicant_id).where(
        Application.reference.in_(order))).all())
    people = dict(db.session.execute(select(User.id, User.name).where(User.id.in_(set(names.values())))).all())
    rows = [{"position": i + 1, "reference": ref, "key": draw_key(opportunity.draw_seed, ref),
             "name": mask_name(people.get(names.get(ref), "")), "won": outcome.get(ref) == S.ALLOCATED}
            for i, ref in enumerate(order)]
    return {"seed": opportunity.draw_seed, "entries": sorted(opportunity.draw_entries or []), "rows": rows,
            "run_at": opportunity.draw_run_at}


def mask_name(name: str) -> str:
    """张明 -> 张*, 欧阳小红 -> 欧***: enough to recognise yourself, not to identify others."""
    return f"{name[:1]}{'*' * max(len(name) - 1, 1)}" if name else ""
