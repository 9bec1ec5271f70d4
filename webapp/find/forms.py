"""The filter forms of the 培训 and 机会 tabs: plain GET forms, so they work without JavaScript.

Unknown values in the query string are ignored rather than reported: a filter link someone
shared after the vocabularies changed should still show results.
"""
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, Form, SearchField, SelectChoice

from ..models import DISTRICT_LABELS, POST, STALL
from ..services.common.text import plain
from ..services.opportunities.finding import MAX_QUERY, Filters
from ..vocab import STALL_KINDS, TRAINING_CATEGORIES, VENUE_ACCESSIBILITY
from ..web.fields import CheckboxesField, FixedSelectField, choices_from


def _with_all(label, vocabulary: dict) -> list:
    return [SelectChoice("", label), *(SelectChoice(str(key), text) for key, text in vocabulary.items())]


class _FilterForm(Form):
    q = SearchField(_l("Search"), render_kw={"maxlength": MAX_QUERY, "autocomplete": "off"})
    district = FixedSelectField(_l("District"), choices=_with_all(_l("All districts"), DISTRICT_LABELS))
    accessibility = CheckboxesField(_l("Venue accessibility (must have all ticked)"),
                                    choices=choices_from(VENUE_ACCESSIBILITY))
    open = BooleanField(_l("Only those open for applications today"))
    closed = BooleanField(_l("Include closed ones (listed last)"))

    def _choice(self, name: str, vocabulary) -> str:
        value = self[name].data or ""
        return value if value in vocabulary else ""

    def filters(self) -> Filters:
        """The filters the form asks for, keeping only known values."""
        return Filters(
            q=plain(self.q.data)[:MAX_QUERY],
            kind=self._choice("kind", (STALL, POST)) if "kind" in self else "",
            category=self._choice("category", self.category_vocabulary),
            district=self._choice("district", DISTRICT_LABELS),
            accessibility=tuple(key for key in VENUE_ACCESSIBILITY if key in (self.accessibility.data or [])),
            open_now=bool(self.open.data),
            rural=bool(self.rural.data) if "rural" in self else False,
            closed=bool(self.closed.data),
        )

    @property
    def advanced(self) -> bool:
        """Whether a filter other than the search box is in use (the filter section then starts open)."""
        chosen = self.filters()
        return bool(chosen.kind or chosen.category or chosen.district or chosen.accessibility
                    or chosen.open_now or chosen.rural or chosen.closed)


class CourseFilterForm(_FilterForm):
    category_vocabulary = TRAINING_CATEGORIES
    category = FixedSelectField(_l("Kind of training"),
                                choices=_with_all(_l("All kinds of training"), TRAINING_CATEGORIES))
    rural = BooleanField(_l("Only rural courses (农村)"))


class OpportunityFilterForm(_FilterForm):
    category_vocabulary = STALL_KINDS
    kind = FixedSelectField(_l("Stalls or posts"), choices=[
        SelectChoice("", _l("Both stalls and public-welfare posts")), SelectChoice(STALL, _l("Reserved stalls only")),
        SelectChoice(POST, _l("Public-welfare posts only"))])
    category = FixedSelectField(_l("Kind of stall"), choices=_with_all(_l("All kinds of stall"), STALL_KINDS))
