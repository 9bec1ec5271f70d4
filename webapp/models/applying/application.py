"""One application model for every kind, its statuses, its event timeline and its notices.

`ApplicationStatus` is the only place the statuses are spelled. The groups below say which are
still open, which are final and which may be withdrawn; what a person may do next is asked of
`services.applications.rules.allowed_actions`, never re-derived from a status elsewhere.
"""
from datetime import datetime
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...extensions import db
from ..base import EnumText, utcnow


class ApplicationStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    UNDER_REVIEW = "under_review"
    NEEDS_INFO = "needs_info"
    APPROVED = "approved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    WAITLISTED = "waitlisted"
    ENROLLED = "enrolled"
    ALLOCATED = "allocated"
    NOT_ALLOCATED = "not_allocated"
    HIRED = "hired"
    # A job's steps with the employer after submission (see the design's state machine).
    SHORTLISTED = "shortlisted"
    INTERVIEW = "interview"  # invited to an interview (models.work.jobs.Interview)
    OFFERED = "offered"
    DECLINED = "declined"    # the applicant declined the offer
    # A subsidy's steps after the district's decision with an amount (models.applying.subsidy.SubsidyAward).
    AWAITING_SIGNOFF = "awaiting_city"  # above the city's threshold: an administrator signs it off
    PAID = "paid"                       # the caseworker recorded the payment

    @property
    def label(self) -> str:
        """The status in words: never colour alone."""
        return str(STATUS_LABELS[self])

    @property
    def is_open(self) -> bool:
        return self in OPEN

    @property
    def is_being_checked(self) -> bool:
        """Claimed by a caseworker, who decides it."""
        return self is ApplicationStatus.UNDER_REVIEW

    @property
    def awaits_claim(self) -> bool:
        """In the queue for any caseworker to claim: nobody is checking it, even when someone
        checked it before it was sent back for more information and sent again."""
        return self is ApplicationStatus.SUBMITTED

    @property
    def asks_the_applicant(self) -> bool:
        """Sent back: the caseworker asked the applicant for more information."""
        return self is ApplicationStatus.NEEDS_INFO

    @property
    def awaits_city(self) -> bool:
        """A subsidy the district approved above the city's threshold: an administrator signs it off."""
        return self is ApplicationStatus.AWAITING_SIGNOFF

    @property
    def awaits_decision(self) -> bool:
        """Sent and not decided yet: the queue counts how long it has waited."""
        return self in AWAITING_DECISION

    @property
    def is_decided(self) -> bool:
        """A decision was made on it (the person may then rate the service): the one home of that rule."""
        return self in DECIDED


S = ApplicationStatus
OPEN = frozenset({S.DRAFT, S.SUBMITTED, S.UNDER_REVIEW, S.NEEDS_INFO, S.APPROVED, S.WAITLISTED,
                  S.SHORTLISTED, S.INTERVIEW, S.OFFERED, S.AWAITING_SIGNOFF})
FINAL = frozenset(set(S) - OPEN)
# Open ones, and an enrolled course place: leaving a course frees the seat for the waiting list
# (rules.py allows that one for courses only).
WITHDRAWABLE = OPEN | {S.ENROLLED}
# A job on the shortlist or at interview still waits for the employer's decision; an offer is
# one, and waits for the applicant's answer instead.
AWAITING_DECISION = frozenset({S.SUBMITTED, S.UNDER_REVIEW, S.NEEDS_INFO, S.SHORTLISTED, S.INTERVIEW})
# A subsidy whose amount stands: decided (waiting for the city, or approved) or paid. Sent back or
# refused, the amount once decided is no longer the applicant's.
AMOUNT_STANDS = frozenset({S.AWAITING_SIGNOFF, S.APPROVED, S.PAID})
# A place taken: a seat on a course, a stall unit, a post or a job.
PLACED = frozenset({S.ENROLLED, S.ALLOCATED, S.HIRED})
# Decided by a caseworker, an employer or a draw, or a subsidy paid: what a person may rate the service after.
DECIDED = frozenset({S.APPROVED, S.REJECTED, S.ENROLLED, S.ALLOCATED, S.NOT_ALLOCATED, S.HIRED, S.PAID})

STATUS_LABELS = {
    S.DRAFT: _l("Draft, not sent"),
    S.SUBMITTED: _l("Submitted, waiting for a caseworker"),
    S.UNDER_REVIEW: _l("Being checked by a caseworker"),
    S.NEEDS_INFO: _l("More information needed"),
    S.APPROVED: _l("Approved"),
    S.REJECTED: _l("Not approved"),
    S.WITHDRAWN: _l("Withdrawn"),
    S.WAITLISTED: _l("On the waiting list"),
    S.ENROLLED: _l("Enrolled"),
    S.ALLOCATED: _l("Unit allocated"),
    S.NOT_ALLOCATED: _l("No unit in the draw"),
    S.HIRED: _l("Hired"),
    S.SHORTLISTED: _l("On the employer's shortlist"),
    S.INTERVIEW: _l("Invited to an interview"),
    S.OFFERED: _l("Offered the job"),
    S.DECLINED: _l("Job offer declined"),
    S.AWAITING_SIGNOFF: _l("Approved by the district, waiting for the city's sign-off"),
    S.PAID: _l("Paid"),
}


def status_column(**kwargs):
    return mapped_column(EnumText(ApplicationStatus, 15), **kwargs)


class Application(db.Model):
    __tablename__ = "applications"
    # Each index names the page it serves; the queue's and the dashboard's cover their queries, so
    # counting a district's or a year's applications reads the index alone, not the rows.
    __table_args__ = (
        # The casework queue (per applicant of a district: status, waiting since, item, checker).
        Index("ix_applications_applicant_queue", "applicant_id", "status", "submitted_at", "opportunity_id",
              "assigned_to_id"),
        # My applications, most recently changed first.
        Index("ix_applications_applicant_updated", "applicant_id", "updated_at"),
        Index("ix_applications_opportunity_status", "opportunity_id", "status"),
        # The queue filtered to one status: its longest waiting first, twenty rows read, none sorted.
        Index("ix_applications_status_waiting", "status", "submitted_at", "id"),
        # The dashboard: sent this year by status; decided this year, and how long that took.
        Index("ix_applications_submitted_status", "submitted_at", "status"),
        Index("ix_applications_decided_submitted", "decided_at", "submitted_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str | None] = mapped_column(String(20), unique=True)
    applicant_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    opportunity_id: Mapped[int] = mapped_column(ForeignKey("opportunities.id"))
    status: Mapped[ApplicationStatus] = status_column(default=ApplicationStatus.DRAFT)
    answers: Mapped[dict] = mapped_column(JSON, default=dict)
    # Waiting list order for a full course: the time the person was approved.
    waitlisted_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Set when consent to use disability data is withdrawn while the application is open.
    consent_withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime)
    assigned_to_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)

    opportunity = relationship("Opportunity", lazy="joined")
    applicant = relationship("User", foreign_keys=[applicant_id], lazy="joined")

    @property
    def holds_place(self) -> bool:
        """A seat on the course, a stall unit or a post is this application's."""
        return self.status in PLACED


# One application per person and item at a time: a second start, however fast after the first,
# is refused by the database itself (a withdrawn one does not count, so the person can apply again).
Index("uq_applications_one_per_person", Application.applicant_id, Application.opportunity_id, unique=True,
      sqlite_where=Application.status != ApplicationStatus.WITHDRAWN,
      postgresql_where=Application.status != ApplicationStatus.WITHDRAWN)


class ApplicationEvent(db.Model):
    """One row per transition: who, for whom, when, from, to, why."""

    __tablename__ = "application_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    on_behalf: Mapped[bool] = mapped_column(Boolean, default=False)
    from_status: Mapped[ApplicationStatus | None] = status_column()
    to_status: Mapped[ApplicationStatus] = status_column()
    reason: Mapped[str | None] = mapped_column(Text)

    actor = relationship("User", lazy="joined")


class NoticeKind(StrEnum):
    APPLICATION = "application"      # an application changed: `to_status` says to what
    HELPER_LINKED = "helper_linked"  # a family helper can now act for the person: `helper_link_id`
    FEEDBACK_REPLY = "feedback_reply"  # the district replied to the person's feedback: `feedback_id`


class Notice(db.Model):
    """服务通知: rendered in the reader's language from what it reports."""

    __tablename__ = "notices"
    # Unread ones for the tab bar's count; the inbox newest first.
    __table_args__ = (Index("ix_notices_user_read", "user_id", "read_at"),
                      Index("ix_notices_user_created", "user_id", "created_at"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[NoticeKind] = mapped_column(EnumText(NoticeKind, 20), default=NoticeKind.APPLICATION,
                                             server_default=NoticeKind.APPLICATION.value)
    application_id: Mapped[int | None] = mapped_column(ForeignKey("applications.id"))
    helper_link_id: Mapped[int | None] = mapped_column(ForeignKey("helper_links.id", ondelete="SET NULL"))
    feedback_id: Mapped[int | None] = mapped_column(ForeignKey("feedback.id"))
    to_status: Mapped[ApplicationStatus | None] = status_column()
    reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(DateTime)

    application = relationship("Application", lazy="joined")
    helper_link = relationship("HelperLink", lazy="joined")
    feedback = relationship("Feedback", lazy="joined")

    @property
    def about_a_helper(self) -> bool:
        return self.kind == NoticeKind.HELPER_LINKED

    @property
    def about_feedback(self) -> bool:
        return self.kind == NoticeKind.FEEDBACK_REPLY
