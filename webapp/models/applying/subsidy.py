"""A subsidy's decision and payment, and the city's sign-off threshold.

The application (kind subsidy) moves on the one state machine; what only a subsidy has — the
amount decided, the city's sign-off and the payment — is kept beside it, one row per application,
written in the same transaction as the move it belongs to.
"""
from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...extensions import db
from ..base import utcnow

DEFAULT_SIGNOFF_THRESHOLD = 5000  # yuan: a decision above this needs the city's sign-off


class SubsidyAward(db.Model):
    __tablename__ = "subsidy_awards"
    # The dashboard's "people funded": paid in a year, per person.
    __table_args__ = (Index("ix_subsidy_awards_paid_on", "paid_on", "applicant_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), unique=True)
    applicant_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    amount: Mapped[int] = mapped_column(Integer)  # whole yuan, as decided by the district
    reason: Mapped[str] = mapped_column(Text)
    decided_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # The threshold in force when it was decided, so the record says why it went to the city.
    threshold: Mapped[int] = mapped_column(Integer)
    signed_off_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    signed_off_at: Mapped[datetime | None] = mapped_column(DateTime)
    paid_on: Mapped[date | None] = mapped_column(Date)  # the service day of the payment
    paid_amount: Mapped[int | None] = mapped_column(Integer)
    paid_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    paid_at: Mapped[datetime | None] = mapped_column(DateTime)

    application = relationship("Application", lazy="joined")

    @property
    def needs_signoff(self) -> bool:
        return self.amount > self.threshold


class SubsidyPhoto(db.Model):
    """A photo (models.applying.evidence.Evidence of kind "subsidy") sent with a subsidy application."""

    __tablename__ = "subsidy_photos"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), index=True)
    evidence_id: Mapped[int] = mapped_column(ForeignKey("evidence.id"), unique=True)

    evidence = relationship("Evidence", lazy="joined")


class SubsidySettings(db.Model):
    """One row: the amount above which a district's decision needs the city's sign-off."""

    __tablename__ = "subsidy_settings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    signoff_threshold: Mapped[int] = mapped_column(Integer, default=DEFAULT_SIGNOFF_THRESHOLD)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
