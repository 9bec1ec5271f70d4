"""Links between a helper and the person they help: made by invite or by a caseworker, ended by the person."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ...extensions import db
from ...models import HelperLink, Profile, Role, User
from ...models.base import utcnow
from ..audit import log as audit
from ..common import notices
from ..common.errors import DomainError
from ..common.text import plain


def add_link(applicant_id: int, helper: User, relationship: str, *, created_by: User, reason, ip) -> HelperLink:
    """Link a helper to a person (once: an existing live link is kept) and tell the person, with a
    notice and a text message; the caller commits, then calls `linked`."""
    existing = live_link(helper, applicant_id)
    if existing:
        return existing
    made = HelperLink(applicant_id=applicant_id, helper_id=helper.id, relationship_label=relationship[:30],
                      reason=reason, created_by_id=created_by.id, helper=helper)
    db.session.add(made)
    db.session.flush()
    audit.record("helper.linked", actor=created_by, subject=applicant_id, ip=ip,
                 helper_id=helper.id, relationship=relationship, reason=reason or "")
    notices.helper_linked(made)
    return made


def linked(link: HelperLink) -> HelperLink:
    """After the commit: the text message to the person goes out."""
    notices.send_pending()
    return link


def caseworker_link(caseworker: User, applicant_phone: str, helper_phone: str, relationship: str,
                    reason: str, ip: str | None = None) -> HelperLink:
    """For a person who cannot use a phone: a caseworker of their district links a helper."""
    relationship = plain(relationship)
    reason = plain(reason, multiline=True)
    applicant = db.session.scalar(select(User).where(User.phone == applicant_phone, User.role == Role.APPLICANT))
    if applicant is None:
        raise DomainError(_l("No jobseeker account uses this number."), "applicant_phone")
    profile = db.session.get(Profile, applicant.id)
    if caseworker.district and (profile is None or profile.district != caseworker.district):
        raise DomainError(_l("This person is not registered in your district."), "applicant_phone")
    helper = db.session.scalar(select(User).where(User.phone == helper_phone, User.role == Role.HELPER))
    if helper is None:
        raise DomainError(_l("No family helper account uses this number. The helper registers first and chooses to be a helper."), "helper_phone")
    if not relationship:
        raise DomainError(_l("Say how they are related, for example daughter or neighbour."), "relationship")
    if not reason:
        raise DomainError(_l("Give the reason the person cannot link a helper themself."), "reason")
    made = add_link(applicant.id, helper, relationship, created_by=caseworker, reason=reason, ip=ip)
    db.session.commit()
    return linked(made)


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

