"""The profile as rows for the check-answers page and the overview, masked as it must be."""
from flask_babel import format_date
from flask_babel import lazy_gettext as _l

from ..models import District
from ..services.identity import numbers, stored_numbers
from ..vocab import COMMUNICATION_NEEDS, EDUCATION, GENDERS, HOUSEHOLD_TYPES, PREFERRED_CONTACT, label, labels


def answer_rows(profile) -> list[tuple[str, str, str]]:
    """(step, question, answer) for each answer; the ID and certificate always masked."""
    if profile is None:
        return []
    p = profile
    masked = stored_numbers.masked(p)
    district = District(p.district).label if p.district else ""
    rows = [
        ("name", _l("Full name"), p.full_name or ""),
        ("id-number", _l("Resident ID number"), masked.id_number),
        ("id-number", _l("Date of birth and gender"),
         f"{format_date(p.birth_date, 'long')} · {label(GENDERS, p.gender)}" if p.birth_date else ""),
        ("certificate", _l("Disability certificate number"), masked.certificate),
        ("certificate", _l("Disability category and level"),
         numbers.describe(p.disability_category, p.disability_level) if p.disability_category else ""),
        ("district", _l("Where you live"), f"{district} {p.town or ''}".strip()),
        ("household", _l("Household registration"), label(HOUSEHOLD_TYPES, p.household_type)),
        ("education", _l("Highest education"), label(EDUCATION, p.education)),
        ("education", _l("Currently a student"), "" if p.is_student is None else (str(_l("Yes")) if p.is_student else str(_l("No")))),
        ("contact", _l("Contact phone number"), p.contact_phone or ""),
        ("contact", _l("How we contact you"), label(PREFERRED_CONTACT, p.preferred_contact)),
        ("communication", _l("Communication needs"), labels(COMMUNICATION_NEEDS, p.communication_needs) or str(_l("None"))),
    ]
    return [(step, str(question), answer) for step, question, answer in rows]
