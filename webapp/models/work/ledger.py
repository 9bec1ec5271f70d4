"""一人一策: the ledger of disabled students and graduates, one plan per person, its actions and
each contact with the person."""
from datetime import date, datetime
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...extensions import db
from ..base import EnumText, utcnow


class GraduateStatus(StrEnum):
    STUDENT = "student"    # still at school or college (the year before graduating)
    GRADUATE = "graduate"

    @property
    def label(self) -> str:
        return str(GRADUATE_STATUS_LABELS[self])


GRADUATE_STATUS_LABELS = {GraduateStatus.STUDENT: _l("Student"), GraduateStatus.GRADUATE: _l("Graduate")}


class GraduatePlan(db.Model):
    __tablename__ = "graduate_plans"
    # The ledger of a district, by graduation year.
    __table_args__ = (Index("ix_graduate_plans_district_year", "district", "graduation_year"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), unique=True)
    district: Mapped[str] = mapped_column(String(20))
    school: Mapped[str] = mapped_column(String(100))
    graduation_year: Mapped[int] = mapped_column(Integer)
    status: Mapped[GraduateStatus] = mapped_column(EnumText(GraduateStatus, 10), default=GraduateStatus.STUDENT)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    user = relationship("User", foreign_keys=[user_id])


class PlanAction(db.Model):
    """One step of a plan: what, who does it, by when, and when it was done."""

    __tablename__ = "plan_actions"
    __table_args__ = (Index("ix_plan_actions_plan_due", "plan_id", "due_on"),
                      # Actions due across the ledger, not done yet.
                      Index("ix_plan_actions_due_done", "due_on", "done_on"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("graduate_plans.id"))
    text: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(100))  # who does it, in words (a caseworker, the school, …)
    due_on: Mapped[date | None] = mapped_column(Date)
    done_on: Mapped[date | None] = mapped_column(Date)


class PlanContact(db.Model):
    """A contact with the person (a call, a visit), newest first on the plan."""

    __tablename__ = "plan_contacts"
    __table_args__ = (Index("ix_plan_contacts_plan_at", "plan_id", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("graduate_plans.id"))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    notes: Mapped[str] = mapped_column(Text)
