"""我的数据: everything held about a person as a zip, and deletion (soft now, purge later)."""
import io
import json
import zipfile
from datetime import timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, or_, select, update
from sqlalchemy import inspect as sa_inspect

from ...extensions import db
from ...models import (AuditEvent, Consent, Delivery, Evidence, HelperInvite, HelperLink, NeedsRegistration,
                      PolicyAnswers, Profile, User)
from ...models.base import utcnow
from ...models.applying.feedback import CallBack, Feedback, Rating
from ..audit import log as audit
from ..common.errors import DomainError
from . import stored_numbers, uploads


def _row(obj, skip=()) -> dict:
    """Column name -> value. Read through the mapper: an attribute may be named differently
    from its column (HelperLink.relationship_label is the column "relationship")."""
    return {attr.columns[0].name: _plain(getattr(obj, attr.key))
            for attr in sa_inspect(obj).mapper.column_attrs if attr.columns[0].name not in skip}


def _plain(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def export(acting, ip: str | None = None) -> bytes:
    """A zip of data.json (account, profile with numbers decrypted, consents, needs, helpers,
    the audit trail of their record) and their evidence photos."""
    person = acting.person
    profile = db.session.get(Profile, person.id)
    data = {"account": _row(person, skip=("password_hash",))}
    if profile:
        data["profile"] = _row(profile, skip=("id_number_enc", "certificate_enc", "id_hash"))
        # A helper downloading for the person gets the numbers masked, as on every page they see.
        numbers = (stored_numbers.masked(profile) if acting.on_behalf
                   else stored_numbers.unmasked(profile, acting.person))
        data["profile"]["id_number"] = numbers.id_number or None
        data["profile"]["certificate_number"] = numbers.certificate or None
    for key, model in (("consents", Consent), ("needs_registrations", NeedsRegistration), ("evidence", Evidence),
                       ("feedback", Feedback), ("ratings", Rating),
                       ("policy_answers", PolicyAnswers)):
        data[key] = [_row(r) for r in db.session.scalars(select(model).where(model.user_id == person.id))]
    data["helper_links"] = [_row(r) for r in db.session.scalars(select(HelperLink).where(HelperLink.applicant_id == person.id))]
    data["audit"] = [_row(r) for r in db.session.scalars(
        select(AuditEvent).where(AuditEvent.subject_id == person.id).order_by(AuditEvent.id))]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(data, ensure_ascii=False, indent=2))
        for row in db.session.scalars(select(Evidence).where(Evidence.user_id == person.id, Evidence.deleted_at.is_(None))):
            try:
                archive.writestr(f"evidence/{row.kind}-{row.id}.jpg", uploads.read(row.file_name))
            except FileNotFoundError:
                continue
    audit.record_for(acting, "data.exported", ip)
    db.session.commit()
    return buffer.getvalue()


class OnlyThePerson(DomainError):
    status = 403


def deletion_refused(acting) -> DomainError | None:
    """Only the person closes their own account: a helper acting for them cannot."""
    if acting.on_behalf:
        return OnlyThePerson(_l("Only %(name)s can close their own account. Ask them to do it, or their "
                                "district's Disabled Persons' Federation can help.", name=acting.person.name))
    return None


def request_deletion(acting, ip: str | None = None) -> None:
    """Hide the account now (it can no longer sign in); purge after the retention period."""
    refused = deletion_refused(acting)
    if refused is not None:
        raise refused
    person = acting.person
    now = utcnow()
    person.deleted_at = now
    person.purge_after = now + timedelta(days=current_app.config["DATA_RETENTION_DAYS"])
    person.active = False
    db.session.execute(update(HelperLink).where(HelperLink.applicant_id == person.id, HelperLink.revoked_at.is_(None))
                       .values(revoked_at=now, revoked_by_id=acting.actor.id))
    audit.record_for(acting, "data.deletion_requested", ip, purge_after=person.purge_after.isoformat())
    db.session.commit()


def purge_due(now=None) -> int:
    """Erase the personal data of accounts whose retention period has passed.

    The account row stays, emptied, so the audit log keeps pointing at something.
    """
    now = now or utcnow()
    due = db.session.scalars(select(User).where(User.purge_after.is_not(None), User.purge_after <= now,
                                                User.phone.not_like("x%"))).all()
    for user in due:
        for row in db.session.scalars(select(Evidence).where(Evidence.user_id == user.id)):
            uploads.delete(row.file_name)
            uploads.delete(row.thumb_name)
        for model in (Evidence, NeedsRegistration, Consent, Delivery, PolicyAnswers):  # a text message holds the number
            db.session.execute(delete(model).where(model.user_id == user.id))
        db.session.execute(delete(HelperInvite).where(HelperInvite.applicant_id == user.id))
        db.session.execute(delete(HelperLink).where(or_(HelperLink.applicant_id == user.id, HelperLink.helper_id == user.id)))
        db.session.execute(delete(Profile).where(Profile.user_id == user.id))
        # Feedback and ratings stay as counted rows (the per-district figures), without their words.
        db.session.execute(update(Feedback).where(Feedback.user_id == user.id).values(body="", reply=None,
                                                                                   came_from=None))
        db.session.execute(update(CallBack).where(CallBack.rating_id.in_(
            select(Rating.id).where(Rating.user_id == user.id))).values(notes=None))
        db.session.execute(update(Rating).where(Rating.user_id == user.id).values(words=None))
        user.phone, user.name, user.password_hash = f"x{user.id:010d}", "", "!"
        audit.record("data.purged", subject=user)
    db.session.commit()
    return len(due)
