"""SQLAlchemy models, one module per domain; imported here so Alembic sees them all."""
from .audit import AuditEvent
from .user import DISTRICT_LABELS, District, Role, SmsCode, User

__all__ = ["AuditEvent", "DISTRICT_LABELS", "District", "Role", "SmsCode", "User"]
