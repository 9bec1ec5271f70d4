"""招聘会: job fairs, online or on site, the employers and jobs at each, and who registered."""
import datetime as dt
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column

from ...extensions import db
from ..base import EnumText, utcnow


class FairMode(StrEnum):
    ONLINE = "online"
    ON_SITE = "on_site"

    @property
    def label(self) -> str:
        return str(FAIR_MODE_LABELS[self])


class FairStatus(StrEnum):
    """draft (admins only) -> published (listed, open to registration) -> closed."""

    DRAFT = "draft"
    PUBLISHED = "published"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return str(FAIR_STATUS_LABELS[self])


FAIR_MODE_LABELS = {FairMode.ONLINE: _l("Online"), FairMode.ON_SITE: _l("On site")}
FAIR_STATUS_LABELS = {FairStatus.DRAFT: _l("Draft"), FairStatus.PUBLISHED: _l("Published"),
                      FairStatus.CLOSED: _l("Closed")}


class Fair(db.Model):
    __tablename__ = "fairs"
    # Listed by status, soonest first; and by district.
    __table_args__ = (Index("ix_fairs_status_date", "status", "date"),
                      Index("ix_fairs_district_date", "district", "date"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(100))
    mode: Mapped[FairMode] = mapped_column(EnumText(FairMode, 10))
    venue: Mapped[str] = mapped_column(String(200), default="")  # an address, or where to join online
    date: Mapped[dt.date] = mapped_column(Date)
    district: Mapped[str | None] = mapped_column(String(20))  # None: city-wide
    accessibility: Mapped[list] = mapped_column(JSON, default=list)  # vocab.VENUE_ACCESSIBILITY keys
    sign_language: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    description: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    status: Mapped[FairStatus] = mapped_column(EnumText(FairStatus, 10), default=FairStatus.DRAFT)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class FairEmployer(db.Model):
    __tablename__ = "fair_employers"
    __table_args__ = (UniqueConstraint("fair_id", "employer_id", name="uq_fair_employers_pair"),
                      Index("ix_fair_employers_employer", "employer_id"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    fair_id: Mapped[int] = mapped_column(ForeignKey("fairs.id"))
    employer_id: Mapped[int] = mapped_column(ForeignKey("employers.id"))


class FairJob(db.Model):
    __tablename__ = "fair_jobs"
    __table_args__ = (UniqueConstraint("fair_id", "opportunity_id", name="uq_fair_jobs_pair"),
                      Index("ix_fair_jobs_opportunity", "opportunity_id"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    fair_id: Mapped[int] = mapped_column(ForeignKey("fairs.id"))
    opportunity_id: Mapped[int] = mapped_column(ForeignKey("opportunities.id"))


class FairRegistration(db.Model):
    """A person registered for a fair, with the support they need to take part."""

    __tablename__ = "fair_registrations"
    # The unique pair serves "who registered for this fair"; the index, "my fairs".
    __table_args__ = (UniqueConstraint("fair_id", "user_id", name="uq_fair_registrations_pair"),
                      Index("ix_fair_registrations_user", "user_id"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    fair_id: Mapped[int] = mapped_column(ForeignKey("fairs.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    support: Mapped[list] = mapped_column(JSON, default=list)  # vocab.FAIR_SUPPORT keys
    attended: Mapped[bool | None] = mapped_column(Boolean)  # None: not recorded yet
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
