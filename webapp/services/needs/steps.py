"""The needs questions, one step at a time, each saved to the draft at once."""
from flask_babel import lazy_gettext as _l

from ...extensions import db
from ...models import NeedsRegistration, NeedsStatus
from ...vocab import EMPLOYMENT_STATUS
from ..audit import log as audit
from ..common.errors import DomainError
from ..common.text import plain, whole_number
from . import versions

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


def _draft_for_update(acting) -> NeedsRegistration:
    draft = versions.draft_of(acting.person)
    if draft is None:
        draft = NeedsRegistration(user_id=acting.person.id, status=NeedsStatus.DRAFT)
        base = versions.latest_submitted(acting.person)
        for name in COPIED:  # start from the newest version so nothing has to be typed twice
            setattr(draft, name, getattr(base, name) if base else ([] if name in _LISTS else None))
        db.session.add(draft)
    return draft


_LISTS = {"job_types", "work_patterns", "districts", "training_interests", "accommodations"}


def _text(value, limit: int) -> str | None:
    value = plain(value)
    return value[:limit] or None


def _pay(value, field: str) -> int | None:
    value = (value or "").strip().replace(",", "").replace("，", "")
    if not value:
        return None
    amount = whole_number(value, 10**12)
    if amount is None:
        raise DomainError(_l("Enter the amount in whole yuan, using numbers only."), field)
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
        values["notes"] = plain(data.get("notes"), multiline=True)[:2000] or None
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
