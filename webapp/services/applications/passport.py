"""就业需求护照: what a job applicant chooses to let the employer see, and what the employer then
sees — only those parts, never an ID or certificate number nor the disability level; the
disability category only when the person ticked it on its own (it is health data)."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ... import vocab
from ...extensions import db
from ...models import COURSE, Application, Assessment, Opportunity, Profile, SharedPassport
from ...models import ApplicationStatus as S
from ..audit import log as audit
from ..casework.assessments import CAPACITIES
from ..common.errors import DomainError
from ..identity.numbers import CATEGORY_LABELS
from ..needs import versions
from .rules import Action, refusal

# The parts one may share, in the order asked; the category is asked apart, with a warning.
PARTS = {
    "accommodations": _l("The workplace accommodations I need"),
    "preferences": _l("My work preferences (kinds of work, working pattern, places)"),
    "training": _l("The training courses I have taken here"),
    "assessment": _l("The summary of my work ability assessment (职业能力评估)"),
}
CATEGORY = "category"
CATEGORY_LABEL = _l("My disability category")
CATEGORY_WARNING = _l("Your disability category is health information. Share it only if you want this "
                      "employer to know it; the application is judged the same either way. The employer "
                      "never sees your ID or certificate number, nor your disability level.")


def of(application: Application) -> SharedPassport | None:
    return db.session.scalar(select(SharedPassport).where(SharedPassport.application_id == application.id))


def chosen(application: Application) -> set[str]:
    found = of(application)
    return {part for part in (*PARTS, CATEGORY) if found is not None and getattr(found, f"share_{part}")}


def save(acting, application: Application, parts, ip: str | None = None) -> SharedPassport | None:
    """Store what the person chose to share, while it may be edited. Nothing ticked shares
    nothing (and needs no row); the answers say the question was seen."""
    if refusal(application, acting.actor, Action.EDIT) is not None:
        raise DomainError(_l("This application has been sent and can no longer be edited."))
    parts = set(parts) & {*PARTS, CATEGORY}
    found = of(application)
    if found is None and parts:
        found = SharedPassport(application_id=application.id)
        db.session.add(found)
    for part in (*PARTS, CATEGORY) if found is not None else ():
        setattr(found, f"share_{part}", part in parts)
    application.answers = {"shared": sorted(parts)}  # so the check page and the machine see it answered
    audit.record_for(acting, "application.passport_chosen", ip, reference=application.reference,
                     parts=sorted(parts))
    db.session.commit()
    return found


def chosen_labels(parts) -> list[str]:
    """What the person chose, in words, for their own check page."""
    names = [str(label) for part, label in PARTS.items() if part in parts]
    if CATEGORY in parts:
        names.append(str(CATEGORY_LABEL))
    return names


def for_employer(application: Application) -> list[tuple[str, str]]:
    """(label, value) rows of exactly what was shared with the employer of this job."""
    shared = of(application)
    if shared is None or not shared.shares_anything:
        return []
    person_id, rows = application.applicant_id, []
    needs = versions.latest_submitted(application.applicant) if shared.share_accommodations or \
        shared.share_preferences else None
    if shared.share_accommodations:
        words = vocab.labels(vocab.ACCOMMODATIONS, needs.accommodations if needs else [])
        other = needs.accommodations_other if needs else None
        rows.append((_("Accommodations needed"), _(", ").join(part for part in (words, other) if part)
                     or _("None registered")))
    if shared.share_preferences:
        rows.append((_("Kinds of work wanted"), vocab.labels(vocab.JOB_TYPES, needs.job_types if needs else [])
                     or _("None registered")))
        rows.append((_("Working pattern"), vocab.labels(vocab.WORK_PATTERNS, needs.work_patterns if needs else [])
                     or _("None registered")))
    if shared.share_training:
        titles = db.session.scalars(select(Opportunity.title).join(Application, Application.opportunity_id == Opportunity.id)
                                    .where(Application.applicant_id == person_id, Opportunity.kind == COURSE,
                                           Application.status == S.ENROLLED).order_by(Opportunity.title)).all()
        rows.append((_("Training taken here"), _(", ").join(titles) or _("None yet")))
    if shared.share_assessment:
        latest = db.session.scalar(select(Assessment).where(Assessment.user_id == person_id)
                                   .order_by(Assessment.assessed_on.desc(), Assessment.id.desc()).limit(1))
        rows.append((_("Work ability assessment"),
                     _("%(capacity)s. %(directions)s", capacity=vocab.label(CAPACITIES, latest.work_capacity),
                       directions=latest.directions or "").strip() if latest else _("Not assessed yet")))
    if shared.share_category:
        category = db.session.scalar(select(Profile.disability_category).where(Profile.user_id == person_id))
        rows.append((str(CATEGORY_LABEL), vocab.label(CATEGORY_LABELS, category) or _("Not given")))
    return rows
