"""A needs registration as (step, question, answer) rows for display."""
from flask_babel import lazy_gettext as _l

from ..models import DISTRICT_LABELS
from ..vocab import ACCOMMODATIONS, EMPLOYMENT_STATUS, JOB_TYPES, TRAINING_CATEGORIES, WORK_PATTERNS, label, labels


def _join(*parts) -> str:
    return "; ".join(p for p in parts if p)


def _pay(low, high) -> str:
    if low and high:
        return str(_l("%(low)d to %(high)d yuan a month", low=low, high=high))
    if low:
        return str(_l("At least %(low)d yuan a month", low=low))
    if high:
        return str(_l("Up to %(high)d yuan a month", high=high))
    return ""


def answer_rows(r) -> list[tuple[str, str, str]]:
    if r is None:
        return []
    districts = {d.value: text for d, text in DISTRICT_LABELS.items()}
    rows = [
        ("status", _l("Work now"), label(EMPLOYMENT_STATUS, r.employment_status)),
        ("job-types", _l("Kinds of work"), _join(labels(JOB_TYPES, r.job_types), r.job_types_other)),
        ("pattern", _l("Way of working"), labels(WORK_PATTERNS, r.work_patterns)),
        ("districts", _l("Where to work"), labels(districts, r.districts) or str(_l("Anywhere"))),
        ("pay", _l("Pay"), _pay(r.pay_min, r.pay_max)),
        ("training", _l("Training"), labels(TRAINING_CATEGORIES, r.training_interests)),
        ("accommodations", _l("Support at work"), _join(labels(ACCOMMODATIONS, r.accommodations), r.accommodations_other)),
        ("notes", _l("Anything else"), r.notes or ""),
    ]
    return [(step, str(question), answer) for step, question, answer in rows]
