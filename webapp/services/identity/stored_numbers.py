"""The one reader of stored ID and certificate numbers: the only module that decrypts them.

Pages show `masked(profile)`. The whole numbers come from `unmasked(profile, viewer)`: on the
person's own pages and in their data export, or when a caseworker deliberately asks to see them,
which is audited. Nothing else decrypts, so plaintext never reaches a blueprint by accident.
"""
from dataclasses import dataclass

from ...models import Profile, User
from ..audit import log as audit
from . import crypto
from .numbers import mask_certificate, mask_id


@dataclass(frozen=True)
class Numbers:
    id_number: str
    certificate: str

    def __repr__(self) -> str:  # keep whole numbers out of logs and tracebacks
        return f"Numbers({mask_id(self.id_number)!r}, {mask_certificate(self.certificate)!r})"


def _decrypted(token: str | None) -> str:
    return crypto.decrypt(token) if token else ""


def masked(profile: Profile | None) -> Numbers:
    """What every page shows: the region and last 4 of the ID; the certificate's last 2 digits too."""
    if profile is None:
        return Numbers("", "")
    return Numbers(mask_id(_decrypted(profile.id_number_enc)), mask_certificate(_decrypted(profile.certificate_enc)))


def unmasked(profile: Profile, viewer: User, ip: str | None = None) -> Numbers:
    """The whole numbers. A look by anyone but the person adds an audit row; the caller commits."""
    if viewer.id != profile.user_id:
        audit.record("identity.unmasked", actor=viewer, subject=profile.user_id, ip=ip)
    return Numbers(_decrypted(profile.id_number_enc), _decrypted(profile.certificate_enc))


def resident_id_for_checking(profile: Profile) -> str:
    """The stored ID number, for checking that a new certificate number starts with it (never shown)."""
    return _decrypted(profile.id_number_enc)
