"""The plan dashboard: this calendar year's figures against the 2023 action plan's targets.

The plan's training and funding targets are yearly rates (每年…不少于), so a year is measured against
them and, while it runs, against the share of the year gone by; its 70% employment rate is the goal
it set for the end of 2024 (到2024年底), kept as the benchmark for later years.

Ten grouped queries, whatever the number of people or items (no query per row). "This year" is
the calendar year in Yangquan's time zone; timestamps are stored as naive UTC.
"""
import bisect
import statistics
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction

from flask import current_app

from sqlalchemy import and_, case, func, or_, select

from ...extensions import db
from ...models import (
    COURSE,
    POST,
    STALL,
    Application,
    GraduatePlan,
    Assessment,
    Employer,
    EmployerStatus,
    EmploymentRecord,
    NeedsRegistration,
    NeedsStatus,
    Opportunity,
    OpportunityStatus,
    PlanAction,
    Profile,
    Role,
    SubsidyAward,
    User,
)
from ...models import ApplicationStatus as S
from ...models.work.employer import DEFAULT_QUOTA_RATIO, STATE_RULE_STAFF
from ..common.dates import current_year, today, year_bounds

# Targets of 阳泉市促进残疾人就业行动方案 (2023), reference/yangquan-disabled-employment-action-plan-2023.txt.
EMPLOYMENT_TARGET = 0.70      # 到2024年底…就业率力争达到70%
EMPLOYMENT_TARGET_YEAR = 2024  # the year the plan set that goal for
TRAINING_TARGET = 400         # 每年培训不少于400人(次)
RURAL_TRAINING_TARGET = 60    # 农村实用技术培训不少于60人次
FUNDED_TARGET = 130           # 每年资助不少于130名残疾人
RESERVED_TARGETS = {STALL: 0.10, POST: 0.05}  # 预留不低于10%的网点; 岗位比例不低于5%

IN_WORK_STATUSES = ("employed", "flexible")
PLACED_STATUSES = (S.HIRED, S.ALLOCATED)
# People funded (每年资助不少于130名残疾人): a subsidy or funding paid to them this year. Paid, not
# merely approved: the plan counts people funded, and an approval may still be withdrawn unpaid.
FUNDED_STATUSES = (S.PAID,)
STATUS_ORDER = (S.SUBMITTED, S.UNDER_REVIEW, S.NEEDS_INFO, S.APPROVED, S.WAITLISTED, S.REJECTED, S.WITHDRAWN,
                S.ENROLLED, S.ALLOCATED, S.NOT_ALLOCATED, S.HIRED, S.AWAITING_SIGNOFF, S.PAID)
# Days from submission to decision, by upper bound (None: no bound).
DAY_BUCKETS = (7, 14, 30, None)


@dataclass
class Reserved:
    id: int
    kind: str
    title: str
    status: str
    reserved: int
    total: int | None
    target: float

    @property
    def share(self) -> float | None:
        return self.reserved / self.total if self.total else None

    @property
    def below_target(self) -> bool:
        return self.share is None or self.share < self.target


@dataclass
class Quota:
    """Verified employers of one type and their quota position (按比例安排残疾人就业)."""
    employers: int = 0
    declared: int = 0         # of them, those whose staff and disabled staff are both known
    meeting: int = 0          # of those, employing at least the quota
    disabled_staff: int = 0   # disabled people they employ, as declared (or corrected)
    required: int = 0         # disabled staff the quota asks of those who declared
    state_rule_unmet: int = 0  # a state body of 50+ or public institution of 67+ that employs none


@dataclass
class Figures:
    year: int
    days_counted: int = 365   # days of the year measured so far (all of it for a past year)
    days_in_year: int = 365
    registered: int = 0
    by_district: dict = field(default_factory=dict)   # district key (or None) -> count
    by_category: dict = field(default_factory=dict)   # category 1-7 (or None) -> count
    in_work: int = 0           # either of the two below
    in_work_by_needs: int = 0  # their newest needs registration says employed or flexible
    placed: int = 0            # hired for a post or given a stall this year
    training: int = 0
    rural_training: int = 0
    funded: int = 0
    reserved: list[Reserved] = field(default_factory=list)
    by_status: dict = field(default_factory=dict)
    # Days from sending to decision, summarised once (a year may hold hundreds of thousands):
    # the median, and how many fall in each of DAY_BUCKETS.
    median_days: float | None = None
    day_buckets: list[tuple[int | None, int]] = field(default_factory=list)
    # -- graduates' ledger (一人一策): plans per stage, and of them those with an overdue step --
    graduate_plans: dict = field(default_factory=dict)          # stage -> plans
    graduate_overdue_by_stage: dict = field(default_factory=dict)  # stage -> plans with a step overdue
    graduate_plans_overdue: int = 0
    # The employment rate per district (key or None): (people able to work, of them employed).
    employment_by_district: dict = field(default_factory=dict)
    # Verified employers' quota position, per organisation type (OrgType value -> Quota).
    employer_quota: dict = field(default_factory=dict)

    @property
    def employment_share(self) -> float | None:
        return self.in_work / self.registered if self.registered else None

    def due_by_now(self, yearly_target: int) -> int:
        """The part of a yearly target that falls in the days measured so far, rounded up."""
        return -(-yearly_target * self.days_counted // self.days_in_year)

    def summarise_decisions(self, days: list[float]) -> None:
        """The median and the counts per bucket of these days (sorted), in one pass."""
        self.median_days = statistics.median(days) if days else None
        self.day_buckets, start = [], 0
        for upper in DAY_BUCKETS:
            end = len(days) if upper is None else bisect.bisect_right(days, upper, lo=start)
            self.day_buckets.append((upper, end - start))
            start = end


def _between(column, start, end):
    return and_(column >= start, column < end)


def registered_applicants():
    """Applicants with a submitted profile whose account is not deleted: the base of the figures."""
    return (select(User.id).join(Profile, Profile.user_id == User.id)
            .where(User.role == Role.APPLICANT, User.deleted_at.is_(None), Profile.submitted_at.is_not(None)))


def compute(year: int | None = None) -> Figures:
    year = year or current_year()
    start, end = year_bounds(year)
    figures = Figures(year=year, days_in_year=(end - start).days)
    first, now = date(year, 1, 1), today()
    figures.days_counted = figures.days_in_year if now.year > year else max((now - first).days + 1, 0)
    decided_this_year = or_(_between(Application.decided_at, start, end), _between(Application.updated_at, start, end))

    # 1. Registered applicants by district, category (one grouped query).
    rows = db.session.execute(
        select(Profile.district, Profile.disability_category, func.count())
        .join(User, User.id == Profile.user_id)
        .where(User.role == Role.APPLICANT, User.deleted_at.is_(None), Profile.submitted_at.is_not(None))
        .group_by(Profile.district, Profile.disability_category)).all()
    for district, category, count in rows:
        figures.registered += count
        figures.by_district[district] = figures.by_district.get(district, 0) + count
        figures.by_category[category] = figures.by_category.get(category, 0) + count

    # 2. In work: the newest submitted needs registration says so, or placed in a post or stall this year.
    newest = (select(NeedsRegistration.user_id, func.max(NeedsRegistration.version).label("version"))
              .where(NeedsRegistration.status == NeedsStatus.SUBMITTED).group_by(NeedsRegistration.user_id).subquery())
    says_in_work = (select(NeedsRegistration.user_id)
                    .join(newest, and_(NeedsRegistration.user_id == newest.c.user_id,
                                       NeedsRegistration.version == newest.c.version))
                    .where(NeedsRegistration.employment_status.in_(IN_WORK_STATUSES)))
    placed = select(Application.applicant_id).where(Application.status.in_(PLACED_STATUSES), decided_this_year)
    base = registered_applicants().subquery()
    by_needs, by_placement = base.c.id.in_(says_in_work), base.c.id.in_(placed)
    work = db.session.execute(
        select(func.count(), func.coalesce(func.sum(case((by_needs, 1), else_=0)), 0),
               func.coalesce(func.sum(case((by_placement, 1), else_=0)), 0))
        .select_from(base).where(or_(by_needs, by_placement))).one()
    figures.in_work, figures.in_work_by_needs, figures.placed = (int(n) for n in work)

    # 3. Training person-times this year, and those of people from rural households.
    training = db.session.execute(
        select(func.count(), func.coalesce(func.sum(case((Profile.household_type == "rural", 1), else_=0)), 0))
        .select_from(Application)
        .join(Opportunity, Opportunity.id == Application.opportunity_id)
        .outerjoin(Profile, Profile.user_id == Application.applicant_id)
        .where(Opportunity.kind == COURSE, Application.status == S.ENROLLED, decided_this_year)).one()
    figures.training, figures.rural_training = int(training[0]), int(training[1])

    # 4. People funded: distinct people paid a subsidy or funding on a service day of this year.
    figures.funded = db.session.scalar(
        select(func.count(func.distinct(SubsidyAward.applicant_id)))
        .join(Application, Application.id == SubsidyAward.application_id)
        .where(Application.status.in_(FUNDED_STATUSES), SubsidyAward.paid_on >= first,
               SubsidyAward.paid_on <= date(year, 12, 31))) or 0

    # 5. Reserved share of every published or closed stall opening and post.
    figures.reserved = [
        Reserved(id=o.id, kind=o.kind, title=o.title, status=o.status, reserved=o.capacity, total=o.total,
                 target=RESERVED_TARGETS[o.kind])
        for o in db.session.execute(
            select(Opportunity.id, Opportunity.kind, Opportunity.title, Opportunity.status, Opportunity.capacity,
                   Opportunity.total)
            .where(Opportunity.kind.in_((STALL, POST)), Opportunity.status.in_((OpportunityStatus.PUBLISHED, OpportunityStatus.CLOSED)))
            .order_by(Opportunity.kind, Opportunity.title, Opportunity.id)).all()]

    # 6. Applications sent this year by status.
    figures.by_status = dict(db.session.execute(
        select(Application.status, func.count())
        .where(Application.status != S.DRAFT, _between(Application.submitted_at, start, end))
        .group_by(Application.status)).all())

    # 7. Days from submission to decision for decisions made this year.
    figures.summarise_decisions(sorted(
        max((decided - submitted).total_seconds() / 86400, 0.0)
        for submitted, decided in db.session.execute(
            select(Application.submitted_at, Application.decided_at)
            .where(Application.submitted_at.is_not(None), _between(Application.decided_at, start, end))).all()))

    # 8. The employment rate per district (see employment_by_district).
    _employment_by_district(figures, says_in_work, placed)
    # --- graduates' ledger (一人一策) --------------------------------------------------------
    # 9. Plans per stage, and how many have a step past due and not done (one grouped query).
    _graduate_plans(figures, now)
    # 10. Verified employers' quota position per organisation type (one grouped query).
    _employer_quota(figures)
    return figures


def quota_ratio() -> Fraction:
    """The province's quota as an exact fraction (0.015 is 3/200), so SQL can round up in integers."""
    return Fraction(Decimal(str(current_app.config.get("EMPLOYER_QUOTA_RATIO", DEFAULT_QUOTA_RATIO))))


def _employer_quota(figures: Figures) -> None:
    """The same rounding as `Employer.quota_required` (staff × ratio, rounded up), done in integers."""
    ratio = quota_ratio()
    known = and_(Employer.staff_count.is_not(None), Employer.disabled_staff.is_not(None))
    required = (Employer.staff_count * ratio.numerator + (ratio.denominator - 1)) // ratio.denominator
    state_rule = or_(*(and_(Employer.org_type == org_type, Employer.staff_count >= least)
                       for org_type, least in STATE_RULE_STAFF.items()))
    unmet = and_(state_rule, func.coalesce(Employer.disabled_staff, 0) < 1)

    def total(condition, value=1):
        return func.coalesce(func.sum(case((condition, value), else_=0)), 0)

    for org_type, *numbers in db.session.execute(
            select(Employer.org_type, func.count(), total(known), total(and_(known, Employer.disabled_staff >= required)),
                   total(known, Employer.disabled_staff), total(known, required), total(unmet))
            .where(Employer.status == EmployerStatus.VERIFIED).group_by(Employer.org_type)).all():
        figures.employer_quota[str(org_type)] = Quota(*(int(n) for n in numbers))


def _graduate_plans(figures: Figures, now: date) -> None:
    from ..graduates.ledger import overdue_condition

    late = select(PlanAction.id).where(PlanAction.plan_id == GraduatePlan.id, overdue_condition(now)).exists()
    for stage, plans, overdue in db.session.execute(
            select(GraduatePlan.status, func.count(), func.coalesce(func.sum(case((late, 1), else_=0)), 0))
            .group_by(GraduatePlan.status)).all():
        figures.graduate_plans[str(stage)] = int(plans)
        figures.graduate_overdue_by_stage[str(stage)] = int(overdue)
        figures.graduate_plans_overdue += int(overdue)
# --- end of the graduates' ledger ----------------------------------------------------------


def _employment_by_district(figures: Figures, says_in_work, placed) -> None:
    """Registered applicants able to work (all but those whose latest 职业能力评估 says not ready for
    work at present; people not assessed yet count as able), and of them those employed: hired or
    given a stall here this year (a job, a post or a stall), employment a caseworker recorded, or
    a newest needs registration that says they work."""
    newest = select(func.max(Assessment.id)).group_by(Assessment.user_id)
    not_ready = select(Assessment.user_id).where(Assessment.id.in_(newest), Assessment.work_capacity == "not_now")
    employed = or_(User.id.in_(says_in_work), User.id.in_(placed), User.id.in_(select(EmploymentRecord.user_id)))
    for district, able, working in db.session.execute(
            select(Profile.district, func.count(), func.coalesce(func.sum(case((employed, 1), else_=0)), 0))
            .join(User, User.id == Profile.user_id)
            .where(User.role == Role.APPLICANT, User.deleted_at.is_(None), Profile.submitted_at.is_not(None),
                   User.id.not_in(not_ready))
            .group_by(Profile.district)).all():
        figures.employment_by_district[district] = (int(able), int(working))
