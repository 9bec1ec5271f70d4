"""The transfers caseworkers see: the moves out of their district and into it (every move for
city-wide staff and administrators), newest first, and one transfer with what it moved."""
from dataclasses import dataclass

from sqlalchemy import false, or_, select

from ...extensions import db
from ...models import Application, DistrictTransfer, GraduatePlan, Profile, TransferItem, TransferItemKind
from ..casework import scope
from ..common.paging import Page, paginate

PER_PAGE = 20


@dataclass(frozen=True)
class TransferRow:
    transfer: DistrictTransfer
    name: str  # the person's name on their profile, or their account's


@dataclass(frozen=True)
class ItemRow:
    item: TransferItem
    application: Application | None
    readable: bool  # the reader may open it: in their scope now, or decided by their district


@dataclass(frozen=True)
class TransferDetails:
    transfer: DistrictTransfer
    name: str
    applications: list[ItemRow]
    plan_id: int | None     # the moved plan, when the reader may open it
    follow_ups: int
    in_scope: bool          # the person is in the reader's scope now (the new district, or the city)


def _visible(user) -> list:
    if scope.sees_everyone(user):
        return []
    if user.is_caseworker and user.district:
        return [or_(DistrictTransfer.from_district == user.district, DistrictTransfer.to_district == user.district)]
    return [false()]


def _with_name():
    return (select(DistrictTransfer, Profile.full_name)
            .outerjoin(Profile, Profile.user_id == DistrictTransfer.person_id))


def transfers(user, page: int = 1, per_page: int = PER_PAGE) -> Page:
    """One page of the transfers the user may see, newest first (their items in one more query)."""
    statement = _with_name().where(*_visible(user)).order_by(DistrictTransfer.at.desc(), DistrictTransfer.id.desc())
    return paginate(statement, page, per_page, rows=lambda row: TransferRow(row[0], row[1] or row[0].person.name))


def details(user, transfer_id: int) -> TransferDetails | None:
    """One transfer and what it moved, or None when the user may not see it."""
    row = db.session.execute(_with_name().where(DistrictTransfer.id == transfer_id, *_visible(user))).first()
    if row is None:
        return None
    transfer, name = row[0], row[1] or row[0].person.name
    district = db.session.scalar(select(Profile.district).where(Profile.user_id == transfer.person_id))
    in_scope = scope.sees_everyone(user) or (user.district is not None and district == user.district)
    ids = [item.item_id for item in transfer.items
           if item.kind in (TransferItemKind.APPLICATION, TransferItemKind.APPLICATION_KEPT)]
    found = {application.id: application for application in db.session.scalars(
        select(Application).where(Application.id.in_(ids)))} if ids else {}
    kept_here = user.district is not None and transfer.from_district == user.district
    applications = [
        ItemRow(item, found.get(item.item_id),
                in_scope or (kept_here and item.kind == TransferItemKind.APPLICATION_KEPT))
        for item in transfer.items if item.item_id in found]
    plan_id = next((item.item_id for item in transfer.items if item.kind == TransferItemKind.GRADUATE_PLAN), None)
    if plan_id is not None and not (scope.sees_everyone(user) or db.session.scalar(
            select(GraduatePlan.district).where(GraduatePlan.id == plan_id)) == user.district):
        plan_id = None
    return TransferDetails(transfer, name, applications, plan_id, transfer.count(TransferItemKind.FOLLOW_UP), in_scope)


def moved_away(user, application: Application) -> DistrictTransfer | None:
    """The latest move of the application's applicant out of the user's district, for the notice
    on an application the user's district decided and may only read now."""
    return db.session.scalar(
        select(DistrictTransfer).where(DistrictTransfer.person_id == application.applicant_id,
                                       DistrictTransfer.from_district == user.district)
        .order_by(DistrictTransfer.at.desc(), DistrictTransfer.id.desc()).limit(1))
