"""Accounts, roles and one-time SMS codes."""
from datetime import datetime
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from flask_login import UserMixin
from sqlalchemy import Boolean, DateTime, Index, Integer, String, false
from sqlalchemy.orm import Mapped, mapped_column

from ...extensions import db
from ..base import EnumText, utcnow


class Role(StrEnum):
    APPLICANT = "applicant"
    HELPER = "helper"
    CASEWORKER = "caseworker"
    ADMIN = "admin"
    EMPLOYER = "employer"  # 用人单位: one account per employer (models.work.employer.Employer.user_id)

    @property
    def label(self) -> str:
        return str(ROLE_LABELS[self])


STAFF_ROLES = frozenset({Role.CASEWORKER, Role.ADMIN})
ROLE_LABELS = {
    Role.APPLICANT: _l("Jobseeker"),
    Role.HELPER: _l("Family helper"),
    Role.CASEWORKER: _l("Caseworker"),
    Role.ADMIN: _l("Administrator"),
    Role.EMPLOYER: _l("Employer"),
}


class District(StrEnum):
    """Yangquan's county-level districts, the scope of a caseworker."""

    CHENGQU = "chengqu"
    KUANGQU = "kuangqu"
    JIAOQU = "jiaoqu"
    PINGDING = "pingding"
    YUXIAN = "yuxian"
    DEVZONE = "devzone"

    @property
    def label(self) -> str:
        return str(DISTRICT_LABELS[self])


DISTRICT_LABELS = {
    District.CHENGQU: _l("Chengqu District"),
    District.KUANGQU: _l("Kuangqu District"),
    District.JIAOQU: _l("Jiaoqu District"),
    District.PINGDING: _l("Pingding County"),
    District.YUXIAN: _l("Yu County"),
    District.DEVZONE: _l("Economic and Technological Development Zone"),
}


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    phone: Mapped[str] = mapped_column(String(11), unique=True)
    name: Mapped[str] = mapped_column(String(50))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(EnumText(Role, 20), default=Role.APPLICANT, index=True)
    # Caseworkers: their district, or None for city-wide.
    district: Mapped[str | None] = mapped_column(String(20), index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    locale: Mapped[str | None] = mapped_column(String(10))
    care_mode: Mapped[bool | None] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Deletion asked for by the person: signed out and hidden now, purged after the retention period.
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime)
    purge_after: Mapped[datetime | None] = mapped_column(DateTime)
    # Part of every session's id: raising it signs the account out everywhere (sign-out, a new
    # password, switched off, a new role), so a copied cookie stops working.
    session_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # 组长: a caseworker who may hand over any application of their scope, not only their own.
    leads_team: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    def get_id(self) -> str:  # what Flask-Login keeps in the session
        return f"{self.id}:{self.session_version or 0}"

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive accounts
        return self.active

    @property
    def is_staff(self) -> bool:
        return self.role in STAFF_ROLES

    @property
    def is_applicant(self) -> bool:
        return self.role == Role.APPLICANT

    @property
    def is_helper(self) -> bool:
        return self.role == Role.HELPER

    @property
    def is_caseworker(self) -> bool:
        return self.role == Role.CASEWORKER

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN

    @property
    def is_employer(self) -> bool:
        return self.role == Role.EMPLOYER

    @property
    def masked_phone(self) -> str:
        return f"{self.phone[:3]}****{self.phone[-4:]}"

    @property
    def district_label(self) -> str:
        return District(self.district).label if self.district else ""


class SmsCode(db.Model):
    """A one-time code sent to a phone for registration or a password reset."""

    __tablename__ = "sms_codes"
    __table_args__ = (Index("ix_sms_codes_phone_created", "phone", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    phone: Mapped[str] = mapped_column(String(11))
    purpose: Mapped[str] = mapped_column(String(20))
    code_hash: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    used_at: Mapped[datetime | None] = mapped_column(DateTime)
