"""The stall allocation draw: steered by no one, checkable by anyone.

When a stall opening is published the server makes a secret seed and publishes only its
commitment, SHA-256(seed) (services/opportunities/commitment.py). Once applications have closed and
every application is decided, an administrator types in a public number that nobody could know
before then (the first official lottery result after the close) and where to check it. Each
approved applicant's reference then gets the key SHA-256("<seed>:<public number>:<reference>") in
hexadecimal; the references sorted by key are the draw order, and the first N get the N units left.
Afterwards the seed, the public number, its source and the entries are published, so anyone can
check the seed against the commitment and compute the same order. The admin cannot steer it (the
seed was fixed before anyone applied, the number comes after), nor can an applicant (nobody knows
the seed, and applying earlier or later does not change a key).
"""
import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, date

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update

from ...extensions import db
from ...models import STALL, Application, Opportunity, User
from ...models import ApplicationStatus as S
from ...models.applying.application import AWAITING_DECISION
from ...models.base import utcnow
from ..audit import log as audit
from ..common import notices
from ..common.dates import local_zone
from ..common.dates import today as service_today
from ..common.errors import DomainError
from ..common.text import ascii_digits, plain
from ..opportunities.commitment import commitment_of
from ..opportunities.fields import Invalid
from .guarded import take_place, try_move

NUMBER_MAX = 60
SOURCE_MAX = 200
NUMBER_MIN_DIGITS = 3
_SEPARATORS = re.compile(r"[\s,，、]+")
_DIGITS = re.compile(r"[0-9]+", re.ASCII)


class DrawRefused(DomainError):
    """The draw may not run now (too early, already run, nobody to draw): a conflict, not a typo."""

    status = 409


def draw_key(seed: str, public_number: str, reference: str) -> str:
    return hashlib.sha256(f"{seed}:{public_number}:{reference}".encode()).hexdigest()


def draw_order(seed: str, public_number: str, references) -> list[str]:
    return sorted(sorted(references), key=lambda ref: draw_key(seed, public_number, ref))


@dataclass(frozen=True)
class Readiness:
    """May the draw run now, and if not, why (the one home of that rule: the page and the POST)."""

    may_run: bool
    reason: object = None  # a lazy message when it may not
    approved: int = 0
    undecided: int = 0


def _counts(opportunity: Opportunity) -> tuple[int, int]:
    """Approved applicants and applications still waiting for a decision, in one query."""
    rows = dict(db.session.execute(select(Application.status, func.count()).where(
        Application.opportunity_id == opportunity.id,
        Application.status.in_({S.APPROVED, *AWAITING_DECISION})).group_by(Application.status)).all())
    return rows.get(S.APPROVED, 0), sum(rows.get(status, 0) for status in AWAITING_DECISION)


def closed_day(opportunity: Opportunity) -> date:
    """The day applications closed: the day of an early close, else the deadline (the last day)."""
    if opportunity.closed_at is not None:
        return opportunity.closed_at.replace(tzinfo=UTC).astimezone(local_zone()).date()
    return opportunity.deadline


def readiness(opportunity: Opportunity, today: date | None = None) -> Readiness:
    today = today or service_today()
    if opportunity.kind != STALL:
        return Readiness(False, _l("Only stall openings have a draw."))
    if opportunity.draw_run_at is not None:
        return Readiness(False, _l("The draw for this opening has already been run. It runs only once."))
    if not opportunity.status.is_public or opportunity.draw_seed is None:
        return Readiness(False, _l("Publish the opening first: its draw is sealed when it is published."))
    if not opportunity.applications_closed_on(today):
        return Readiness(False, _l("Applications are open until %(date)s. The draw can run once they have "
                                   "closed: after that day, or earlier if you close applications.",
                                   date=opportunity.deadline.isoformat()))
    approved, undecided = _counts(opportunity)
    if undecided:
        return Readiness(False, _l("Applications still waiting for a decision: %(num)d. Decide them first, "
                                   "so that everyone approved is in the draw.", num=undecided),
                         approved, undecided)
    if not approved:
        return Readiness(False, _l("No approved applicants to allocate units to."), approved, undecided)
    return Readiness(True, None, approved, undecided)


def clean_public_number(number, source) -> tuple[str, str]:
    """The public number in one written form (digit groups joined by single spaces) and its
    source; every problem beside its field, so what was typed can be kept."""
    problems = []
    typed = plain(ascii_digits(plain(number)))
    groups = [group for group in _SEPARATORS.split(typed) if group]
    if not groups:
        problems.append(DomainError(_l("Type the public number: the first official lottery result after "
                                       "applications closed."), "public_number"))
    elif len(typed) > NUMBER_MAX:
        problems.append(DomainError(_l("That is too long: type at most %(count)d characters.", count=NUMBER_MAX),
                                    "public_number"))
    elif not all(_DIGITS.fullmatch(group) for group in groups):
        problems.append(DomainError(_l("Use digits only, separated by spaces or commas, for example "
                                       "03 07 12 19 25 31 09."), "public_number"))
    elif sum(map(len, groups)) < NUMBER_MIN_DIGITS:
        problems.append(DomainError(_l("That is too short for a lottery result: type all of its numbers."),
                                    "public_number"))
    where = plain(source)
    if not where:
        problems.append(DomainError(_l("Say where anyone can check the number: the lottery, the draw and "
                                       "where its result is published."), "public_source"))
    elif len(where) > SOURCE_MAX:
        problems.append(DomainError(_l("That is too long: type at most %(count)d characters.", count=SOURCE_MAX),
                                    "public_source"))
    if problems:
        raise Invalid(problems)
    return " ".join(groups), where


def run(actor, opportunity: Opportunity, public_number, public_source, ip: str | None = None,
        today: date | None = None) -> list[str]:
    """Allocate the units left among approved applicants; returns the winning references in order.
    One transaction: the draw's record, every status move with its notice, and the audit row."""
    state = readiness(opportunity, today)
    if not state.may_run:
        raise DrawRefused(state.reason)
    number, source = clean_public_number(public_number, public_source)
    entrants = db.session.scalars(select(Application).where(
        Application.opportunity_id == opportunity.id, Application.status == S.APPROVED)
        .order_by(Application.reference)).all()
    references = [a.reference for a in entrants]
    # Guarded: of two admins pressing at once, one runs the draw and the other is told it has run.
    claimed = db.session.execute(
        update(Opportunity).where(Opportunity.id == opportunity.id, Opportunity.draw_run_at.is_(None))
        .values(draw_run_at=utcnow(), draw_public_number=number, draw_public_source=source,
                draw_entries=references).execution_options(synchronize_session=False))
    if claimed.rowcount != 1:
        db.session.rollback()
        raise DrawRefused(_l("The draw for this opening has already been run. It runs only once."))
    order = draw_order(opportunity.draw_seed, number, references)
    units = opportunity.left
    winners = []
    by_reference = {a.reference: a for a in entrants}
    for reference in order:
        application = by_reference[reference]
        if len(winners) < units and take_place(opportunity.id):
            moved = try_move(application, (S.APPROVED,), S.ALLOCATED, actor=actor)
            winners.append(reference)
        else:
            moved = try_move(application, (S.APPROVED,), S.NOT_ALLOCATED, actor=actor)
        if not moved:
            db.session.rollback()
            raise DrawRefused(_l("An application changed while the draw ran. Nothing was allocated: run it again."))
    audit.record("draw.run", actor=actor, ip=ip, opportunity_id=opportunity.id, entries=len(references),
                 winners=winners, public_number=number, public_source=source,
                 commitment=opportunity.draw_commitment)
    db.session.commit()
    db.session.refresh(opportunity)
    notices.send_pending()
    return winners


def results(opportunity: Opportunity) -> dict | None:
    """What the public draw page shows once the draw has run (None before): everything needed to
    check it, and the outcome with names masked."""
    if opportunity.draw_run_at is None:
        return None
    seed, number = opportunity.draw_seed, opportunity.draw_public_number or ""
    entries = sorted(opportunity.draw_entries or [])
    order = draw_order(seed, number, entries)
    found = {reference: (status, name) for reference, status, name in db.session.execute(
        select(Application.reference, Application.status, User.name).join(User, User.id == Application.applicant_id)
        .where(Application.opportunity_id == opportunity.id, Application.reference.in_(order))).all()}
    rows = [{"position": i + 1, "reference": ref, "key": draw_key(seed, number, ref),
             "name": mask_name(found.get(ref, (None, ""))[1]), "won": found.get(ref, (None,))[0] == S.ALLOCATED}
            for i, ref in enumerate(order)]
    return {"seed": seed, "commitment": opportunity.draw_commitment,
            "commitment_matches": opportunity.draw_commitment == commitment_of(seed),
            "public_number": number, "public_source": opportunity.draw_public_source, "entries": entries,
            "rows": rows, "run_at": opportunity.draw_run_at, "example": f"{seed}:{number}:{order[0]}" if order else ""}


def mask_name(name: str) -> str:
    """张明 -> 张*, 欧阳小红 -> 欧***: enough to recognise yourself, not to identify others."""
    return f"{name[:1]}{'*' * max(len(name) - 1, 1)}" if name else ""
