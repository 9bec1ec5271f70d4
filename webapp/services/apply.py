"""Before and while applying: eligibility in words, the draft, and the kind-specific answers."""
from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..extensions import db
from ..models import COURSE, POST, STALL, Application, ApplicationEvent, Opportunity
from ..models.base import utcnow
from . import audit, profiles
from .applications import OPEN, is_open_for_applications
from .errors import DomainError

# The questions each kind asks: field -> (label, hint, required)
QUESTIONS = {
    COURSE: {"reason": (_l("Why do you want to take this course?"), _l("A sentence or two is enough."), True),
             "availability": (_l("When can you attend?"), _l("For example weekday mornings."), False)},
    STALL: {"goods": (_l("What would you sell or offer?"), _l("For example fruit, phone top-ups, newspapers."), True),
            "experience": (_l("Any experience of running a stall or shop?"), None, False)},
    POST: {"availability": (_l("Which days and hours can you work?"), None, True),
           "fit": (_l("Anything the employer should know to make the work suit you?"), None, False)},
}
MAX_ANSWER = 1000


@dataclass(frozen=True)
class Problem:
    message: str
    endpoint: str | None = None
    label: str | None = None
    url_args: tuple = ()  # (name, value) pairs for url_for


def problems(person, opportunity: Opportunity, today: date | None = None) -> list[Problem]:
    """Everything that stands between this person and applying, each with a way to fix it."""
    found = []
    if not is_open_for_applications(opportunity, today):
        if opportunity.opens_on and opportunity.opens_on > (today or date.today()):
            found.append(Problem(_l("Applications open on %(date)s.", date=opportunity.opens_on.isoformat())))
        else:
            found.append(Problem(_l("The deadline has passed or the item is closed.")))
    existing = existing_application(person, opportunity)
    if existing is not None:
        found.append(Problem(_l("You have already applied (%(ref)s).", ref=existing.reference),
                             "applying.detail", _l("See the application"), (("reference", existing.reference),)))
    profile = profiles.profile_of(person)
    if profile is None or profile.submitted_at is None:
        found.append(Problem(_l("Your personal details are not complete and submitted yet."),
                             "profile.overview", _l("Complete your details")))
    if profiles.active_consent(person) is None:
        found.append(Problem(_l("You have not given consent to use disability information."),
                             "profile.consent", _l("Read and give consent")))
    if profile is None or not profile.certificate_enc:
        found.append(Problem(_l("Your disability certificate number is missing."),
                             "profile.question", _l("Enter the certificate number"), (("step", "certificate"),)))
    elif opportunity.suits_categories and profile.disability_category not in opportunity.suits_categories:
        found.append(Problem(_l("This course is meant for other kinds of disability. Ask the provider, or "
                                "look for another course.")))
    return found


def existing_application(person, opportunity: Opportunity) -> Application | None:
    """An application that is not withdrawn (one per person and item)."""
    return db.session.scalar(select(Application).where(
        Application.applicant_id == person.id, Application.opportunity_id == opportunity.id,
        Application.status != "withdrawn").limit(1))


def start(acting, opportunity: Opportunity, ip: str | None = None) -> Application:
    """Create the draft (with its reference number) once nothing stands in the way."""
    found = problems(acting.person, opportunity)
    if found:
        raise DomainError(found[0].message)
    application = Application(applicant_id=acting.person.id, opportunity_id=opportunity.id, status="draft",
                              answers={}, created_by_id=acting.actor.id)
    db.session.add(application)
    db.session.flush()
    application.reference = f"YQ-{utcnow().year}-{application.id:06d}"
    db.session.add(ApplicationEvent(application_id=application.id, actor_id=acting.actor.id,
                                    on_behalf=acting.on_behalf, from_status=None, to_status="draft"))
    audit.record_for(acting, "application.started", ip, reference=application.reference)
    db.session.commit()
    return application


def save_answers(acting, application: Application, data: dict, ip: str | None = None) -> Application:
    """Store the kind-specific answers on a draft or an application sent back for information."""
    if application.status not in ("draft", "needs_info"):
        raise DomainError(_l("This application has been sent and can no longer be edited."))
    answers = {}
    for field, (_label, _hint, required) in QUESTIONS[application.opportunity.kind].items():
        value = (data.get(field) or "").strip()[:MAX_ANSWER]
        if required and not value:
            raise DomainError(_l("Answer this question."), field)
        answers[field] = value
    application.answers = answers
    audit.record_for(acting, "application.answers_saved", ip, reference=application.reference)
    db.session.commit()
    return application


def check_answers(application: Application) -> None:
    for field, (_label, _hint, required) in QUESTIONS[application.opportunity.kind].items():
        if required and not (application.answers or {}).get(field):
            raise DomainError(_l("Some questions are not answered yet."))


def for_person(person, reference: str) -> Application | None:
    """The person's application by reference; None for anyone else's (the page then 404s)."""
    return db.session.scalar(select(Application).where(Application.reference == reference,
                                                       Application.applicant_id == person.id))


def of_person(person) -> list[Application]:
    return db.session.scalars(select(Application).where(Application.applicant_id == person.id)
                              .order_by(Application.updated_at.desc())).all()


def timeline(application: Application) -> list[ApplicationEvent]:
    return db.session.scalars(select(ApplicationEvent).where(ApplicationEvent.application_id == application.id)
                              .order_by(ApplicationEvent.at, ApplicationEvent.id)).all()


def is_open(application: Application) -> bool:
    return application.status in OPEN
