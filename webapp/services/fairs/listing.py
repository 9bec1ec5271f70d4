"""What the fair pages list: the public calendar, a fair's jobs, staff's own fairs, who registered
and a person's registrations. One query per list, paginated."""
from sqlalchemy import case, select

from ...extensions import db
from ...models import Employer, Fair, FairJob, FairRegistration, FairStatus, Opportunity, OpportunityStatus, User
from ..casework.scope import sees_everyone
from ..common.dates import today
from ..common.paging import Page, paginate

PER_PAGE = 20


def _upcoming_first(statement):
    """Upcoming fairs soonest first, then past ones newest first."""
    day = today()
    past = case((Fair.date < day, 1), else_=0)
    return statement.order_by(past, case((Fair.date >= day, Fair.date), else_=None),
                              Fair.date.desc(), Fair.id)


def public(page: int) -> Page:
    return paginate(_upcoming_first(select(Fair).where(Fair.status != FairStatus.DRAFT)), page, PER_PAGE)


def public_fair(fair_id: int) -> Fair | None:
    fair = db.session.get(Fair, fair_id)
    return fair if fair is not None and fair.status is not FairStatus.DRAFT else None


def jobs_at(fair: Fair) -> list[tuple[Opportunity, str]]:
    """The published jobs shown at the fair, with their employer's name, by employer."""
    return [(job, name) for job, name in db.session.execute(
        select(Opportunity, Employer.name).join(FairJob, FairJob.opportunity_id == Opportunity.id)
        .join(Employer, Employer.id == Opportunity.employer_id)
        .where(FairJob.fair_id == fair.id, Opportunity.status == OpportunityStatus.PUBLISHED)
        .order_by(Employer.name, Opportunity.title, Opportunity.id))]


def held_by(user, page: int) -> Page:
    """The fairs a member of staff may edit, drafts included."""
    statement = select(Fair)
    if not sees_everyone(user):
        statement = statement.where(Fair.district == user.district)
    return paginate(_upcoming_first(statement), page, PER_PAGE)


def registrations(fair: Fair, page: int) -> Page:
    """Who registered, with the support they asked for, in the order they registered."""
    statement = (select(FairRegistration, User).join(User, User.id == FairRegistration.user_id)
                 .where(FairRegistration.fair_id == fair.id)
                 .order_by(FairRegistration.created_at, FairRegistration.id))
    return paginate(statement, page, PER_PAGE, rows=lambda row: (row[0], row[1]))


def of_person(person, page: int) -> Page:
    statement = _upcoming_first(select(FairRegistration, Fair).join(Fair, Fair.id == FairRegistration.fair_id)
                                .where(FairRegistration.user_id == person.id))
    return paginate(statement, page, PER_PAGE, rows=lambda row: (row[0], row[1]))
