"""The move itself: `move_person`, in the caller's transaction, with the transfer row, its items,
an event on every moved application and the audit row.

What a district handles for a person is moved by the movers in MOVERS, one per kind of thing;
a new kind (feedback, subsidies, ...) appends its own mover, `mover(acting, transfer)`, which adds
its TransferItems to `transfer.items`. Most things follow by themselves, because a caseworker's
scope is the person's profile district (casework/scope.py): the movers record what moved, release
what the old district was holding, and change what stores a district of its own (the plan).
"""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import aliased

from ...extensions import db
from ...models import (Application, ApplicationEvent, District, DistrictTransfer, FollowUp, GraduatePlan,
                       TransferItem, TransferItemKind, User)
from ...models import ApplicationStatus as S
from ...models.applying.application import OPEN
from ...models.base import utcnow
from ..applications.guarded import try_move
from ..applications.rules import TransitionError
from ..audit import log as audit

CHANGED_MEANWHILE = _l("One of your applications changed at the same moment, so nothing was moved. "
                       "Please try again.")


@dataclass(frozen=True)
class WhatMoves:
    """What a move would take along, for the person to read before they confirm."""

    applications: int
    plan: bool

    def __bool__(self) -> bool:
        return bool(self.applications or self.plan)


def what_moves(person) -> WhatMoves:
    """The person's open sent applications and whether they have a graduate plan (two counts)."""
    applications = db.session.scalar(select(func.count()).select_from(Application).where(
        Application.applicant_id == person.id, Application.status.in_(OPEN - {S.DRAFT}),
        Application.submitted_at.is_not(None)))
    plan = db.session.scalar(select(GraduatePlan.id).where(GraduatePlan.user_id == person.id)) is not None
    return WhatMoves(applications or 0, plan)


def move_person(acting, old: str | None, new: str, ip: str | None = None,
                registered: bool = True) -> DistrictTransfer | None:
    """Move everything of `acting.person` that a district handles from `old` to `new` (the caller
    commits; a refusal rolls back and raises). Nothing to do for a first district or the same one,
    nor for someone still filling in their first details (`registered` False) with nothing to move."""
    if not old or old == new:
        return None
    transfer = DistrictTransfer(person_id=acting.person.id, actor_id=acting.actor.id, on_behalf=acting.on_behalf,
                                from_district=old, to_district=new, at=utcnow())
    db.session.add(transfer)
    db.session.flush()
    for mover in MOVERS:
        mover(acting, transfer)
    if not registered and not transfer.items:
        db.session.delete(transfer)  # a corrected answer, not a move any district needs to hear of
        return None
    audit.record_for(acting, "profile.district_moved", ip, **{
        "from": old, "to": new, "transfer": transfer.id,
        **{str(kind): transfer.count(kind) for kind in TransferItemKind if transfer.count(kind)}})
    return transfer


def _item(transfer: DistrictTransfer, kind: TransferItemKind, item_id: int, released: bool = False) -> None:
    transfer.items.append(TransferItem(kind=kind, item_id=item_id, released=released))


def _changed_meanwhile():
    db.session.rollback()
    raise TransitionError(CHANGED_MEANWHILE)


def move_applications(acting, transfer: DistrictTransfer) -> None:
    """Open applications go to the new district's queue, each with an event on its timeline; one
    a caseworker of the old district was checking goes back to the queue, unclaimed. Decided ones
    are kept on record for the old district to read (once: not those an earlier district decided).

    Every moved row is written by a guarded UPDATE from the status it was read in, so a claim or a
    decision at the same moment refuses the move instead of leaving an application with someone
    who can no longer see it."""
    assignee = aliased(User)
    rows = db.session.execute(
        select(Application, assignee.district).outerjoin(assignee, assignee.id == Application.assigned_to_id)
        .where(Application.applicant_id == transfer.person_id, Application.status != S.DRAFT,
               Application.submitted_at.is_not(None)).order_by(Application.id)).all()
    kept_before = set(db.session.scalars(
        select(TransferItem.item_id).join(DistrictTransfer, DistrictTransfer.id == TransferItem.transfer_id)
        .where(DistrictTransfer.person_id == transfer.person_id,
               TransferItem.kind == TransferItemKind.APPLICATION_KEPT)))
    old, new = District(transfer.from_district).label, District(transfer.to_district).label
    for application, assignee_district in rows:
        if application.status in OPEN:
            # A city-wide caseworker (no district) still sees the person; a colleague of the new one too.
            release = application.assigned_to_id is not None and assignee_district not in (None, transfer.to_district)
            _move_open(acting, application, release, _("Moved with the applicant from %(old)s to %(new)s.",
                                                       old=old, new=new))
            _item(transfer, TransferItemKind.APPLICATION, application.id, released=release)
        elif application.decided_at is not None and application.id not in kept_before:
            _item(transfer, TransferItemKind.APPLICATION_KEPT, application.id)


def _move_open(acting, application: Application, release: bool, words: str) -> None:
    if release and application.status == S.UNDER_REVIEW:
        words = " ".join((words, _("Put back in the queue for a caseworker there to check.")))
        if not try_move(application, {S.UNDER_REVIEW}, S.SUBMITTED, actor=acting.actor, on_behalf=acting.on_behalf,
                        reason=words, assigned_to_id=None):
            _changed_meanwhile()
        return
    status, assigned = application.status, application.assigned_to_id
    same_assignee = Application.assigned_to_id.is_(None) if assigned is None else Application.assigned_to_id == assigned
    result = db.session.execute(
        update(Application).where(Application.id == application.id, Application.status == status, same_assignee)
        .values(updated_at=utcnow(), assigned_to_id=None if release else assigned)
        .execution_options(synchronize_session=False))
    if result.rowcount != 1:
        _changed_meanwhile()
    db.session.add(ApplicationEvent(application_id=application.id, actor_id=acting.actor.id,
                                    on_behalf=acting.on_behalf, from_status=status, to_status=status, reason=words))
    db.session.expire(application)


def move_graduate_plan(acting, transfer: DistrictTransfer) -> None:
    """The 一人一策 plan stores its district: it goes to the new district's ledger."""
    plan_id = db.session.scalar(select(GraduatePlan.id).where(GraduatePlan.user_id == transfer.person_id))
    if plan_id is None:
        return
    db.session.execute(update(GraduatePlan).where(GraduatePlan.id == plan_id)
                       .values(district=transfer.to_district).execution_options(synchronize_session=False))
    _item(transfer, TransferItemKind.GRADUATE_PLAN, plan_id)


def move_follow_ups(acting, transfer: DistrictTransfer) -> None:
    """Visits after a hire still to make follow the person's district by themselves: recorded here."""
    for follow_up_id in db.session.scalars(
            select(FollowUp.id).join(Application, Application.id == FollowUp.application_id)
            .where(Application.applicant_id == transfer.person_id, FollowUp.done_on.is_(None))
            .order_by(FollowUp.due_on, FollowUp.id)):
        _item(transfer, TransferItemKind.FOLLOW_UP, follow_up_id)


# Append a mover for anything else a district handles for a person.
MOVERS = [move_applications, move_graduate_plan, move_follow_ups]
