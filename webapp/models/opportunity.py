"""What the city publishes: training courses, reserved stalls and public-welfare posts.

One table for the three kinds keeps finding, applying and counting in one place; the columns
that only one kind uses are nullable and named for what they hold.
"""
from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .base import utcnow

COURSE, STALL, POST = "course", "stall", "post"


class Opportunity(db.Model):
    __tablename__ = "opportunities"
    __table_args__ = (Index("ix_opportunities_kind_status_deadline", "kind", "status", "deadline"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))  # course | stall | post
    status: Mapped[str] = mapped_column(String(10), default="draft")  # draft | published | closed
    title: Mapped[str] = mapped_column(String(100))
    # course: training category; stall: stall kind; post: unused
    category: Mapped[str | None] = mapped_column(String(30), index=True)
    # course: training provider; stall: market or place name; post: employer
    provider: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(Text, default="")
    district: Mapped[str] = mapped_column(String(20), index=True)
    address: Mapped[str] = mapped_column(String(200), default="")
    accessibility: Mapped[list] = mapped_column(JSON, default=list)
    rural: Mapped[bool] = mapped_column(Boolean, default=False)
    # course: seats; stall: units reserved for disabled applicants; post: places reserved
    capacity: Mapped[int] = mapped_column(Integer)
    # stall: all units; post: all places (the reserved share is capacity / total)
    total: Mapped[int | None] = mapped_column(Integer)
    # Taken places (enrolled, allocated, hired), changed only by a guarded UPDATE.
    taken: Mapped[int] = mapped_column(Integer, default=0)
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    schedule: Mapped[str | None] = mapped_column(String(200))
    opens_on: Mapped[date | None] = mapped_column(Date)
    deadline: Mapped[date] = mapped_column(Date)
    subsidy: Mapped[str | None] = mapped_column(String(100))
    suits_categories: Mapped[list] = mapped_column(JSON, default=list)  # empty: everyone
    monthly_fee: Mapped[int | None] = mapped_column(Integer)
    fee_reduction: Mapped[str | None] = mapped_column(String(100))
    hours: Mapped[str | None] = mapped_column(String(100))
    pay: Mapped[str | None] = mapped_column(String(100))
    social_insurance: Mapped[str | None] = mapped_column(String(100))
    physical_requirements: Mapped[str | None] = mapped_column(Text)
    # stall: the seed of the allocation draw, published with the opening
    draw_seed: Mapped[str | None] = mapped_column(String(64))
    draw_run_at: Mapped[datetime | None] = mapped_column(DateTime)
    # The sorted references that entered the draw, kept so anyone can re-run it.
    draw_entries: Mapped[list | None] = mapped_column(JSON)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(DateTime)

    @property
    def left(self) -> int:
        return max(self.capacity - self.taken, 0)


class OpportunityChange(db.Model):
    """What changed when a published item was edited: {field: [old, new]}."""

    __tablename__ = "opportunity_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    opportunity_id: Mapped[int] = mapped_column(ForeignKey("opportunities.id"), index=True)
    changed_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    changes: Mapped[dict] = mapped_column(JSON, default=dict)


class SavedItem(db.Model):
    """收藏: an opportunity a person keeps for later."""

    __tablename__ = "saved_items"
    __table_args__ = (UniqueConstraint("user_id", "opportunity_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    opportunity_id: Mapped[int] = mapped_column(ForeignKey("opportunities.id"))
    saved_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
