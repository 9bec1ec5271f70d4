"""After a hire: the caseworker's follow-up visits (1, 3 and 6 months), and employment a
caseworker records that did not come through the service."""
from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...extensions import db
from ..base import utcnow

FOLLOW_UP_MONTHS = (1, 3, 6)


class FollowUp(db.Model):
    """One visit due `month` months after a hire; done when `done_on` is set."""

    __tablename__ = "follow_ups"
    # The caseworkers' list of visits due (not done, soonest first); one visit per month per hire.
    __table_args__ = (Index("ix_follow_ups_due_done", "due_on", "done_on"),
                      UniqueConstraint("application_id", "month", name="uq_follow_ups_application_month"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"))
    due_on: Mapped[date] = mapped_column(Date)
    month: Mapped[int] = mapped_column(Integer)  # one of FOLLOW_UP_MONTHS
    done_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    application = relationship("Application")

    @property
    def is_done(self) -> bool:
        return self.done_on is not None

    def overdue_on(self, day: date) -> bool:
        return self.done_on is None and self.due_on < day


class EmploymentRecord(db.Model):
    """A job a caseworker recorded for a person (found without the service); counts as employed."""

    __tablename__ = "employment_records"
    __table_args__ = (Index("ix_employment_records_user_since", "user_id", "since"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    employer_name: Mapped[str] = mapped_column(String(100))
    since: Mapped[date] = mapped_column(Date)
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
