"""Before and while applying: what stands in the way, in words, the draft and its answers."""
from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ...extensions import db
from ...models import JOB, Application, ApplicationEvent, ApplicationStatus, Opportunity
from ..audit import log as audit
from ..common import dates
from ..common.errors import DomainError
from ..identity import consent, profiles
from . import passport, questions
from .rules import Action, refusal

ALREADY = _l("You have already applied for this.")


@dataclass(frozen=True)
class Problem:
    message: str
    endpoint: str | None = None
    label: str | None = None
    url_args: tuple = ()  # (name, value) pairs for url_for
    comes_back: bool = False  # a step to fix: its page returns to the item afterwards (next)


def problems(person, opportunity: Opportunity, today: date | None = None) -> list[Problem]:
    """Everything that stands between this person and applying, each with a way to fix it."""
    today = today or dates.today()
    found = []
    if not opportunity.takes_applications_on(today):
        if opportunity.opens_after(today):
            found.append(Problem(_l("Applications open on %(date)s.", date=opportunity.opens_on.isoformat())))
        else:
            found.append(Problem(_l("The deadline has passed or the item is closed.")))
    if opportunity.kind == JOB and (opens := _graduates_until(opportunity, person, today)):
        found.append(Problem(_l("This job is offered first to disabled students and recent graduates with a plan "
                                "at their district's disabled persons' federation. Anyone may apply from "
                                "%(date)s. If you are a student or recent graduate, ask your district's caseworker "
                                "to add you.", date=opens.isoformat())))
    existing = existing_application(person, opportunity)
    if existing is not None:
        found.append(Problem(_l("You have already applied (%(ref)s).", ref=existing.reference),
                             "applying.detail", _l("See the application"), (("reference", existing.reference),)))
    profile = profiles.profile_of(person)
    if profile is None or profile.submitted_at is None:
        missing = profiles.missing_steps(profile)
        found.append(Problem(_l("Your personal details are not complete and submitted yet."),
                             "profile.question" if missing else "profile.check", _l("Complete your details"),
                             (("step", missing[0]),) if missing else (), comes_back=True))
    if consent.active_consent(person) is None:
        found.append(Problem(_l("You have not given consent to use disability information."),
                             "profile.consent", _l("Read and give consent"), comes_back=True))
    if profile is None or not profile.certificate_enc:
        found.append(Problem(_l("Your disability certificate number is missing."),
                             "profile.question", _l("Enter the certificate number"),
                             (("step", "certificate"), ("change", "1")), comes_back=True))
    elif opportunity.suits_categories and profile.disability_category not in opportunity.suits_categories:
        found.append(Problem(_l("This course is meant for other kinds of disability. Ask the provider, or "
                                "look for another course.")))
    return found


def _graduates_until(job: Opportunity, person, today: date) -> date | None:
    from ..graduates import reserved

    if not reserved.graduates_first(job):
        return None
    return reserved.waiting_for_graduates(job, today, reserved.in_ledger(person))


def existing_application(person, opportunity: Opportunity) -> Application | None:
    """An application that is not withdrawn (one per person and item)."""
    return db.session.scalar(select(Application).where(
        Application.applicant_id == person.id, Application.opportunity_id == opportunity.id,
        Application.status != ApplicationStatus.WITHDRAWN).limit(1))


def start(acting, opportunity: Opportunity, ip: str | None = None) -> Application:
    """Create the draft (with its reference number) once nothing stands in the way."""
    found = problems(acting.person, opportunity)
    if found:
        raise DomainError(found[0].message)
    application = Application(applicant_id=acting.person.id, opportunity_id=opportunity.id,
                              status=ApplicationStatus.DRAFT, answers={}, created_by_id=acting.actor.id)
    db.session.add(application)
    try:
        db.session.flush()
    except IntegrityError:  # started at the same moment from another tab or phone: keep that one
        db.session.rollback()
        found = problems(acting.person, opportunity)
        raise DomainError(found[0].message if found else ALREADY) from None
    application.reference = f"YQ-{dates.current_year()}-{application.id:06d}"
    db.session.add(ApplicationEvent(application_id=application.id, actor_id=acting.actor.id,
                                    on_behalf=acting.on_behalf, from_status=None, to_status=ApplicationStatus.DRAFT))
    audit.record_for(acting, "application.started", ip, reference=application.reference)
    db.session.commit()
    return application


def save_answers(acting, application: Application, data: dict, ip: str | None = None) -> Application:
    """Store the kind-specific answers on a draft or an application sent back for information;
    for a job, what of the needs passport the employer may see (`data["shared"]`, a list)."""
    if application.opportunity.kind == JOB:
        passport.save(acting, application, data.get("shared") or [], ip)
        return application
    if refusal(application, acting.actor, Action.EDIT) is not None:
        raise DomainError(_l("This application has been sent and can no longer be edited."))
    application.answers = questions.cleaned(application, data)
    audit.record_for(acting, "application.answers_saved", ip, reference=application.reference)
    db.session.commit()
    return application
