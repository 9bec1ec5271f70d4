"""这项政策适合我吗: the screener's answers, kept for a signed-in person only when they press save."""
from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from ...extensions import db
from ..base import utcnow


class PolicyAnswers(db.Model):
    """One person's saved answers (the keys of services.policies.screener's questions). Without a
    save the answers live only in the visit's session."""

    __tablename__ = "policy_answers"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    district: Mapped[str] = mapped_column(String(20))
    household_type: Mapped[str] = mapped_column(String(10))
    age_band: Mapped[str] = mapped_column(String(10))
    work: Mapped[str] = mapped_column(String(20))
    study: Mapped[str] = mapped_column(String(20))
    business: Mapped[str] = mapped_column(String(20))
    saved_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
