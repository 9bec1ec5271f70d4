"""Evidence photos: stored through uploads (checked, re-encoded), listed, shown, removed."""
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ...extensions import db
from ...models import AuditEvent, Evidence, Profile
from ...models.base import utcnow
from ..audit import log as audit
from ..common.errors import DomainError
from . import consent, profiles, uploads

# A stored file younger than this may belong to an upload whose row is not committed yet.
SWEEP_MIN_AGE_SECONDS = 15 * 60
# A caseworker looking at a person's photos is recorded once in this time, however many photos,
# reloads or zoomed views it takes (each view used to write a row per photo).
VIEW_RECORDED_FOR = timedelta(minutes=30)
SUBSIDY_PHOTO = "subsidy"  # services.subsidies.photos.KIND
KINDS = {"certificate": _l("Disability certificate (残疾人证)"), "id_card": _l("Resident ID card")}


def current(user) -> dict[str, Evidence]:
    """The newest photo of each kind (one query)."""
    rows = db.session.scalars(select(Evidence).where(Evidence.user_id == user.id, Evidence.deleted_at.is_(None))
                              .order_by(Evidence.uploaded_at)).all()
    return {row.kind: row for row in rows}


def add(acting, kind: str, upload, ip: str | None = None) -> Evidence:
    """Store a new photo of one kind; the older one of that kind is replaced."""
    if kind not in KINDS:
        raise DomainError(_l("Choose which document the photo shows."), "kind")
    consent.require(acting.person)
    stored = uploads.store_image(upload, field=kind)
    try:
        old = current(acting.person).get(kind)
        if old:
            old.deleted_at = utcnow()
        row = Evidence(user_id=acting.person.id, kind=kind, file_name=stored.name, thumb_name=stored.thumb_name,
                       mime=stored.mime, width=stored.width, height=stored.height, size=stored.size,
                       uploaded_by_id=acting.actor.id)
        db.session.add(row)
        audit.record_for(acting, "evidence.uploaded", ip, kind=kind, size=stored.size)
        _photos_changed(acting, ip)
        db.session.commit()
    except Exception:
        db.session.rollback()
        uploads.delete(stored.name)  # nothing half-saved: no file without its row
        raise
    if old:
        uploads.delete(old.file_name)  # a replaced photo is not kept on disk
    return row


def remove(acting, evidence_id: int, ip: str | None = None) -> None:
    row = db.session.get(Evidence, evidence_id)
    if row is None or row.user_id != acting.person.id or row.deleted_at is not None:
        raise LookupError(evidence_id)
    row.deleted_at = utcnow()
    audit.record_for(acting, "evidence.removed", ip, kind=row.kind)
    _photos_changed(acting, ip)
    db.session.commit()
    uploads.delete(row.file_name)


def _photos_changed(acting, ip) -> None:
    """A checked identity was checked against the photos it had: new or fewer photos need a new check."""
    profile = profiles.profile_of(acting.person)
    if profile is not None:
        profiles.check_again(acting, profile, ip, because="photo")


def sweep_orphans(min_age: float = SWEEP_MIN_AGE_SECONDS) -> int:
    """Remove stored files no live photo row refers to (left by a removal that could not delete
    them, or by a crash between storing and saving); return how many were removed."""
    live = db.session.execute(select(Evidence.file_name, Evidence.thumb_name).where(Evidence.deleted_at.is_(None)))
    return uploads.sweep({name for row in live for name in row}, min_age)


def viewable(viewer, evidence_id: int, helper_person=None) -> Evidence:
    """The photo if the viewer may see it: owner, a helper acting for the owner, district staff; and the
    city's administrators for a subsidy's photos, which they see when they sign a large award off."""
    row = db.session.get(Evidence, evidence_id)
    # An employer's licence has its own route; a subsidy application's photos are shown like these.
    if row is None or row.deleted_at is not None or (row.kind not in KINDS and row.kind != SUBSIDY_PHOTO):
        raise LookupError(evidence_id)
    if viewer.id == row.user_id or (helper_person is not None and helper_person.id == row.user_id):
        return row
    if viewer.is_caseworker:
        district = db.session.scalar(select(Profile.district).where(Profile.user_id == row.user_id))
        if viewer.district is None or viewer.district == district:
            return row
    if viewer.is_admin and row.kind == SUBSIDY_PHOTO:
        return row
    raise LookupError(evidence_id)


def _recently_recorded(viewer, person_id: int) -> bool:
    return db.session.scalar(select(AuditEvent.id).where(
        AuditEvent.action == "evidence.viewed", AuditEvent.actor_id == viewer.id, AuditEvent.subject_id == person_id,
        AuditEvent.at >= utcnow() - VIEW_RECORDED_FOR).limit(1)) is not None


def record_views(viewer, person, photos: dict, ip: str | None = None, reference: str | None = None) -> None:
    """A caseworker's page showing a person's photos: one audit row for all of them, at most once
    in VIEW_RECORDED_FOR. The page records it before the browser asks for the images, so the image
    requests that follow find it and write nothing more."""
    if not photos or viewer.id == person.id or not viewer.is_caseworker or _recently_recorded(viewer, person.id):
        return
    audit.record("evidence.viewed", actor=viewer, subject=person.id, ip=ip,
                 evidence_ids=sorted(row.id for row in photos.values()), reference=reference)
    db.session.commit()


def record_view(viewer, row: Evidence, ip: str | None = None) -> None:
    """Staff looking at someone's evidence is audited (owners and their helpers are not), once in
    VIEW_RECORDED_FOR: a photo opened on its own, or the images of a page that recorded them."""
    if viewer.id != row.user_id and (viewer.is_caseworker or viewer.is_admin) \
            and not _recently_recorded(viewer, row.user_id):
        audit.record("evidence.viewed", actor=viewer, subject=row.user_id, ip=ip, evidence_id=row.id)
        db.session.commit()
