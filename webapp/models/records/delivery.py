"""The outbox: one row per text message, written in the transaction that decided to send it."""
from datetime import datetime
from enum import StrEnum

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ...extensions import db
from ..base import EnumText, utcnow


class DeliveryStatus(StrEnum):
    PENDING = "pending"   # waiting for its (next) attempt at `next_attempt_at`
    SENDING = "sending"   # claimed by one delivery task: no other may send it
    SENT = "sent"
    FAILED = "failed"     # given up after the last attempt, or interrupted while sending


class Delivery(db.Model):
    """A message to one phone. `key` says what it tells (e.g. "notice:42"), so it is queued once.

    The text is kept as sent (Chinese, as the gateway receives it); `last_error` holds the
    gateway's reason, never the text or the full number.
    """

    __tablename__ = "deliveries"
    __table_args__ = (Index("ix_deliveries_status_next_attempt", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(80), unique=True)
    channel: Mapped[str] = mapped_column(String(10), default="sms", server_default="sms")
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    notice_id: Mapped[int | None] = mapped_column(ForeignKey("notices.id", ondelete="SET NULL"))
    phone: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[DeliveryStatus] = mapped_column(EnumText(DeliveryStatus, 10), default=DeliveryStatus.PENDING,
                                                   server_default=DeliveryStatus.PENDING.value)
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_error: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime)

    @property
    def masked_phone(self) -> str:
        return f"{self.phone[:3]}****{self.phone[-4:]}" if len(self.phone) > 7 else "****"
