"""Taking part in a fair: an employer joins with some of its published jobs, a jobseeker registers
(asking for support) or cancels, and staff record who attended."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select

from ...extensions import db
from ...models import JOB, Employer, Fair, FairEmployer, FairJob, FairRegistration, FairStatus, Opportunity, OpportunityStatus
from ...vocab import FAIR_SUPPORT
from ..audit.log import record, record_for
from ..common.dates import today
from ..common.errors import DomainError


def open_to_join(fair: Fair) -> bool:
    """Published and not yet past: employers may join and people may register."""
    return fair.status is FairStatus.PUBLISHED and fair.date >= today()


def employer_of(user) -> Employer | None:
    return db.session.scalar(select(Employer).where(Employer.user_id == user.id))


def published_jobs(employer: Employer) -> list[Opportunity]:
    return list(db.session.scalars(select(Opportunity).where(
        Opportunity.kind == JOB, Opportunity.employer_id == employer.id,
        Opportunity.status == OpportunityStatus.PUBLISHED).order_by(Opportunity.title, Opportunity.id)))


def shown_job_ids(fair: Fair, employer: Employer) -> set[int]:
    return set(db.session.scalars(select(FairJob.opportunity_id).join(
        Opportunity, Opportunity.id == FairJob.opportunity_id).where(
        FairJob.fair_id == fair.id, Opportunity.employer_id == employer.id)))


def join(employer: Employer, fair: Fair, job_ids: list, ip: str | None = None) -> None:
    """Take part (or change the jobs shown): the jobs must be this employer's published jobs."""
    if not employer.is_verified:
        raise DomainError(_l("Only verified employers can join a fair."))
    if not open_to_join(fair):
        raise DomainError(_l("This fair is not open to employers now."))
    own = {job.id for job in published_jobs(employer)}
    try:
        chosen = {int(value) for value in job_ids or []}
    except (TypeError, ValueError):
        chosen = {0}
    if not chosen:
        raise DomainError(_l("Choose at least one job to show at the fair."), "jobs")
    if not chosen <= own:
        raise DomainError(_l("Choose only from your published jobs."), "jobs")
    if db.session.scalar(select(FairEmployer.id).where(FairEmployer.fair_id == fair.id,
                                                       FairEmployer.employer_id == employer.id)) is None:
        db.session.add(FairEmployer(fair_id=fair.id, employer_id=employer.id))
    db.session.execute(delete(FairJob).where(FairJob.fair_id == fair.id, FairJob.opportunity_id.in_(own)))
    db.session.add_all(FairJob(fair_id=fair.id, opportunity_id=job_id) for job_id in sorted(chosen))
    record("fair.joined", actor=employer.user_id, ip=ip, fair_id=fair.id, jobs=len(chosen))
    db.session.commit()


def registration(fair: Fair, person) -> FairRegistration | None:
    return db.session.scalar(select(FairRegistration).where(FairRegistration.fair_id == fair.id,
                                                            FairRegistration.user_id == person.id))


def register(acting, fair: Fair, support: list, ip: str | None = None) -> FairRegistration:
    """Register the person acted for (or change the support they asked for)."""
    if not open_to_join(fair):
        raise DomainError(_l("Registration for this fair is closed."))
    chosen = set(support or [])
    if not chosen <= set(FAIR_SUPPORT):
        raise DomainError(_l("Choose only from the list."), "support")
    found = registration(fair, acting.person)
    if found is None:
        found = FairRegistration(fair_id=fair.id, user_id=acting.person.id)
        db.session.add(found)
    found.support = [key for key in FAIR_SUPPORT if key in chosen]
    record_for(acting, "fair.registered", ip=ip, fair_id=fair.id, support=",".join(found.support))
    db.session.commit()
    return found


def cancel(acting, fair: Fair, ip: str | None = None) -> None:
    found = registration(fair, acting.person)
    if found is None:
        raise DomainError(_l("You are not registered for this fair."))
    if fair.date < today():
        raise DomainError(_l("The fair is over; a registration can no longer be cancelled."))
    db.session.delete(found)
    record_for(acting, "fair.cancelled", ip=ip, fair_id=fair.id)
    db.session.commit()


def record_attendance(user, fair: Fair, registration_id: int, attended: bool, ip: str | None = None) -> None:
    """After the day only: whether the person came."""
    if fair.date > today():
        raise DomainError(_l("Attendance can be recorded from the day of the fair."))
    found = db.session.get(FairRegistration, registration_id)
    if found is None or found.fair_id != fair.id:
        raise DomainError(_l("That registration is not for this fair."))
    found.attended = attended
    record("fair.attendance", actor=user, subject=found.user_id, ip=ip, fair_id=fair.id, attended=attended)
    db.session.commit()
