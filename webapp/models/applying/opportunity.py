"""What the city publishes: training courses, reserved stalls and public-welfare posts; and the
jobs verified employers post.

One table for the three kinds keeps finding, applying and counting in one place; the columns
that only one kind uses are nullable and named for what they hold.
"""
from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    and_,
    case,
    event,
    false,
    or_,
)
from sqlalchemy.ext.hybrid import hybrid_method
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...extensions import db
from ...vocab import accommodation_flags
from ..base import EnumText, utcnow
from .kinds import JobKind, OpportunityKind, OpportunityStatus, SubsidyKind


class Opportunity(db.Model):
    __tablename__ = "opportunities"
    __table_args__ = (Index("ix_opportunities_kind_status_deadline", "kind", "status", "deadline"),
                      # An employer's own jobs, newest first.
                      Index("ix_opportunities_employer_created", "employer_id", "created_at"),
                      # The jobs that fit a person (services.jobs.finding): every column the ranking
                      # reads, so the open jobs are scored and sorted from the index alone.
                      Index("ix_opportunities_job_fit", "kind", "status", "deadline", "opens_on", "job_kind",
                            "district", "pay_max", "for_graduates", "accommodation_flags", "id"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[OpportunityKind] = mapped_column(EnumText(OpportunityKind, 10))
    status: Mapped[OpportunityStatus] = mapped_column(EnumText(OpportunityStatus, 10),
                                                      default=OpportunityStatus.DRAFT)
    title: Mapped[str] = mapped_column(String(100))
    # course: training category; stall: stall kind; subsidy: the measure (SubsidyKind); post: unused
    category: Mapped[str | None] = mapped_column(String(30), index=True)
    # course: training provider; stall: market or place name; post: employer
    provider: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(Text, default="")
    district: Mapped[str] = mapped_column(String(20), index=True)
    address: Mapped[str] = mapped_column(String(200), default="")
    accessibility: Mapped[list] = mapped_column(JSON, default=list)
    rural: Mapped[bool] = mapped_column(Boolean, default=False)
    # course: seats; stall: units reserved for disabled applicants; post: places reserved;
    # subsidy: how many people the budget is meant for (shown; a subsidy takes no place)
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
    # What a person who is accepted needs to know next: whom to contact and what to bring.
    contact: Mapped[str | None] = mapped_column(String(100))
    what_to_bring: Mapped[str | None] = mapped_column(String(200))
    # When applications were closed by hand before the deadline (None: they close at the deadline).
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)
    # stall: the seed of the allocation draw; only its commitment (sha256) is public until the draw
    draw_seed: Mapped[str | None] = mapped_column(String(64))
    draw_commitment: Mapped[str | None] = mapped_column(String(64))
    # The public number mixed into the seed at the draw (e.g. a lottery result after the close),
    # and where anyone can check it.
    draw_public_number: Mapped[str | None] = mapped_column(String(100))
    draw_public_source: Mapped[str | None] = mapped_column(String(200))
    draw_run_at: Mapped[datetime | None] = mapped_column(DateTime)
    # The sorted references that entered the draw, kept so anyone can re-run it.
    draw_entries: Mapped[list | None] = mapped_column(JSON)
    # job: the employer that posted it. Reused for jobs: title, description, district, address,
    # accessibility (vocab.WORKPLACE_ACCESSIBILITY keys), hours, deadline, capacity (openings).
    employer_id: Mapped[int | None] = mapped_column(ForeignKey("employers.id"))
    job_kind: Mapped[JobKind | None] = mapped_column(EnumText(JobKind, 20))
    pay_min: Mapped[int | None] = mapped_column(Integer)  # yuan a month
    pay_max: Mapped[int | None] = mapped_column(Integer)
    duties: Mapped[str | None] = mapped_column(Text)  # what the work involves, in plain words
    suits: Mapped[str | None] = mapped_column(Text)   # whom it suits
    accommodations: Mapped[list | None] = mapped_column(JSON, default=list)  # vocab.JOB_ACCOMMODATIONS keys offered
    # The same keys as bits (vocab.accommodation_flags), kept in step on every write (below).
    accommodation_flags: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    for_graduates: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # A post a state body or public institution keeps for a disabled person (按比例安排 rule).
    state_reserved: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # Why an administrator took a job down, shown to its employer.
    unpublished_reason: Mapped[str | None] = mapped_column(Text)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(DateTime)

    employer = relationship("Employer")  # lazy: list pages load it with selectinload

    @property
    def subsidy_kind(self) -> SubsidyKind | None:
        """A subsidy item's measure, or None for other kinds."""
        if self.kind != OpportunityKind.SUBSIDY or self.category not in set(SubsidyKind):
            return None
        return SubsidyKind(self.category)

    @property
    def left(self) -> int:
        return max(self.capacity - self.taken, 0)

    @hybrid_method
    def window_open_on(self, day: date) -> bool:
        """Inside its application window on `day`: from `opens_on` (if any) to the deadline."""
        return self.deadline >= day and (self.opens_on is None or self.opens_on <= day)

    @window_open_on.inplace.expression
    @classmethod
    def _window_open_on_expression(cls, day: date):
        return and_(cls.deadline >= day, or_(cls.opens_on.is_(None), cls.opens_on <= day))

    def takes_applications_on(self, day: date) -> bool:
        """Published and inside its window: the Apply button shows, and applying is allowed."""
        return self.status == OpportunityStatus.PUBLISHED and self.window_open_on(day)

    @hybrid_method
    def opens_after(self, day: date) -> bool:
        """Not open yet on `day`: applications start on a later day."""
        return self.opens_on is not None and self.opens_on > day

    @opens_after.inplace.expression
    @classmethod
    def _opens_after_expression(cls, day: date):
        return and_(cls.opens_on.is_not(None), cls.opens_on > day)

    def place_parts(self, *more: str) -> list[str]:
        """Where it is, in words, each part once: the provider (or market, or employer), the
        address and what follows (the district). A part already inside another part is left out, so
        万达广场 at 万达广场 reads 万达广场, not 万达广场、万达广场."""
        parts = list(dict.fromkeys(part.strip() for part in (self.provider, self.address, *more) if part and part.strip()))
        return [part for part in parts if not any(part != other and part in other for other in parts)]

    @hybrid_method
    def applications_closed_on(self, day: date) -> bool:
        """No more applications on `day`: closed by hand (early), or the deadline has passed."""
        return self.status == OpportunityStatus.CLOSED or self.deadline < day

    @applications_closed_on.inplace.expression
    @classmethod
    def _applications_closed_on_expression(cls, day: date):
        return or_(cls.status == OpportunityStatus.CLOSED, cls.deadline < day)

    @hybrid_method
    def listed_status(self, day: date) -> "OpportunityStatus":
        """What the administrators' list calls it on `day`: a draft; published, while it takes or is
        about to take applications; closed, by hand or because the deadline has passed."""
        if self.status == OpportunityStatus.DRAFT:
            return OpportunityStatus.DRAFT
        return OpportunityStatus.CLOSED if self.applications_closed_on(day) else OpportunityStatus.PUBLISHED

    @listed_status.inplace.expression
    @classmethod
    def _listed_status_expression(cls, day: date):
        return case((cls.status == OpportunityStatus.DRAFT, OpportunityStatus.DRAFT.value),
                    (cls.applications_closed_on(day), OpportunityStatus.CLOSED.value),
                    else_=OpportunityStatus.PUBLISHED.value)

    def deadline_passed_on(self, day: date) -> bool:
        """The last day to apply was before `day` (the service's day: dates.today())."""
        return self.deadline < day


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


@event.listens_for(Opportunity, "before_insert")
@event.listens_for(Opportunity, "before_update")
def _keep_accommodation_flags(_mapper, _connection, target: Opportunity) -> None:
    target.accommodation_flags = accommodation_flags(target.accommodations)
