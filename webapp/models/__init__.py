"""SQLAlchemy models, one module per domain; imported here so Alembic sees them all."""
from .application import Application, ApplicationEvent, Notice
from .audit import AuditEvent
from .casework import Assessment, DecisionTemplate
from .evidence import Evidence
from .helpers import HelperInvite, HelperLink
from .needs import NeedsRegistration
from .opportunity import COURSE, POST, STALL, Opportunity, OpportunityChange, SavedItem
from .profile import Consent, Profile
from .user import DISTRICT_LABELS, District, Role, SmsCode, User

__all__ = ["COURSE", "POST", "STALL", "Application", "ApplicationEvent", "Assessment", "AuditEvent", "Consent",
           "DecisionTemplate",
           "DISTRICT_LABELS", "District", "Evidence", "HelperInvite", "HelperLink", "NeedsRegistration",
           "Notice", "Opportunity", "OpportunityChange", "Profile", "Role", "SavedItem", "SmsCode", "User"]
