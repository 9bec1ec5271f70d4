"""Casework records: ability assessments (职业能力评估) and the reason templates for decisions."""
from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...extensions import db
from ..base import utcnow


class Assessment(db.Model):
    __tablename__ = "assessments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    assessed_on: Mapped[date] = mapped_column(Date)
    method: Mapped[str] = mapped_column(String(30))  # interview | practical | home_visit | records
    work_capacity: Mapped[str] = mapped_column(String(20))  # full | partial | supported | not_now
    directions: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    hard_to_employ: Mapped[bool] = mapped_column(Boolean, default=False)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    created_by = relationship("User", foreign_keys=[created_by_id], lazy="joined")


class DecisionTemplate(db.Model):
    """Editable reasons a caseworker can pick for 不通过 (reject) or 退回补充材料 (ask)."""

    __tablename__ = "decision_templates"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))  # reject | ask
    text: Mapped[str] = mapped_column(String(300))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
