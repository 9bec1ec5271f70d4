"""A person's profile as (question, answer) rows for caseworkers, masked unless asked otherwise."""
from flask_babel import format_date
from flask_babel import lazy_gettext as _l

from ..models import District
from ..services.identity import numbers as number_rules
from ..services.identity import stored_numbers
from ..vocab import COMMUNICATION_NEEDS, EDUCATION, GENDERS, HOUSEHOLD_TYPES, PREFERRED_CONTACT, label, labels


def profile_rows(p, numbers: stored_numbers.Numbers | None = None) -> list[tuple[str, str]]:
    """The ID and certificate masked, or whole when `numbers` holds them (after the unmask button)."""
    if p is None:
        return []
    numbers = numbers or stored_numbers.masked(p)
    district = District(p.district).label if p.district else ""
    rows = [
        (_l("Full name"), p.full_name or ""),
        (_l("Resident ID number"), numbers.id_number),
        (_l("Date of birth and gender"),
         f"{format_date(p.birth_date, 'long')} · {label(GENDERS, p.gender)}" if p.birth_date else ""),
        (_l("Disability certificate number"), numbers.certificate),
        (_l("Disability category and level"),
         number_rules.describe(p.disability_category, p.disability_level) if p.disability_category else ""),
        (_l("Lives in"), f"{district} {p.town or ''}".strip()),
        (_l("Household registration"), label(HOUSEHOLD_TYPES, p.household_type)),
        (_l("Highest education"), label(EDUCATION, p.education)),
        (_l("Contact phone number"), p.contact_phone or ""),
        (_l("Preferred way to be contacted"), label(PREFERRED_CONTACT, p.preferred_contact)),
        (_l("Communication needs"), labels(COMMUNICATION_NEEDS, p.communication_needs) or str(_l("None"))),
    ]
    return [(str(question), answer) for question, answer in rows]
