"""亲友代办: invite codes, links, and the check that a helper may act for a person."""
import hmac
import secrets
from datetime import timedelta
from hashlib import sha256

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..extensions import db
from ..models import HelperInvite, HelperLink, Profile, Role, User
from ..models.base import utcnow
from . import audit
from .errors import DomainError

# No 0/O or 1/I/L: codes are read out over the phone and typed by older people.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
CODE_TTL = timedelta(hours=24)


def _digest(code: str) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, code.encode(), sha256).hexdigest()


def normalise_code(raw: str) -> str:
    return "".join((raw or "").split()).replace("-", "").upper()


def create_invite(acting, ip: str | None = None) -> str:
    """A one-time 8-character code, valid 24 hours; returned once, stored only as a hash."""
    code = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    db.session.add(HelperInvite(applicant_id=acting.person.id, code_hash=_digest(code),
                                expires_at=utcnow() + CODE_TTL))
    audit.record_for(acting, "helper.invite_created", ip)
    db.session.commit()
    return code


def accept_invite(helper: User, raw_code: str, relationship: str, ip: str | None = None) -> HelperLink:
    code = normalise_code(raw_code)
    relationship = " ".join((relationship or "").split())
    if not code:
        raise DomainError(_l("Enter the 8-character code."), "code")
    if not relationship:
        raise DomainError(_l("Say how you are related, for example daughter or neighbour."), "relationship")
    invite = db.session.scalar(select(HelperInvite).where(HelperInvite.code_hash == _digest(code)))
    if invite is None or invite.used_at is not None or invite.expires_at < utcnow():
        audit.record("helper.invite_refused", actor=helper, ip=ip)
        db.session.commit()
        raise DomainError(_l("This code is not valid. Codes work once and for 24 hours: ask for a new one."), "code")
    if invite.applicant_id == helper.id:
        raise DomainError(_l("You cannot be your own helper."), "code")
    invite.used_at, invite.used_by_id = utcnow(), helper.id
    link = _link(invite.applicant_id, helper, relationship, created_by=helper, reason=None, ip=ip)
    db.session.commit()
    return link


def _link(applicant_id: int, helper: User, relationship: str, *, created_by: User, reason, ip) -> HelperLink:
    existing = live_link(helper, applicant_id)
    if existing:
        return existing
    link = HelperLink(applicant_id=applicant_id, helper_id=helper.id, relationship_label=relationship[:30],
                      reason=reason, created_by_id=created_by.id)
    db.session.add(link)
    audit.record("helper.linked", actor=created_by, subject=applicant_id, ip=ip,
                 helper_id=helper.id, relationship=relationship, reason=reason or "")
    return link


def caseworker_link(caseworker: User, applicant_phone: str, helper_phone: str, relationship: str,
                    reason: str, ip: str | None = None) -> HelperLink:
    """For a person who cannot use a phone: a caseworker of their district links a helper."""
    relationship = " ".join((relationship or "").split())
    reason = (reason or "").strip()
    applicant = db.session.scalar(select(User).where(User.phone == applicant_phone, User.role == Role.APPLICANT.value))
    if applicant is None:
        raise DomainError(_l("No jobseeker account uses this number."), "applicant_phone")
    profile = db.session.get(Profile, applicant.id)
    if caseworker.district and (profile is None or profile.district != caseworker.district):
        raise DomainError(_l("This person is not registered in your district."), "applicant_phone")
    helper = db.session.scalar(select(User).where(User.phone == helper_phone, User.role == Role.HELPER.value))
    if helper is None:
        raise DomainError(_l("No family helper account uses this number. The helper registers first and chooses to be a helper."), "helper_phone")
    if not relationship:
        raise DomainError(_l("Say how they are related, for example daughter or neighbour."), "relationship")
    if not reason:
        raise DomainError(_l("Give the reason the person cannot link a helper themself."), "reason")
    link = _link(applicant.id, helper, relationship, created_by=caseworker, reason=reason, ip=ip)
    db.session.commit()
    return link


def live_link(helper: User, applicant_id: int) -> HelperLink | None:
    return db.session.scalar(select(HelperLink).where(
        HelperLink.helper_id == helper.id, HelperLink.applicant_id == applicant_id,
        HelperLink.revoked_at.is_(None)))


def linked_person(helper: User, applicant_id) -> User | None:
    """The person a helper may act for, only while the link is live."""
    try:
        applicant_id = int(applicant_id)
    except (TypeError, ValueError):
        return None
    link = live_link(helper, applicant_id)
    if link is None or link.applicant.deleted_at is not None:
        return None
    return link.applicant


def links_of_helper(helper: User) -> list[HelperLink]:
    return db.session.scalars(select(HelperLink).where(
        HelperLink.helper_id == helper.id, HelperLink.revoked_at.is_(None))
        .order_by(HelperLink.created_at)).all()


def links_of_applicant(applicant: User) -> list[HelperLink]:
    """Every link, live and revoked, newest first: the person sees them all."""
    return db.session.scalars(select(HelperLink).where(HelperLink.applicant_id == applicant.id)
                              .order_by(HelperLink.created_at.desc())).all()


def revoke(acting, link_id: int, ip: str | None = None) -> HelperLink:
    link = db.session.get(HelperLink, link_id)
    if link is None or link.applicant_id != acting.person.id:
        raise LookupError(link_id)
    if link.revoked_at is None:
        link.revoked_at, link.revoked_by_id = utcnow(), acting.actor.id
        audit.record_for(acting, "helper.revoked", ip, helper_id=link.helper_id)
        db.session.commit()
    return link

