"""One application model for the three kinds, its event timeline and the notices it sends."""
from datetime import datetime

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .base import utcnow


class Application(db.Model):
    __tablename__ = "applications"
    __table_args__ = (
        Index("ix_applications_applicant_status", "applicant_id", "status"),
        Index("ix_applications_opportunity_status", "opportunity_id", "status"),
        Index("ix_applications_submitted_at", "submitted_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str | None] = mapped_column(String(20), unique=True)
    applicant_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    opportunity_id: Mapped[int] = mapped_column(ForeignKey("opportunities.id"))
    status: Mapped[str] = mapped_column(String(15), default="draft")
    answers: Mapped[dict] = mapped_column(JSON, default=dict)
    # Waiting list order for a full course: the time the person was approved.
    waitlisted_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Set when consent to use disability data is withdrawn while the application is open.
    consent_withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime)
    assigned_to_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)

    opportunity = relationship("Opportunity", lazy="joined")
    applicant = relationship("User", foreign_keys=[applicant_id], lazy="joined")


class ApplicationEvent(db.Model):
    """One row per transition: who, for whom, when, from, to, why."""

    __tablename__ = "application_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    on_behalf: Mapped[bool] = mapped_column(Boolean, default=False)
    from_status: Mapped[str | None] = mapped_column(String(15))
    to_status: Mapped[str] = mapped_column(String(15))
    reason: Mapped[str | None] = mapped_column(Text)

    actor = relationship("User", lazy="joined")


class Notice(db.Model):
    """服务通知: rendered in the reader's language from the status it reports."""

    __tablename__ = "notices"
    __table_args__ = (Index("ix_notices_user_read", "user_id", "read_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    application_id: Mapped[int | None] = mapped_column(ForeignKey("applications.id"))
    to_status: Mapped[str] = mapped_column(String(15))
    reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(DateTime)

    application = relationship("Application", lazy="joined")
