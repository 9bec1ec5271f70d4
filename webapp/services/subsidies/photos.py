"""Photos sent with a subsidy application: checked and re-encoded by the same upload checks as the
certificate and ID card (identity/uploads.py), stored as evidence of kind "subsidy", linked to
the application, and shown to the owner, their helper and caseworkers of their district."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from ...extensions import db
from ...models import Evidence, SubsidyPhoto
from ...models.base import utcnow
from ..applications.rules import Action, refusal
from ..audit import log as audit
from ..common.errors import DomainError
from ..identity import consent, uploads

KIND = "subsidy"  # Evidence.kind
MAX_PHOTOS = 6
FIELD = "photo"


def of(application) -> list[Evidence]:
    """The application's photos, oldest first (one query)."""
    return list(db.session.scalars(
        select(Evidence).join(SubsidyPhoto, SubsidyPhoto.evidence_id == Evidence.id)
        .where(SubsidyPhoto.application_id == application.id, Evidence.deleted_at.is_(None))
        .order_by(Evidence.uploaded_at, Evidence.id)))


def count(application) -> int:
    return db.session.scalar(
        select(func.count()).select_from(SubsidyPhoto).join(Evidence, Evidence.id == SubsidyPhoto.evidence_id)
        .where(SubsidyPhoto.application_id == application.id, Evidence.deleted_at.is_(None))) or 0


def _editable(acting, application) -> None:
    if refusal(application, acting.actor, Action.EDIT) is not None:
        raise DomainError(_l("This application has been sent and its photos can no longer be changed."))


def add(acting, application, upload, ip: str | None = None) -> Evidence:
    """Check, clean and store one photo with the application; nothing half-saved."""
    _editable(acting, application)
    consent.require(acting.person)
    if count(application) >= MAX_PHOTOS:
        raise DomainError(_l("You can send up to %(num)d photos. Remove one first.", num=MAX_PHOTOS), FIELD)
    stored = uploads.store_image(upload, field=FIELD)
    try:
        row = Evidence(user_id=acting.person.id, kind=KIND, file_name=stored.name, thumb_name=stored.thumb_name,
                       mime=stored.mime, width=stored.width, height=stored.height, size=stored.size,
                       uploaded_by_id=acting.actor.id)
        db.session.add(row)
        db.session.flush()
        db.session.add(SubsidyPhoto(application_id=application.id, evidence_id=row.id))
        audit.record_for(acting, "subsidy.photo_uploaded", ip, reference=application.reference, size=stored.size)
        db.session.commit()
    except Exception:
        db.session.rollback()
        uploads.delete(stored.name)
        raise
    return row


def remove(acting, application, evidence_id: int, ip: str | None = None) -> None:
    _editable(acting, application)
    row = next((photo for photo in of(application) if photo.id == evidence_id), None)
    if row is None:
        raise LookupError(evidence_id)
    row.deleted_at = utcnow()
    audit.record_for(acting, "subsidy.photo_removed", ip, reference=application.reference)
    db.session.commit()
    uploads.delete(row.file_name)
