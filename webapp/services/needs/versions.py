"""The needs registration's versions: the draft in progress, the submitted ones, and submitting."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from ...extensions import db
from ...models import NeedsRegistration, NeedsStatus
from ...models.base import utcnow
from ..audit import log as audit
from ..common.errors import DomainError

# The questions that must be answered before the draft can become a version.
REQUIRED = {"status": "employment_status", "pattern": "work_patterns"}


def _of(user, status: NeedsStatus):
    return select(NeedsRegistration).where(NeedsRegistration.user_id == user.id, NeedsRegistration.status == status)


def latest_submitted(user) -> NeedsRegistration | None:
    return db.session.scalar(_of(user, NeedsStatus.SUBMITTED).order_by(NeedsRegistration.version.desc()).limit(1))


def draft_of(user) -> NeedsRegistration | None:
    return db.session.scalar(_of(user, NeedsStatus.DRAFT).limit(1))


def history(user) -> list[NeedsRegistration]:
    return db.session.scalars(_of(user, NeedsStatus.SUBMITTED).order_by(NeedsRegistration.version.desc())).all()


def version(user, number: int) -> NeedsRegistration | None:
    return db.session.scalar(_of(user, NeedsStatus.SUBMITTED).where(NeedsRegistration.version == number))


def working_copy(user) -> NeedsRegistration | None:
    """What the questions show: the draft, else the newest submitted version."""
    return draft_of(user) or latest_submitted(user)


def missing_steps(registration: NeedsRegistration | None) -> list[str]:
    if registration is None:
        return list(REQUIRED)
    return [step for step, column in REQUIRED.items() if not getattr(registration, column)]


def submit(acting, ip: str | None = None) -> NeedsRegistration:
    """Turn the draft into the next numbered version."""
    draft = draft_of(acting.person)
    if draft is None:
        raise DomainError(_l("There are no changes to submit."))
    if missing_steps(draft):
        raise DomainError(_l("Some questions are not answered yet."))
    number = (db.session.scalar(select(func.max(NeedsRegistration.version)).where(
        NeedsRegistration.user_id == acting.person.id)) or 0) + 1
    draft.status, draft.version = NeedsStatus.SUBMITTED, number
    draft.submitted_at, draft.submitted_by_id, draft.on_behalf = utcnow(), acting.actor.id, acting.on_behalf
    audit.record_for(acting, "needs.submitted", ip, version=number)
    db.session.commit()
    return draft


def reference(registration: NeedsRegistration) -> str:
    """The number people quote: XQ-<user>-<version>."""
    return f"XQ-{registration.user_id:06d}-{registration.version}"
