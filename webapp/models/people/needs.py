"""就业需求登记: what work and support a person wants. Drafts, then numbered submitted versions."""
from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ...extensions import db
from ..base import EnumText, utcnow


class NeedsStatus(StrEnum):
    DRAFT = "draft"  # changes in progress, one per person
    SUBMITTED = "submitted"  # a numbered version, kept as history


class NeedsRegistration(db.Model):
    __tablename__ = "needs_registrations"
    __table_args__ = (Index("ix_needs_user_status", "user_id", "status"),
                      UniqueConstraint("user_id", "version", name="uq_needs_user_version"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    status: Mapped[NeedsStatus] = mapped_column(EnumText(NeedsStatus, 10), default=NeedsStatus.DRAFT)
    version: Mapped[int | None] = mapped_column(Integer)
    employment_status: Mapped[str | None] = mapped_column(String(20))
    job_types: Mapped[list] = mapped_column(JSON, default=list)
    job_types_other: Mapped[str | None] = mapped_column(String(100))
    work_patterns: Mapped[list] = mapped_column(JSON, default=list)
    districts: Mapped[list] = mapped_column(JSON, default=list)
    pay_min: Mapped[int | None] = mapped_column(Integer)
    pay_max: Mapped[int | None] = mapped_column(Integer)
    training_interests: Mapped[list] = mapped_column(JSON, default=list)
    accommodations: Mapped[list] = mapped_column(JSON, default=list)
    accommodations_other: Mapped[str | None] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime)
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    on_behalf: Mapped[bool] = mapped_column(Boolean, default=False)
