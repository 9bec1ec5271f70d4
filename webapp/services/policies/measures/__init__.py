"""The policy guide's content: each measure of the city's action plan (阳泉市促进残疾人就业行动方案,
2023) that a resident or an employer can act on, in our own plain words, and again in easy read,
one module per group of the index page.

Content only: which page of this app each measure's "how to apply" leads to is named by a flow key
(`Link.flow`), turned into a URL in one place, webapp/policies/links.py. The plan's item numbers
say where a measure comes from, so a reader (or a caseworker) can check the plan itself.
"""
from .employers import EMPLOYERS_MEASURES
from .extra_support import EXTRA_SUPPORT
from .jobs import JOBS
from .model import CONTACTS, EMPLOYERS, GROUPS, HOTLINE, RESIDENTS, Easy, Link, Measure
from .own_work import OWN_WORK
from .starting import STARTING

MEASURES = STARTING + JOBS + OWN_WORK + EXTRA_SUPPORT + EMPLOYERS_MEASURES
__all__ = ["CONTACTS", "EMPLOYERS", "GROUPS", "HOTLINE", "MEASURES", "RESIDENTS", "Easy", "Link", "Measure", "find",
           "grouped"]

BY_SLUG = {measure.slug: measure for measure in MEASURES}


def find(slug: str) -> Measure | None:
    return BY_SLUG.get(slug)


def grouped() -> list[tuple[str, object, list[Measure]]]:
    """(audience, heading, measures) for the index page, in the order of GROUPS; the employers' group
    also lists the measures for both (job fairs)."""
    return [(audience, heading, [m for m in MEASURES if (EMPLOYERS in m.audiences if audience == EMPLOYERS
                                                         else m.group == key)])
            for audience, key, heading in GROUPS]
