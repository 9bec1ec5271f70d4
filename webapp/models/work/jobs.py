"""What a job application adds: interviews, and the needs passport the applicant chose to share.

A job application is an `Application` of an `Opportunity` of kind JOB; its employer steps are
statuses of the one `ApplicationStatus` (shortlisted, interview, offered, hired, declined).
"""
from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...extensions import db
from ..base import utcnow


class Interview(db.Model):
    """An invitation to interview, with the arrangements the applicant needs."""

    __tablename__ = "interviews"
    __table_args__ = (Index("ix_interviews_application_at", "application_id", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"))
    at: Mapped[datetime] = mapped_column(DateTime)  # naive, service time (Asia/Shanghai) as typed
    place: Mapped[str] = mapped_column(String(200))
    # Step-free entrance, a quiet room, written questions, more time, …: in plain words.
    arrangements: Mapped[str | None] = mapped_column(Text)
    interpreter_requested: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    application = relationship("Application")


class SharedPassport(db.Model):
    """就业需求护照: what of their needs registration, training, assessment and disability
    category the applicant chose to share with this employer. Nothing else is ever shown to it."""

    __tablename__ = "shared_passports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), unique=True)
    share_accommodations: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    share_preferences: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    share_training: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    share_assessment: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    share_category: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    @property
    def shares_anything(self) -> bool:
        return any((self.share_accommodations, self.share_preferences, self.share_training,
                    self.share_assessment, self.share_category))
