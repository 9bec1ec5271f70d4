"""The fixed answer lists of the profile and needs questions: stored key -> label."""
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

HOUSEHOLD_TYPES = {"urban": _l("Urban (城镇)"), "rural": _l("Rural (农村)")}

EDUCATION = {
    "none": _l("No schooling"),
    "primary": _l("Primary school"),
    "junior": _l("Junior middle school"),
    "senior": _l("Senior high school or technical secondary school"),
    "college": _l("Junior college"),
    "bachelor": _l("Bachelor's degree"),
    "postgraduate": _l("Postgraduate"),
}

PREFERRED_CONTACT = {
    "sms": _l("Text message (SMS)"),
    "inbox": _l("Notices in this service"),
    "phone": _l("Phone call"),
    "helper": _l("Through a family member or friend"),
}

COMMUNICATION_NEEDS = {
    "sign_language": _l("Sign language"),
    "large_print": _l("Large print"),
    "screen_reader": _l("Screen reader"),
    "easy_read": _l("Easy-read version"),
}

EMPLOYMENT_STATUS = {
    "unemployed": _l("Not working and looking for work"),
    "employed": _l("Working, and want a change or more hours"),
    "flexible": _l("Self-employed or flexible work"),
    "student": _l("Student, looking for work after study"),
}

JOB_TYPES = {
    "massage": _l("Massage and physiotherapy"),
    "customer_service": _l("Online customer service"),
    "ecommerce": _l("E-commerce and live streaming"),
    "handicraft": _l("Handicrafts"),
    "clerical": _l("Office work and data entry"),
    "cleaning": _l("Cleaning and gardening"),
    "food": _l("Food processing"),
    "retail": _l("Running a stall or shop"),
    "farming": _l("Farming and breeding"),
    "welfare_post": _l("Public-welfare post"),
}

WORK_PATTERNS = {
    "full_time": _l("Full-time"),
    "part_time": _l("Part-time"),
    "flexible": _l("Flexible work"),
    "home_based": _l("Working from home"),
}

TRAINING_CATEGORIES = {
    "vocational": _l("Vocational skills"),
    "blind_massage": _l("Massage for blind people"),
    "rural": _l("Rural practical skills"),
    "ecommerce": _l("E-commerce, live streaming and new forms of work"),
    "entrepreneurship": _l("Starting a business"),
}

ACCOMMODATIONS = {
    "step_free": _l("Step-free access"),
    "accessible_toilet": _l("Accessible toilet"),
    "flexible_hours": _l("Flexible working hours"),
    "assistive_devices": _l("Assistive devices"),
    "sign_interpreter": _l("Sign language interpreter"),
    "transport": _l("Help with transport"),
}

GENDERS = {"male": _l("Male"), "female": _l("Female")}


def label(vocabulary: dict, key) -> str:
    """The label for a stored key ('' for none, the key itself if the list has changed)."""
    return str(vocabulary.get(key, key)) if key else ""


def labels(vocabulary: dict, keys) -> str:
    """Labels of several keys joined for display."""
    return _(", ").join(label(vocabulary, key) for key in keys or [])


# (language, id(vocabulary)) -> (vocabulary, its labels as text); the vocabulary is kept in the
# value so its id stays its own. Only module-level vocabularies are passed here.
_IN_LOCALE: dict[tuple[str, int], tuple[dict, dict]] = {}


def in_locale(vocabulary: dict) -> dict:
    """`vocabulary` with its labels translated for the current language, built once per language
    instead of once per label shown. Markup, as the lazy strings were in a template: the words
    come from our own catalogs."""
    key = (str(get_locale()), id(vocabulary))
    found = _IN_LOCALE.get(key)
    if found is None:
        found = _IN_LOCALE[key] = (vocabulary, {k: Markup(str(text)) for k, text in vocabulary.items()})
    return found[1]

STALL_KINDS = {
    "market_stall": _l("Market stall"),
    "shop": _l("Shop"),
    "newsstand": _l("Newsstand"),
    "lottery_kiosk": _l("Lottery kiosk"),
    "convenience_point": _l("Convenience service point"),
}

VENUE_ACCESSIBILITY = {
    "step_free": _l("Step-free access"),
    "accessible_toilet": _l("Accessible toilet"),
    "sign_interpreter": _l("Sign language interpreter"),
    "braille_large_print": _l("Braille or large-print materials"),
    "online": _l("Can take part online"),
}

# What a workplace offers (a job's `accessibility`). Keys shared with VENUE_ACCESSIBILITY and
# ACCOMMODATIONS mean the same thing, so a job can be matched against a person's needs.
WORKPLACE_ACCESSIBILITY = {
    "step_free": _l("Step-free access"),
    "accessible_toilet": _l("Accessible toilet"),
    "screen_reader_tools": _l("Computers with screen readers"),
    "sign_language_colleague": _l("A colleague who signs"),
    "flexible_hours": _l("Flexible working hours"),
}

# The support an employer offers with a job (a job's `accommodations`): the very keys a person
# asks for in the needs registration (ACCOMMODATIONS), so the two can be compared key by key.
JOB_ACCOMMODATIONS = ACCOMMODATIONS
# Each accommodation's bit in Opportunity.accommodation_flags, so the jobs that fit a person can be
# ranked from an index. Append only: a stored bit keeps its meaning.
ACCOMMODATION_BITS = ("step_free", "accessible_toilet", "flexible_hours", "assistive_devices", "sign_interpreter",
                      "transport")


def accommodation_flags(keys) -> int:
    """The bits of these accommodation keys (unknown keys count for nothing)."""
    chosen = set(keys or ())
    return sum(1 << bit for bit, key in enumerate(ACCOMMODATION_BITS) if key in chosen)

# What a person needs to take part in a job fair (FairRegistration.support).
FAIR_SUPPORT = {
    "interpreter": _l("Sign language interpreter"),
    "companion": _l("Someone to go with me"),
    "transport": _l("Help with transport"),
}
