"""Where what an item asks for meets what a person told us they need: a note, never a refusal.

The rule set is small so that anyone can explain it. The person's side: the disability category
of their certificate (profile), their communication needs (profile) and the accommodations of
their newest submitted needs registration. The item's side: the words of its stated physical
requirements (a post's 身体要求) and the access features it lists (a course's venue). Each note
says in words which need meets which requirement; the applicant reads it before applying and the
caseworker sees it on the application. Nothing here stops anyone applying.

    need                                            meets
    visual disability                               walking on one's own (独立行走, 走动, 站立 ...)
    visual, intellectual; screen reader, large      reading or writing (阅读, 识字, 书写, 电脑 ...)
      print, easy-read
    physical disability; step-free access,          walking or standing, unless a wheelchair is
      assistive devices                               named as fine (轮椅)
    physical disability                             physical labour (体力, 搬运, 重物 ...)
    hearing, speech; sign language, interpreter     talking or the phone (听, 电话, 沟通, 交流 ...)
    visual; large print, screen reader              a venue listing no braille, large print or online
    hearing; sign language, interpreter             a venue listing no sign language interpreter
    step-free access, accessible toilet             a venue listing no such feature

A venue that lists no features at all says nothing either way, so it gives no note.
"""
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from ..identity import profiles
from ..needs import versions

VISUAL, HEARING, SPEECH, PHYSICAL, INTELLECTUAL = 1, 2, 3, 4, 5

# Words of a stated requirement, in Chinese and English, lower-cased for matching.
WALKING = ("行走", "走动", "步行", "站立", "独立行动", "walk", "stand")
WHEELCHAIR = ("轮椅", "wheelchair")
LABOUR = ("体力", "搬运", "重物", "提举", "lift", "carry", "manual", "physical work", "physical labour")
READING = ("阅读", "识字", "读写", "书写", "文字", "电脑", "视力", "read", "writ", "computer", "eyesight")
TALKING = ("听力", "听懂", "电话", "口头", "沟通", "交流", "接待", "hear", "phone", "spoken", "talk", "conversation")

CATEGORY_NEEDS = {VISUAL: _l("a visual disability"), HEARING: _l("a hearing disability"),
                  SPEECH: _l("a speech disability"), PHYSICAL: _l("a physical disability"),
                  INTELLECTUAL: _l("an intellectual disability")}
COMMUNICATION = {"sign_language": _l("uses sign language"), "large_print": _l("needs large print"),
                 "screen_reader": _l("uses a screen reader"), "easy_read": _l("needs easy-read texts")}
ACCOMMODATION = {"step_free": _l("needs step-free access"), "accessible_toilet": _l("needs an accessible toilet"),
                 "assistive_devices": _l("uses assistive devices"),
                 "sign_interpreter": _l("needs a sign language interpreter")}

# Each completes "It ..." (该项目……).
REQUIREMENTS = {
    "walking_alone": _l("asks for walking on one's own"),
    "walking": _l("asks for walking or standing"),
    "labour": _l("asks for physical labour"),
    "reading": _l("asks for reading or writing"),
    "talking": _l("asks for talking with people or on the phone"),
    "no_print": _l("lists no braille, large-print or online materials at its venue"),
    "no_interpreter": _l("lists no sign language interpreter at its venue"),
    "no_step_free": _l("lists no step-free access at its venue"),
    "no_toilet": _l("lists no accessible toilet at its venue"),
}


@dataclass(frozen=True)
class FitNote:
    """One need meeting one requirement, both in words ("needs large print" / "asks for reading or writing")."""

    need: str
    requirement: str
    key: str  # which requirement, for tests and styling


def _mentions(text: str, words) -> bool:
    return any(word in text for word in words)


def notes(opportunity, profile=None, registration=None) -> list[FitNote]:
    """The notes for this person and item, in the order of the table above; [] when nothing meets."""
    category = getattr(profile, "disability_category", None)
    communication = set(getattr(profile, "communication_needs", None) or ())
    accommodations = set(getattr(registration, "accommodations", None) or ())
    stated = (opportunity.physical_requirements or "").lower()
    venue = set(opportunity.accessibility or ())
    found: list[FitNote] = []

    def need_words(categories=(), needs=(), accommodation=()):
        """The first of the person's needs that fits, in words, or None."""
        if category in categories:
            return CATEGORY_NEEDS[category]
        for key in needs:
            if key in communication:
                return COMMUNICATION[key]
        for key in accommodation:
            if key in accommodations:
                return ACCOMMODATION[key]
        return None

    def note(key: str, need) -> None:
        if need is not None:
            found.append(FitNote(need=str(need), requirement=str(REQUIREMENTS[key]), key=key))

    if stated:
        walking = _mentions(stated, WALKING)
        if walking:
            note("walking_alone", need_words((VISUAL,)))
        if walking and not _mentions(stated, WHEELCHAIR):
            note("walking", need_words((PHYSICAL,), accommodation=("step_free", "assistive_devices")))
        if _mentions(stated, LABOUR):
            note("labour", need_words((PHYSICAL,)))
        if _mentions(stated, READING):
            note("reading", need_words((VISUAL, INTELLECTUAL), ("screen_reader", "large_print", "easy_read")))
        if _mentions(stated, TALKING):
            note("talking", need_words((HEARING, SPEECH), ("sign_language",), ("sign_interpreter",)))
    if venue:
        if not venue & {"braille_large_print", "online"}:
            note("no_print", need_words((VISUAL,), ("large_print", "screen_reader")))
        if "sign_interpreter" not in venue:
            note("no_interpreter", need_words((HEARING,), ("sign_language",), ("sign_interpreter",)))
        if "step_free" not in venue:
            note("no_step_free", need_words(accommodation=("step_free",)))
        if "accessible_toilet" not in venue:
            note("no_toilet", need_words(accommodation=("accessible_toilet",)))
    return found


def for_person(person, opportunity) -> list[FitNote]:
    """The notes for a person as registered now: profile and newest submitted needs (two queries)."""
    return notes(opportunity, profiles.profile_of(person), versions.latest_submitted(person))
