"""SQLAlchemy models, one module per domain; imported here so Alembic sees them all."""
from .application import Application, ApplicationEvent, ApplicationStatus, Notice, NoticeKind
from .audit import AuditEvent
from .casework import Assessment, DecisionTemplate
from .delivery import Delivery, DeliveryStatus
from .employer import Employer, EmployerStatus, OrgType
from .evidence import Evidence
from .fair import Fair, FairEmployer, FairJob, FairMode, FairRegistration, FairStatus
from .family import HelperInvite, HelperLink
from .feedback import CallBack, Feedback, FeedbackKind, Grade, Rating
from .followup import EmploymentRecord, FollowUp
from .jobs import Interview, SharedPassport
from .ledger import GraduatePlan, GraduateStatus, PlanAction, PlanContact
from .needs import NeedsRegistration, NeedsStatus
from .opportunity import (
                          COURSE,
                          JOB,
                          POST,
                          STALL,
                          SUBSIDY,
                          Opportunity,
                          OpportunityChange,
                          OpportunityKind,
                          JobKind,
                          OpportunityStatus,
                          SavedItem,
                          SubsidyKind,
)
from .policy import PolicyAnswers
from .profile import Consent, IdentityStatus, Profile
from .subsidy import SubsidyAward, SubsidyPhoto, SubsidySettings
from .transfer import DistrictTransfer, TransferItem, TransferItemKind
from .user import DISTRICT_LABELS, District, Role, SmsCode, User

__all__ = ["COURSE", "JOB", "POST", "STALL", "Application", "ApplicationEvent", "ApplicationStatus", "Assessment",
           "AuditEvent", "Consent", "DecisionTemplate", "Delivery", "DeliveryStatus", "DISTRICT_LABELS", "District",
           "Employer", "EmployerStatus", "EmploymentRecord", "Evidence", "Fair", "FairEmployer", "FairJob", "FairMode",
           "FairRegistration", "FairStatus", "FollowUp", "GraduatePlan", "GraduateStatus", "HelperInvite", "HelperLink",
           "IdentityStatus", "Interview", "JobKind", "NeedsRegistration", "NeedsStatus", "Notice", "NoticeKind",
           "Opportunity", "OpportunityChange", "OpportunityKind", "OpportunityStatus", "OrgType", "PlanAction",
           "PlanContact", "PolicyAnswers", "Profile", "Role", "SavedItem", "SharedPassport", "SmsCode", "User",
           "SUBSIDY", "SubsidyAward", "SubsidyKind", "SubsidyPhoto", "SubsidySettings",
           "DistrictTransfer", "TransferItem", "TransferItemKind"]
__all__ += ["CallBack", "Feedback", "FeedbackKind", "Grade", "Rating"]
