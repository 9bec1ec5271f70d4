"""单独同意: a separate consent, given by the person or a helper for them, before disability data is kept."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from ...extensions import db
from ...models import Application, Consent
from ...models.applying.application import OPEN
from ...models.base import utcnow
from ..audit import log as audit
from ..common.errors import DomainError

NOTICE_VERSION = "2026-11"


class ConsentNeeded(DomainError):
    status = 403


def active_consent(user) -> Consent | None:
    return db.session.scalar(
        select(Consent).where(Consent.user_id == user.id, Consent.withdrawn_at.is_(None))
        .order_by(Consent.given_at.desc()).limit(1))


def give(acting, ip: str | None = None) -> Consent:
    existing = active_consent(acting.person)
    if existing:
        return existing
    consent = Consent(user_id=acting.person.id, notice_version=NOTICE_VERSION,
                      given_by_id=acting.actor.id, on_behalf=acting.on_behalf)
    db.session.add(consent)
    audit.record_for(acting, "consent.given", ip, notice_version=NOTICE_VERSION)
    db.session.commit()
    return consent


def withdraw(acting, ip: str | None = None) -> None:
    """Stop processing disability data: later steps that need it are refused until consent again."""
    consent = active_consent(acting.person)
    if consent is None:
        raise DomainError(_l("There is no consent to withdraw."))
    consent.withdrawn_at = utcnow()
    consent.withdrawn_by_id = acting.actor.id
    # Applications in progress are marked, so caseworkers see it in their queue.
    db.session.execute(update(Application).where(
        Application.applicant_id == acting.person.id, Application.status.in_(OPEN))
        .values(consent_withdrawn_at=consent.withdrawn_at))
    audit.record_for(acting, "consent.withdrawn", ip, notice_version=consent.notice_version)
    db.session.commit()


def require(person) -> None:
    if active_consent(person) is None:
        raise ConsentNeeded(_l("Give your consent before disability information is stored."))
