"""Who a member of staff may see. A caseworker sees the people whose profile is in their district;
a city-wide caseworker (district None) and an administrator see everyone. Anything outside the
scope is treated as if it did not exist (the pages answer 404), so a URL never tells whether a
record is there."""
from sqlalchemy import false, select

from ...extensions import db
from ...models import (Application, ApplicationStatus, DistrictTransfer, Profile, Role, TransferItem,
                       TransferItemKind, User)


def sees_everyone(user) -> bool:
    return user.is_admin or (user.is_caseworker and user.district is None)


def people(user) -> list | None:
    """Conditions on Profile for the people the user may see (None: no one, not being staff)."""
    if sees_everyone(user):
        return []
    if user.is_caseworker and user.district:
        return [Profile.district == user.district]
    return None


def applications(user) -> list:
    """Conditions for the applications the user may see: sent ones (drafts are the applicant's own)."""
    found = people(user)
    if found is None:
        return [false()]
    return [Application.status != ApplicationStatus.DRAFT, Application.submitted_at.is_not(None), *found]


def application_for(user, reference: str) -> tuple[Application, Profile] | None:
    """A sent application and its applicant's profile, or None when out of scope (or a draft)."""
    row = db.session.execute(
        select(Application, Profile).join(Profile, Profile.user_id == Application.applicant_id)
        .where(Application.reference == reference, *applications(user))).first()
    return (row[0], row[1]) if row else None


def person_for(user, person_id: int) -> tuple[User, Profile] | None:
    """An applicant and their profile, or None when out of the user's scope."""
    found = people(user)
    if found is None:
        return None
    row = db.session.execute(
        select(User, Profile).join(Profile, Profile.user_id == User.id)
        .where(User.id == person_id, User.role == Role.APPLICANT, User.deleted_at.is_(None), *found)).first()
    return (row[0], row[1]) if row else None


def kept_application_for(user, reference: str) -> tuple[Application, Profile] | None:
    """A decided application of a person who has since moved away from the user's district, which
    that district may still read (never change), or None. City-wide staff see everything anyway."""
    if not (user.is_caseworker and user.district):
        return None
    kept = (select(TransferItem.id).join(DistrictTransfer, DistrictTransfer.id == TransferItem.transfer_id)
            .where(TransferItem.kind == TransferItemKind.APPLICATION_KEPT, TransferItem.item_id == Application.id,
                   DistrictTransfer.from_district == user.district).exists())
    row = db.session.execute(
        select(Application, Profile).join(Profile, Profile.user_id == Application.applicant_id)
        .where(Application.reference == reference, Application.status != ApplicationStatus.DRAFT, kept)).first()
    return (row[0], row[1]) if row else None
