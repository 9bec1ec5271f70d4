"""The filter forms of the 培训 and 机会 tabs and of the jobs list: plain GET forms, so they work without JavaScript.

Unknown values in the query string are ignored rather than reported: a filter link someone
shared after the vocabularies changed should still show results.
"""
from dataclasses import replace

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, Form, SearchField, SelectChoice

from ..models import DISTRICT_LABELS, POST, STALL
from ..models.applying.kinds import JOB_KIND_LABELS, SUBSIDY_KIND_LABELS
from ..services.common.text import plain
from ..services.opportunities.finding import MAX_QUERY, Filters
from ..vocab import STALL_KINDS, TRAINING_CATEGORIES, VENUE_ACCESSIBILITY
from ..web.fields import CheckboxesField, FixedSelectField, choices_from

JOB_KIND_KEYS = {kind.value: text for kind, text in JOB_KIND_LABELS.items()}
SUBSIDY_KINDS = {kind.value: text for kind, text in SUBSIDY_KIND_LABELS.items()}
MAX_PAY = 100_000


def with_all(label, vocabulary: dict) -> list:
    return [SelectChoice("", label), *(SelectChoice(str(key), text) for key, text in vocabulary.items())]


class FilterForm(Form):
    q = SearchField(_l("Search"), render_kw={"maxlength": MAX_QUERY, "autocomplete": "off"})
    district = FixedSelectField(_l("District"), choices=with_all(_l("All districts"), DISTRICT_LABELS))
    accessibility = CheckboxesField(_l("Venue accessibility (must have all ticked)"),
                                    choices=choices_from(VENUE_ACCESSIBILITY))
    open = BooleanField(_l("Only those open for applications today"))
    closed = BooleanField(_l("Include closed ones (listed last)"))

    access_vocabulary = VENUE_ACCESSIBILITY
    category_vocabulary: tuple | dict = ()  # the kinds a "category" filter may name (none here)

    def _choice(self, name: str, vocabulary) -> str:
        value = (self[name].data or "") if name in self else ""
        return value if value in vocabulary else ""

    def _flag(self, name: str) -> bool:
        return bool(self[name].data) if name in self else False

    def filters(self) -> Filters:
        """The filters the form asks for, keeping only known values."""
        return Filters(
            q=plain(self.q.data)[:MAX_QUERY],
            kind=self._choice("kind", (STALL, POST)),
            category=self._choice("category", self.category_vocabulary),
            district=self._choice("district", DISTRICT_LABELS),
            accessibility=tuple(key for key in self.access_vocabulary if key in (self.accessibility.data or [])),
            open_now=bool(self.open.data),
            rural=self._flag("rural"),
            closed=bool(self.closed.data),
            job_kind=self._choice("job_kind", JOB_KIND_KEYS),
            pay_at_least=self._pay(),
            graduates=self._flag("graduates"),
        )

    def _pay(self) -> int | None:
        """Pay at least: whole yuan a month; anything else is ignored like an unknown value."""
        text = (self.pay.data or "").strip() if "pay" in self else ""
        return int(text) if text.isdecimal() and 0 < int(text) <= MAX_PAY else None

    @property
    def advanced(self) -> bool:
        """Whether a filter other than the search box is in use (the filter section then starts open)."""
        return replace(self.filters(), q="").active


class CourseFilterForm(FilterForm):
    category_vocabulary = TRAINING_CATEGORIES
    category = FixedSelectField(_l("Kind of training"),
                                choices=with_all(_l("All kinds of training"), TRAINING_CATEGORIES))
    rural = BooleanField(_l("Only rural courses (农村)"))


class OpportunityFilterForm(FilterForm):
    category_vocabulary = STALL_KINDS
    kind = FixedSelectField(_l("Stalls or posts"), choices=[
        SelectChoice("", _l("Both stalls and public-welfare posts")), SelectChoice(STALL, _l("Reserved stalls only")),
        SelectChoice(POST, _l("Public-welfare posts only"))])
    category = FixedSelectField(_l("Kind of stall"), choices=with_all(_l("All kinds of stall"), STALL_KINDS))



class SubsidyFilterForm(FilterForm):
    """Subsidies and funding: by measure and district (they have no venue to be accessible)."""

    category_vocabulary = SUBSIDY_KINDS
    category = FixedSelectField(_l("Measure"), choices=with_all(_l("All subsidies and funding"), SUBSIDY_KINDS))
    accessibility = None
    access_vocabulary = ()
