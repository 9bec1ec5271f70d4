"""Write audit rows. Callers commit: the row joins the transaction of the change it records."""
import json

from ...extensions import db
from ...models import AuditEvent


def record(action: str, *, actor=None, subject=None, ip: str | None = None, on_behalf: bool = False,
           **detail) -> AuditEvent:
    """Add one audit row to the current transaction (never updated or deleted afterwards).

    `on_behalf` marks an act a family helper (the actor) did for the subject.
    """
    subject_id = getattr(subject, "id", subject)
    event = AuditEvent(
        action=action,
        actor_id=getattr(actor, "id", actor),
        subject_id=subject_id,
        on_behalf_of_id=subject_id if on_behalf else None,
        ip=ip,
        detail=json.dumps(detail, ensure_ascii=False, sort_keys=True) if detail else "",
    )
    db.session.add(event)
    return event


def record_for(acting, action: str, ip: str | None = None, **detail) -> AuditEvent:
    """Audit an act on a person's record by them or by a helper acting for them."""
    return record(action, actor=acting.actor, subject=acting.person, ip=ip,
                  on_behalf=acting.on_behalf, **detail)
