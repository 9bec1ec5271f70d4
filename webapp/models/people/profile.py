"""The applicant's profile (基础信息) and their separate consent (单独同意) to disability data."""
from datetime import date, datetime
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Integer, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from ...extensions import db
from ..base import EnumText, utcnow


class IdentityStatus(StrEnum):
    """基础信息核对: a caseworker compared the numbers with the photos of the documents."""

    VERIFIED = "verified"
    NOT_VERIFIED = "not_verified"

    @property
    def label(self) -> str:
        return str(IDENTITY_LABELS[self])


IDENTITY_LABELS = {
    IdentityStatus.VERIFIED: _l("Verified: the ID and certificate numbers match the documents"),
    IdentityStatus.NOT_VERIFIED: _l("Not verified"),
}


class Profile(db.Model):
    """One per applicant, filled in step by step; `submitted_at` once they confirmed the answers.

    The resident ID and certificate numbers are stored encrypted; `id_hash` is a keyed hash of
    the ID for the one-account-per-person check. Category and level are health data: shown only
    to the person, their linked helpers and caseworkers of their district.
    """

    __tablename__ = "profiles"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    full_name: Mapped[str | None] = mapped_column(String(50))
    id_number_enc: Mapped[str | None] = mapped_column(Text)
    id_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    birth_date: Mapped[date | None] = mapped_column(Date)
    gender: Mapped[str | None] = mapped_column(String(10))
    certificate_enc: Mapped[str | None] = mapped_column(Text)
    disability_category: Mapped[int | None] = mapped_column(Integer, index=True)
    disability_level: Mapped[int | None] = mapped_column(Integer)
    district: Mapped[str | None] = mapped_column(String(20), index=True)
    town: Mapped[str | None] = mapped_column(String(60))
    household_type: Mapped[str | None] = mapped_column(String(10))
    education: Mapped[str | None] = mapped_column(String(20))
    is_student: Mapped[bool | None] = mapped_column(Boolean)
    contact_phone: Mapped[str | None] = mapped_column(String(11))
    preferred_contact: Mapped[str | None] = mapped_column(String(10))
    communication_needs: Mapped[list] = mapped_column(JSON, default=list)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime)
    # 基础信息核对 by a caseworker against the evidence; not verified comes with a note.
    identity_status: Mapped[IdentityStatus | None] = mapped_column(EnumText(IdentityStatus, 15))
    identity_note: Mapped[str | None] = mapped_column(Text)
    identity_checked_at: Mapped[datetime | None] = mapped_column(DateTime)
    identity_checked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # 就业困难: set with an ability assessment; gives priority for public-welfare posts.
    hard_to_employ: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    @property
    def identity_verified(self) -> bool:
        return self.identity_status == IdentityStatus.VERIFIED


class Consent(db.Model):
    """A separate consent to process disability data, given by the person or a helper for them."""

    __tablename__ = "consents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    notice_version: Mapped[str] = mapped_column(String(20))
    given_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    given_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    on_behalf: Mapped[bool] = mapped_column(Boolean, default=False)
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime)
    withdrawn_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
