"""SQLAlchemy models, one module per domain, in a folder per area (people, applying, work, records);
imported here so Alembic sees them all and the rest of the app imports them from one place."""
from .applying.application import Application, ApplicationEvent, ApplicationStatus, Notice, NoticeKind
from .applying.evidence import Evidence
from .applying.feedback import CallBack, Feedback, FeedbackKind, Grade, Rating
from .applying.kinds import (COURSE, JOB, POST, STALL, SUBSIDY, JobKind, OpportunityKind, OpportunityStatus,
                             SubsidyKind)
from .applying.opportunity import Opportunity, OpportunityChange, SavedItem
from .applying.subsidy import SubsidyAward, SubsidyPhoto, SubsidySettings
from .applying.transfer import DistrictTransfer, TransferItem, TransferItemKind
from .people.casework import Assessment, DecisionTemplate
from .people.family import HelperInvite, HelperLink
from .people.needs import NeedsRegistration, NeedsStatus
from .people.policy import PolicyAnswers
from .people.profile import Consent, IdentityStatus, Profile
from .people.user import DISTRICT_LABELS, District, Role, SmsCode, User
from .records.audit import AuditEvent
from .records.delivery import Delivery, DeliveryStatus
from .work.employer import Employer, EmployerStatus, OrgType
from .work.fair import Fair, FairEmployer, FairJob, FairMode, FairRegistration, FairStatus
from .work.followup import EmploymentRecord, FollowUp
from .work.jobs import Interview, SharedPassport
from .work.ledger import GraduatePlan, GraduateStatus, PlanAction, PlanContact

__all__ = ["Application", "ApplicationEvent", "ApplicationStatus", "Assessment", "AuditEvent", "COURSE", "CallBack",
           "Consent", "DISTRICT_LABELS", "DecisionTemplate", "Delivery", "DeliveryStatus", "District",
           "DistrictTransfer", "Employer", "EmployerStatus", "EmploymentRecord", "Evidence", "Fair", "FairEmployer",
           "FairJob", "FairMode", "FairRegistration", "FairStatus", "Feedback", "FeedbackKind", "FollowUp", "Grade",
           "GraduatePlan", "GraduateStatus", "HelperInvite", "HelperLink", "IdentityStatus", "Interview", "JOB",
           "JobKind", "NeedsRegistration", "NeedsStatus", "Notice", "NoticeKind", "Opportunity", "OpportunityChange",
           "OpportunityKind", "OpportunityStatus", "OrgType", "POST", "PlanAction", "PlanContact", "PolicyAnswers",
           "Profile", "Rating", "Role", "STALL", "SUBSIDY", "SavedItem", "SharedPassport", "SmsCode", "SubsidyAward",
           "SubsidyKind", "SubsidyPhoto", "SubsidySettings", "TransferItem", "TransferItemKind", "User"]
