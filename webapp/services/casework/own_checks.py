"""What the casework checks found, as the person themselves (or their helper) reads it: the
identity check (基础信息核对) and the latest ability assessment (职业能力评估)."""
from dataclasses import dataclass
from datetime import date, datetime

from ...extensions import db
from ...models import Assessment, District, IdentityStatus, Profile, User
from .assessments import CAPACITIES, METHODS, latest_assessment

NOT_SUBMITTED, TO_CHECK, VERIFIED, NEEDS_CORRECTING = "not_submitted", "to_check", "verified", "needs_correcting"


@dataclass(frozen=True)
class Identity:
    state: str  # one of the four above
    note: str | None = None
    checked_at: datetime | None = None
    checked_by: str | None = None


@dataclass(frozen=True)
class AssessmentSeen:
    assessed_on: date
    method: str
    capacity: str
    directions: str
    hard_to_employ: bool
    by: str


@dataclass(frozen=True)
class OwnChecks:
    identity: Identity
    assessment: AssessmentSeen | None
    district: str | None  # the district whose caseworkers to contact, in words


def _identity(profile: Profile | None) -> Identity:
    if profile is None or profile.submitted_at is None and profile.identity_status is None:
        return Identity(NOT_SUBMITTED)
    if profile.identity_status is None:
        return Identity(TO_CHECK)
    checker = db.session.get(User, profile.identity_checked_by_id) if profile.identity_checked_by_id else None
    state = VERIFIED if profile.identity_status == IdentityStatus.VERIFIED else NEEDS_CORRECTING
    return Identity(state, profile.identity_note, profile.identity_checked_at, checker.name if checker else None)


def _assessment(row: Assessment | None) -> AssessmentSeen | None:
    if row is None:
        return None
    return AssessmentSeen(row.assessed_on, str(METHODS.get(row.method, row.method)),
                          str(CAPACITIES.get(row.work_capacity, row.work_capacity)), row.directions or "",
                          bool(row.hard_to_employ), row.created_by.name if row.created_by else "")


def of_person(person, profile: Profile | None) -> OwnChecks:
    district = District(profile.district).label if profile is not None and profile.district else None
    return OwnChecks(_identity(profile), _assessment(latest_assessment(person.id)), district)
