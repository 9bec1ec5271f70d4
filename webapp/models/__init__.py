"""SQLAlchemy models, one module per domain; imported here so Alembic sees them all."""
from .application import Application, ApplicationEvent, ApplicationStatus, Notice, NoticeKind
from .audit import AuditEvent
from .casework import Assessment, DecisionTemplate
from .delivery import Delivery, DeliveryStatus
from .evidence import Evidence
from .family import HelperInvite, HelperLink
from .needs import NeedsRegistration, NeedsStatus
from .opportunity import (
                          COURSE,
                          POST,
                          STALL,
                          Opportunity,
                          OpportunityChange,
                          OpportunityKind,
                          OpportunityStatus,
                          SavedItem,
)
from .profile import Consent, IdentityStatus, Profile
from .user import DISTRICT_LABELS, District, Role, SmsCode, User

__all__ = ["COURSE", "POST", "STALL", "Application", "ApplicationEvent", "ApplicationStatus", "Assessment",
           "AuditEvent", "Consent", "DecisionTemplate", "Delivery", "DeliveryStatus", "DISTRICT_LABELS", "District",
           "Evidence", "HelperInvite", "HelperLink", "IdentityStatus", "NeedsRegistration", "NeedsStatus", "Notice",
           "NoticeKind", "Opportunity", "OpportunityChange", "OpportunityKind", "OpportunityStatus", "Profile", "Role",
           "SavedItem", "SmsCode", "User"]
