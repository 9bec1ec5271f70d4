"""用人单位: an employer's account details, its verification by the city and its quota position.

An employer signs in as a user with `Role.EMPLOYER`; this row holds what the city checks before
its jobs are published (统一社会信用代码, business licence) and the numbers behind its quota
(按比例安排残疾人就业: at least 1.5% of staff, `EMPLOYER_QUOTA_RATIO`).
"""
from datetime import datetime
from decimal import ROUND_CEILING, Decimal
from enum import StrEnum

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...extensions import db
from ..base import EnumText, utcnow

DEFAULT_QUOTA_RATIO = 0.015


class OrgType(StrEnum):
    STATE_BODY = "state_body"                  # 党政机关
    PUBLIC_INSTITUTION = "public_institution"  # 事业单位
    STATE_FIRM = "state_firm"                  # 国有企业
    PRIVATE_FIRM = "private_firm"              # 民营企业
    SOCIAL_ORG = "social_org"                  # 社会组织
    AUXILIARY = "auxiliary"                    # 辅助性就业机构
    BLIND_MASSAGE = "blind_massage"            # 盲人按摩机构

    @property
    def label(self) -> str:
        return str(ORG_TYPE_LABELS[self])


ORG_TYPE_LABELS = {
    OrgType.STATE_BODY: _l("Party or government body"),
    OrgType.PUBLIC_INSTITUTION: _l("Public institution"),
    OrgType.STATE_FIRM: _l("State-owned enterprise"),
    OrgType.PRIVATE_FIRM: _l("Private enterprise"),
    OrgType.SOCIAL_ORG: _l("Social organisation"),
    OrgType.AUXILIARY: _l("Auxiliary employment organisation"),
    OrgType.BLIND_MASSAGE: _l("Massage centre run by blind people"),
}
# Staff counts from which a state body (党政机关) or public institution (事业单位) must employ at
# least one disabled person (the plan's 党政机关、事业单位 rule).
STATE_RULE_STAFF = {OrgType.STATE_BODY: 50, OrgType.PUBLIC_INSTITUTION: 67}


class EmployerStatus(StrEnum):
    """pending (registered, waiting for the city) -> verified | rejected (with a reason)."""

    PENDING = "pending"
    VERIFIED = "verified"
    REJECTED = "rejected"

    @property
    def label(self) -> str:
        return str(EMPLOYER_STATUS_LABELS[self])


EMPLOYER_STATUS_LABELS = {
    EmployerStatus.PENDING: _l("Waiting for verification"),
    EmployerStatus.VERIFIED: _l("Verified"),
    EmployerStatus.REJECTED: _l("Not verified"),
}


class Employer(db.Model):
    __tablename__ = "employers"
    # The administrators' list: by status (pending first), newest first; and by district.
    __table_args__ = (Index("ix_employers_status_created", "status", "created_at"),
                      Index("ix_employers_district_status", "district", "status"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), unique=True)  # the employer's account
    name: Mapped[str] = mapped_column(String(100))
    org_type: Mapped[OrgType] = mapped_column(EnumText(OrgType, 20))
    # 统一社会信用代码, as services.employers.credit_code.check returns it.
    credit_code: Mapped[str] = mapped_column(String(18), unique=True)
    district: Mapped[str] = mapped_column(String(20))
    contact_name: Mapped[str] = mapped_column(String(50))
    contact_phone: Mapped[str] = mapped_column(String(20))
    status: Mapped[EmployerStatus] = mapped_column(EnumText(EmployerStatus, 10), default=EmployerStatus.PENDING)
    status_reason: Mapped[str | None] = mapped_column(Text)  # why it was not verified
    # A photo of the business licence (营业执照), kept like any other evidence.
    licence_evidence_id: Mapped[int | None] = mapped_column(ForeignKey("evidence.id"))
    verified_at: Mapped[datetime | None] = mapped_column(DateTime)
    verified_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    staff_count: Mapped[int | None] = mapped_column(Integer)
    disabled_staff: Mapped[int | None] = mapped_column(Integer)
    # The administrator who last corrected the two numbers above (None: as the employer gave them).
    numbers_corrected_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    user = relationship("User", foreign_keys=[user_id])

    @property
    def is_verified(self) -> bool:
        return self.status == EmployerStatus.VERIFIED

    @property
    def quota_required(self) -> int | None:
        """Disabled staff the quota asks for: staff × ratio, rounded up; None while staff is unknown.

        Decimal on purpose: 1000 × 0.015 is 15.000000000000002 in floating point.
        """
        if self.staff_count is None:
            return None
        ratio = Decimal(str(current_app.config.get("EMPLOYER_QUOTA_RATIO", DEFAULT_QUOTA_RATIO)))
        return int((self.staff_count * ratio).to_integral_value(rounding=ROUND_CEILING))

    @property
    def quota_met(self) -> bool | None:
        """Employs at least the quota; None while either number is unknown."""
        required = self.quota_required
        if required is None or self.disabled_staff is None:
            return None
        return self.disabled_staff >= required

    @property
    def state_rule_applies(self) -> bool:
        """A state body of 50 or more staff, or a public institution of 67 or more, must employ at
        least one disabled person, whatever the quota says."""
        least = STATE_RULE_STAFF.get(self.org_type)
        return least is not None and self.staff_count is not None and self.staff_count >= least
