"""What a measure of the policy guide is made of: its audiences and group, what it says in plain
words and in easy read, where to act and who answers questions."""
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l

RESIDENTS, EMPLOYERS = "residents", "employers"

# The groups of the index page, in order: (audience, group key, heading).
GROUPS = (
    (RESIDENTS, "start", _l("Getting started")),
    (RESIDENTS, "jobs", _l("Jobs and posts")),
    (RESIDENTS, "own", _l("Working for yourself")),
    (RESIDENTS, "extra", _l("Extra support")),
    (EMPLOYERS, "employers", _l("For employers")),
)

# Who answers questions: a department of the Disabled Persons' Federation (残联), in words.
CONTACTS = {
    "district": _l("The Disabled Persons' Federation of your county or district"),
    "centre": _l("Yangquan Disabled Persons' Employment Service Centre"),
    "education": _l("Education and Employment Department, Yangquan Disabled Persons' Federation"),
    "massage": _l("Yangquan Blind Massage Guidance Centre"),
}
HOTLINE = "12385"  # the Disabled Persons' Federation's service hotline (残疾人服务热线)


@dataclass(frozen=True)
class Link:
    """Where to act: a flow of this app (a key of webapp/policies/links.FLOWS) and the link's words."""

    flow: str
    label: object


@dataclass(frozen=True)
class Easy:
    """The easy-read page: short sentences, one idea a line, its own words (not a shortening)."""

    who: tuple
    gets: tuple
    needs: tuple
    do: tuple


@dataclass(frozen=True)
class Measure:
    slug: str
    audiences: tuple
    group: str
    plan_items: tuple
    title: object
    summary: object
    who: tuple
    gets: tuple
    needs: tuple
    apply: object
    links: tuple
    contact: str
    easy: Easy
    note: object = field(default=None)  # one more thing worth knowing, when there is one

    @property
    def contact_name(self):
        return CONTACTS[self.contact]
