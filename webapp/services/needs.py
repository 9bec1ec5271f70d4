"""就业需求登记: a draft saved step by step, then numbered versions kept as history."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from ..extensions import db
from ..models import NeedsRegistration
from ..models.base import utcnow
from . import audit
from ..vocab import EMPLOYMENT_STATUS
from .errors import DomainError

STEPS = ("status", "job-types", "pattern", "districts", "pay", "training", "accommodations", "notes")
FIELDS = {
    "status": ("employment_status",),
    "job-types": ("job_types", "job_types_other"),
    "pattern": ("work_patterns",),
    "districts": ("districts",),
    "pay": ("pay_min", "pay_max"),
    "training": ("training_interests",),
    "accommodations": ("accommodations", "accommodations_other"),
    "notes": ("notes",),
}
COPIED = tuple(name for names in FIELDS.values() for name in names)
MAX_PAY = 100_000


def latest_submitted(user) -> NeedsRegistration | None:
    return db.session.scalar(select(NeedsRegistration).where(
        NeedsRegistration.user_id == user.id, NeedsRegistration.status == "submitted")
        .order_by(NeedsRegistration.version.desc()).limit(1))


def draft_of(user) -> NeedsRegistration | None:
    return db.session.scalar(select(NeedsRegistration).where(
        NeedsRegistration.user_id == user.id, NeedsRegistration.status == "draft").limit(1))


def history(user) -> list[NeedsRegistration]:
    return db.session.scalars(select(NeedsRegistration).where(
        NeedsRegistration.user_id == user.id, NeedsRegistration.status == "submitted")
        .order_by(NeedsRegistration.version.desc())).all()


def version(user, number: int) -> NeedsRegistration | None:
    return db.session.scalar(select(NeedsRegistration).where(
        NeedsRegistration.user_id == user.id, NeedsRegistration.status == "submitted",
        NeedsRegistration.version == number))


def working_copy(user) -> NeedsRegistration | None:
    """What the questions show: the draft, else the newest submitted version."""
    return draft_of(user) or latest_submitted(user)


def _draft_for_update(acting) -> NeedsRegistration:
    draft = draft_of(acting.person)
    if draft is None:
        draft = NeedsRegistration(user_id=acting.person.id, status="draft")
        base = latest_submitted(acting.person)
        for name in COPIED:  # start from the newest version so nothing has to be typed twice
            setattr(draft, name, getattr(base, name) if base else ([] if name in _LISTS else None))
        db.session.add(draft)
    return draft


_LISTS = {"job_types", "work_patterns", "districts", "training_interests", "accommodations"}


def _text(value, limit: int) -> str | None:
    value = " ".join((value or "").split())
    return value[:limit] or None


def _pay(value, field: str) -> int | None:
    value = (value or "").strip().replace(",", "").replace("，", "")
    if not value:
        return None
    if not value.isdigit():
        raise DomainError(_l("Enter the amount in whole yuan, using numbers only."), field)
    amount = int(value)
    if amount > MAX_PAY:
        raise DomainError(_l("Enter an amount of 100000 yuan or less."), field)
    return amount


def save_step(acting, step: str, data: dict, ip: str | None = None) -> NeedsRegistration:
    if step not in STEPS:
        raise DomainError(_l("There is no such question."))
    values = {}
    if step == "pay":
        values["pay_min"] = _pay(data.get("pay_min"), "pay_min")
        values["pay_max"] = _pay(data.get("pay_max"), "pay_max")
        if values["pay_min"] and values["pay_max"] and values["pay_min"] > values["pay_max"]:
            raise DomainError(_l("The lowest pay must not be more than the highest."), "pay_max")
    elif step == "notes":
        values["notes"] = (data.get("notes") or "").strip()[:2000] or None
    else:
        for name in FIELDS[step]:
            if name in _LISTS:
                values[name] = sorted(data.get(name) or [])
            elif name.endswith("_other"):
                values[name] = _text(data.get(name), 100 if name == "job_types_other" else 200)
            else:
                values[name] = data.get(name)
    if step == "status" and values["employment_status"] not in EMPLOYMENT_STATUS:
        raise DomainError(_l("Choose what you do now."), "employment_status")
    if step == "pattern" and not values["work_patterns"]:
        raise DomainError(_l("Choose at least one way of working."), "work_patterns")
    draft = _draft_for_update(acting)
    for name, value in values.items():
        setattr(draft, name, value)
    audit.record_for(acting, "needs.step_saved", ip, step=step)
    db.session.commit()
    return draft


def missing_steps(registration: NeedsRegistration | None) -> list[str]:
    if registration is None:
        return ["status", "pattern"]
    return [step for step, present in (("status", registration.employment_status),
                                       ("pattern", registration.work_patterns)) if not present]


def submit(acting, ip: str | None = None) -> NeedsRegistration:
    """Turn the draft into the next numbered version."""
    draft = draft_of(acting.person)
    if draft is None:
        raise DomainError(_l("There are no changes to submit."))
    if missing_steps(draft):
        raise DomainError(_l("Some questions are not answered yet."))
    number = (db.session.scalar(select(func.max(NeedsRegistration.version)).where(
        NeedsRegistration.user_id == acting.person.id)) or 0) + 1
    draft.status, draft.version = "submitted", number
    draft.submitted_at, draft.submitted_by_id, draft.on_behalf = utcnow(), acting.actor.id, acting.on_behalf
    audit.record_for(acting, "needs.submitted", ip, version=number)
    db.session.commit()
    return draft


def reference(registration: NeedsRegistration) -> str:
    """The number people quote: XQ-<user>-<version>."""
    return f"XQ-{registration.user_id:06d}-{registration.version}"
