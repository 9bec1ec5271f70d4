"""The city's sign-off threshold: a district's decision above it waits for an administrator."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ...extensions import db
from ...models import SubsidySettings
from ...models.base import utcnow
from ...models.applying.subsidy import DEFAULT_SIGNOFF_THRESHOLD
from ..audit import log as audit
from .amounts import read_amount


def _row() -> SubsidySettings | None:
    return db.session.scalar(select(SubsidySettings).order_by(SubsidySettings.id).limit(1))


def threshold() -> int:
    """Yuan: a decision above this needs the city's sign-off (the default until an admin sets one)."""
    row = _row()
    return row.signoff_threshold if row is not None else DEFAULT_SIGNOFF_THRESHOLD


def set_threshold(admin, text, ip: str | None = None) -> int:
    """Set the threshold from what the admin typed, with its audit row, in one transaction."""
    value = read_amount(text, "threshold", minimum=0, missing=_l("Enter the amount in yuan, for example 5000."))
    row = _row()
    before = row.signoff_threshold if row is not None else DEFAULT_SIGNOFF_THRESHOLD
    if row is None:
        row = SubsidySettings(signoff_threshold=value)
        db.session.add(row)
    row.signoff_threshold, row.updated_by_id, row.updated_at = value, admin.id, utcnow()
    audit.record("subsidy.threshold_set", actor=admin, ip=ip, before=before, after=value)
    db.session.commit()
    return value

