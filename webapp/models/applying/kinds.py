"""The kinds of thing the city publishes (and of job, and of subsidy), an item's statuses, and their
labels: the vocabulary of opportunities, apart from the table that stores them."""
from enum import StrEnum

from flask_babel import lazy_gettext as _l


class OpportunityKind(StrEnum):
    COURSE = "course"
    STALL = "stall"
    POST = "post"
    JOB = "job"  # posted by a verified employer (employer_id)
    SUBSIDY = "subsidy"  # a subsidy or funding the city pays (补贴/资助); its measure is `category`

    @property
    def label(self) -> str:
        return str(KIND_LABELS[self])


class JobKind(StrEnum):
    """The kind of work a job is; the first four keys are those of vocab.WORK_PATTERNS, so a job
    can be matched against the working pattern of a needs registration."""

    FULL_TIME = "full_time"
    PART_TIME = "part_time"
    FLEXIBLE = "flexible"
    HOME_BASED = "home_based"
    AUXILIARY = "auxiliary"          # 辅助性就业
    BLIND_MASSAGE = "blind_massage"  # 盲人按摩
    ONLINE_WORK = "online_work"      # 网络就业: customer service, e-commerce, live streaming
    OTHER_CITY = "other_city"        # 异地就业 / 劳务输出

    @property
    def label(self) -> str:
        return str(JOB_KIND_LABELS[self])


class SubsidyKind(StrEnum):
    """The measures of the action plan a subsidy item pays under (stored in `Opportunity.category`)."""

    SELF_EMPLOYMENT = "self_employment"    # 自主创业、灵活就业补贴 (§7)
    SOCIAL_INSURANCE = "social_insurance"  # 社会保险补贴 (§7)
    FAMILY_BUSINESS = "family_business"    # 家庭经营资助 (§11)
    TRAINING = "training"                  # 培训与职业资格证书补贴 (§14), for a course taken
    LOAN = "loan"                          # 创业担保贷款贴息推荐 (§9)

    @property
    def label(self) -> str:
        return str(SUBSIDY_KIND_LABELS[self])


class OpportunityStatus(StrEnum):
    """draft (admins only) -> published (anyone sees and applies) -> closed (seen, no new applications)."""

    DRAFT = "draft"
    PUBLISHED = "published"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return str(OPPORTUNITY_STATUS_LABELS[self])

    @property
    def is_public(self) -> bool:
        """Seen by the public: published, or closed so that applicants can follow what happens."""
        return self is not OpportunityStatus.DRAFT

    @property
    def is_closed(self) -> bool:
        """Still seen, but closed to new applications by an administrator."""
        return self is OpportunityStatus.CLOSED


COURSE, STALL, POST, JOB = OpportunityKind.COURSE, OpportunityKind.STALL, OpportunityKind.POST, OpportunityKind.JOB
SUBSIDY = OpportunityKind.SUBSIDY
KIND_LABELS = {COURSE: _l("Training course"), STALL: _l("Reserved stall"), POST: _l("Public-welfare post"),
               JOB: _l("Job"), SUBSIDY: _l("Subsidy or funding")}
SUBSIDY_KIND_LABELS = {
    SubsidyKind.SELF_EMPLOYMENT: _l("Self-employment and flexible-work subsidy"),
    SubsidyKind.SOCIAL_INSURANCE: _l("Social-insurance subsidy"),
    SubsidyKind.FAMILY_BUSINESS: _l("Family-business funding"),
    SubsidyKind.TRAINING: _l("Training and certificate subsidy"),
    SubsidyKind.LOAN: _l("Recommendation for an interest-subsidised business loan"),
}
JOB_KIND_LABELS = {
    JobKind.FULL_TIME: _l("Full-time"),
    JobKind.PART_TIME: _l("Part-time"),
    JobKind.FLEXIBLE: _l("Flexible work"),
    JobKind.HOME_BASED: _l("Working from home"),
    JobKind.AUXILIARY: _l("Auxiliary employment (sheltered work)"),
    JobKind.BLIND_MASSAGE: _l("Massage by blind people"),
    JobKind.ONLINE_WORK: _l("Online work"),
    JobKind.OTHER_CITY: _l("Work in another city"),
}
OPPORTUNITY_STATUS_LABELS = {OpportunityStatus.DRAFT: _l("Draft"), OpportunityStatus.PUBLISHED: _l("Published"),
                             OpportunityStatus.CLOSED: _l("Closed")}
