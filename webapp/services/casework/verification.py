"""基础信息核对: a caseworker checks the ID and certificate numbers against the photos, and may
deliberately look at the whole numbers to do so (audited).

Callers check scope first (casework.scope.person_for); these functions trust the pair they are
given. Each one writes its audit row in the same transaction as the change.
"""
from flask_babel import lazy_gettext as _l

from ...extensions import db
from ...models import IdentityStatus, Profile
from ...models.base import utcnow
from ..audit import log as audit
from ..common.errors import DomainError
from ..common.text import plain
from ..identity import stored_numbers

MAX_NOTE = 500


def verify_identity(caseworker, profile: Profile, verified: bool, note: str | None,
                    ip: str | None = None) -> Profile:
    """Record the identity check: verified, or not verified with the reason (required)."""
    note = plain(note)[:MAX_NOTE]
    if not verified and not note:
        raise DomainError(_l("Say what did not match, so the person knows what to correct."), "note")
    if verified and not (profile.id_number_enc and profile.certificate_enc):
        raise DomainError(_l("The person has not entered their ID and certificate numbers yet, so there is "
                             "nothing to verify."), "outcome")
    profile.identity_status = IdentityStatus.VERIFIED if verified else IdentityStatus.NOT_VERIFIED
    profile.identity_note = note or None
    profile.identity_checked_at = utcnow()
    profile.identity_checked_by_id = caseworker.id
    audit.record("identity.verified" if verified else "identity.not_verified", actor=caseworker,
                 subject=profile.user_id, ip=ip, **({"note": note} if note else {}))
    db.session.commit()
    return profile


def full_numbers(caseworker, profile: Profile, ip: str | None = None) -> stored_numbers.Numbers:
    """The whole ID and certificate numbers, for one page view; every look is audited."""
    numbers = stored_numbers.unmasked(profile, caseworker, ip)
    db.session.commit()
    return numbers
