"""Moving between districts: one transfer row per move of a person (who moved them, when, from,
to) and one item per thing the move concerned (an open application or a plan that moved, a
decided application that stays readable by the district that decided it)."""
from datetime import datetime
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, String, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...extensions import db
from ..base import EnumText, utcnow
from ..people.user import District


class TransferItemKind(StrEnum):
    """What an item of a transfer is; `item_id` is the id of a row of the table the kind names."""

    APPLICATION = "application"            # an open application: now in the new district's queue
    APPLICATION_KEPT = "application_kept"  # decided before the move: the old district may still read it
    GRADUATE_PLAN = "graduate_plan"        # the person's 一人一策 plan: now in the new district's ledger
    FOLLOW_UP = "follow_up"                # a visit after a hire still to make: now the new district's

    @property
    def label(self) -> str:
        return str(ITEM_LABELS[self])


ITEM_LABELS = {
    TransferItemKind.APPLICATION: _l("Open application, moved"),
    TransferItemKind.APPLICATION_KEPT: _l("Decided application, kept on record"),
    TransferItemKind.GRADUATE_PLAN: _l("Graduate plan, moved"),
    TransferItemKind.FOLLOW_UP: _l("Follow-up visit, moved"),
}


class DistrictTransfer(db.Model):
    __tablename__ = "district_transfers"
    # The transfers list of a district, out of it and into it, newest first.
    __table_args__ = (Index("ix_district_transfers_from_at", "from_district", "at"),
                      Index("ix_district_transfers_to_at", "to_district", "at"),
                      Index("ix_district_transfers_person_at", "person_id", "at"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    actor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    on_behalf: Mapped[bool] = mapped_column(Boolean, default=False)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    from_district: Mapped[str] = mapped_column(String(20))
    to_district: Mapped[str] = mapped_column(String(20))

    person = relationship("User", foreign_keys=[person_id], lazy="joined")
    actor = relationship("User", foreign_keys=[actor_id], lazy="joined")
    items = relationship("TransferItem", order_by="TransferItem.id", lazy="selectin",
                         back_populates="transfer")

    @property
    def from_label(self) -> str:
        return District(self.from_district).label

    @property
    def to_label(self) -> str:
        return District(self.to_district).label

    def count(self, kind: TransferItemKind) -> int:
        return sum(1 for item in self.items if item.kind == kind)


class TransferItem(db.Model):
    __tablename__ = "district_transfer_items"
    # The items of a transfer; and, for a decided application, the districts that may still read it.
    __table_args__ = (Index("ix_district_transfer_items_kind_item", "kind", "item_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    transfer_id: Mapped[int] = mapped_column(ForeignKey("district_transfers.id"), index=True)
    kind: Mapped[TransferItemKind] = mapped_column(EnumText(TransferItemKind, 30))
    item_id: Mapped[int] = mapped_column(Integer)
    # An application that was being checked by a caseworker of the old district, put back in the queue.
    released: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    transfer = relationship("DistrictTransfer", back_populates="items")
