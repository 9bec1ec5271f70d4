"""Write audit rows. Callers commit: the row joins the transaction of the change it records."""
import json

from ..extensions import db
from ..models import AuditEvent


def record(action: str, *, actor=None, subject=None, ip: str | None = None, **detail) -> AuditEvent:
    """Add one audit row to the current transaction (never updated or deleted afterwards)."""
    event = AuditEvent(
        action=action,
        actor_id=getattr(actor, "id", actor),
        subject_id=getattr(subject, "id", subject),
        ip=ip,
        detail=json.dumps(detail, ensure_ascii=False, sort_keys=True) if detail else "",
    )
    db.session.add(event)
    return event
