"""需求反馈与好差评: a person's question, need or complaint with the district's reply and its clock;
their rating of the service after a decision or a reply; and the call-back a poor rating asks for."""
from datetime import date, datetime
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...extensions import db
from ..base import EnumText, utcnow


class FeedbackKind(StrEnum):
    QUESTION = "question"
    NEED = "need"
    COMPLAINT = "complaint"

    @property
    def label(self) -> str:
        return str(FEEDBACK_KIND_LABELS[self])


FEEDBACK_KIND_LABELS = {
    FeedbackKind.QUESTION: _l("Question"),
    FeedbackKind.NEED: _l("Need for support"),
    FeedbackKind.COMPLAINT: _l("Complaint"),
}


class Grade(StrEnum):
    GOOD = "good"
    FAIR = "fair"
    POOR = "poor"

    @property
    def label(self) -> str:
        return str(GRADE_LABELS[self])


GRADE_LABELS = {Grade.GOOD: _l("Good"), Grade.FAIR: _l("Fair"), Grade.POOR: _l("Poor")}


class Feedback(db.Model):
    """One question, need or complaint; answered when `replied_at` is set. `due_on` is the last
    service day for the reply (FEEDBACK_REPLY_WORKING_DAYS working days after `received_on`)."""

    __tablename__ = "feedback"
    __table_args__ = (
        # The person's own list, newest first.
        Index("ix_feedback_user_created", "user_id", "created_at"),
        # The caseworkers' queue (not answered, soonest due first) and the admin's overdue list.
        Index("ix_feedback_replied_due", "replied_at", "due_on"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    on_behalf: Mapped[bool] = mapped_column(Boolean, default=False)
    kind: Mapped[FeedbackKind] = mapped_column(EnumText(FeedbackKind, 12))
    application_id: Mapped[int | None] = mapped_column(ForeignKey("applications.id"))
    body: Mapped[str] = mapped_column(Text)
    came_from: Mapped[str | None] = mapped_column(String(200))  # the page the form was opened from
    received_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    reply: Mapped[str | None] = mapped_column(Text)
    replied_at: Mapped[datetime | None] = mapped_column(DateTime)
    replied_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reply_working_days: Mapped[int | None] = mapped_column(Integer)  # how long the reply took

    person = relationship("User", foreign_keys=[user_id], lazy="joined")
    application = relationship("Application", lazy="joined")

    @property
    def is_answered(self) -> bool:
        return self.replied_at is not None

    def overdue_on(self, day: date) -> bool:
        """Not answered, and its last day for a reply has passed."""
        return self.replied_at is None and self.due_on < day


class Rating(db.Model):
    """好/中/差 of the service: once per decided application, once per answered feedback."""

    __tablename__ = "ratings"
    __table_args__ = (Index("ix_ratings_user_created", "user_id", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    on_behalf: Mapped[bool] = mapped_column(Boolean, default=False)
    # Exactly one of the two; each unique, so a second rating of the same thing is refused by the database too.
    application_id: Mapped[int | None] = mapped_column(ForeignKey("applications.id"), unique=True)
    feedback_id: Mapped[int | None] = mapped_column(ForeignKey("feedback.id"), unique=True)
    grade: Mapped[Grade] = mapped_column(EnumText(Grade, 8))
    words: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    application = relationship("Application", lazy="joined")
    feedback = relationship("Feedback", lazy="joined")


class CallBack(db.Model):
    """回访: a caseworker of the district calls the person back after a poor rating; done when `called_at` is set."""

    __tablename__ = "call_backs"
    __table_args__ = (Index("ix_call_backs_called_created", "called_at", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    rating_id: Mapped[int] = mapped_column(ForeignKey("ratings.id"), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    called_at: Mapped[datetime | None] = mapped_column(DateTime)
    called_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    notes: Mapped[str | None] = mapped_column(Text)

    rating = relationship("Rating", lazy="joined")
    called_by = relationship("User", lazy="joined")

    @property
    def is_done(self) -> bool:
        return self.called_at is not None
