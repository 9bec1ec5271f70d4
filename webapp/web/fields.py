"""Form fields shared by the question pages.

Selects and checkbox groups whose choices are fixed where the field is declared (vocabularies,
statuses) have each option's HTML built once per locale instead of on every request. WTForms
renders every option anew: it translates the label, escapes it, sorts and escapes the
attributes, and creates a field object per checkbox; for the filter form of every list page that
was a third of the page's time. The HTML is exactly WTForms' (tests/unit/test_choice_html.py
compares them); anything unusual (choices set per request, groups, attributes on an option, a
required or disabled field) is rendered by WTForms itself.
"""
from flask_babel import get_locale
from markupsafe import Markup, escape
from wtforms import SelectChoice, SelectField, SelectMultipleField, widgets
from wtforms.widgets import html_params
from wtforms.widgets.core import clean_key

# (what, locale, id(declared choices), ...) -> (declared choices, built HTML or labels). The list is
# kept in the value, so its id cannot be reused by another list while the entry exists. Declared
# choices are few and live as long as their form class; the bound only guards against a form
# class made per request.
_BUILT: dict[tuple, tuple] = {}
_MAX_BUILT = 2000


def _remember(key: tuple, choices, built):
    if len(_BUILT) >= _MAX_BUILT:
        _BUILT.clear()
    _BUILT[key] = (choices, built)
    return built


def _plain(field) -> bool:
    """Choices as declared, without per-option attributes or groups, on a field without flags."""
    choices = field.choices
    if choices is not getattr(field, "declared_choices", None):
        return False
    flags = field.flags
    if getattr(flags, "required", False) or getattr(flags, "disabled", False):
        return False
    return all(not choice.render_kw and choice.optgroup is None for choice in choices)


def _labels(field) -> tuple:
    """The declared choices' labels as text in the current locale."""
    key = ("labels", str(get_locale()), id(field.declared_choices))
    built = _BUILT.get(key)
    if built is None:
        return _remember(key, field.declared_choices, tuple(str(c.label or c.value) for c in field.declared_choices))
    return built[1]


class FixedSelect(widgets.Select):
    """WTForms' select; for declared choices the options come from a per-locale cache."""

    def __call__(self, field, **kwargs):
        if self.multiple or not _plain(field):
            return super().__call__(field, **kwargs)
        kwargs.setdefault("id", field.id)
        key = ("select", str(get_locale()), id(field.declared_choices))
        built = _BUILT.get(key)
        if built is None:
            options = []
            for choice, label in zip(field.declared_choices, _labels(field)):
                value = str(choice.value) if isinstance(choice.value, bool) else choice.value
                text, attributes = escape(label), html_params(value=value)
                options.append((field.coerce(choice.value), f"<option {attributes}>{text}</option>",
                                f"<option selected {attributes}>{text}</option>"))
            built = (None, _remember(key, field.declared_choices, options))
        data = field.data
        html = [f"<select {html_params(name=field.name, **kwargs)}>"]
        html.extend(selected if value == data else plain for value, plain, selected in built[1])
        html.append("</select>")
        return Markup("".join(html))


class FixedSelectField(SelectField):
    """A select whose choices are the ones given here (not replaced per request)."""

    widget = FixedSelect()

    def __init__(self, label=None, validators=None, choices=None, **kwargs):
        super().__init__(label, validators, choices=choices, **kwargs)
        # The declaration's own list (WTForms copies it): the per-locale cache's key.
        self.declared_choices = self._choices = choices


class _BoxLabel:
    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text


class FixedBox:
    """One checkbox of a group, with what the `choices` macro asks of a WTForms option field."""

    __slots__ = ("id", "label", "checked", "_field", "_index")

    def __init__(self, field, index: int, label: str, checked: bool):
        self.id = f"{field.id}-{index}"
        self.label = _BoxLabel(label)
        self.checked = checked
        self._field, self._index = field, index

    def __call__(self, **kwargs):
        field = self._field
        kwargs = {clean_key(name): value for name, value in kwargs.items()}  # as WTForms' render_field does
        try:
            key = ("box", id(field.declared_choices), field.id, field.name, tuple(sorted(kwargs.items())))
            built = _BUILT.get(key)
        except TypeError:  # an attribute value that cannot be a key: build this one box only
            return _boxes(field, kwargs, [field.declared_choices[self._index]], self._index)[0][self.checked]
        if built is None:
            built = (None, _remember(key, field.declared_choices, _boxes(field, kwargs, field.declared_choices)))
        return built[1][self._index][self.checked]

    def __html__(self):
        return self()


def _boxes(field, kwargs: dict, choices, first: int = 0) -> list[tuple[Markup, Markup]]:
    """(unticked, ticked) HTML of each checkbox, as WTForms' CheckboxInput writes it."""
    boxes = []
    for index, choice in enumerate(choices, first):
        attributes = {"id": f"{field.id}-{index}", "type": "checkbox", "value": str(choice.value), **kwargs}
        boxes.append((Markup(f"<input {html_params(name=field.name, **attributes)}>"),
                      Markup(f"<input {html_params(name=field.name, **{'checked': True, **attributes})}>")))
    return boxes


def fixed_boxes(field):
    """The options of a checkbox group, cheaply when its choices are the declared ones (else None)."""
    if not _plain(field) or field.render_kw:
        return None
    data = field.data or ()
    return [FixedBox(field, index, label, field.coerce(choice.value) in data)
            for index, (choice, label) in enumerate(zip(field.declared_choices, _labels(field)))]


class CheckboxesField(SelectMultipleField):
    """A group of checkboxes (rendered by the `choices` macro in a fieldset); with the choices it
    was declared with, its boxes come from the cache above."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()

    def __init__(self, label=None, validators=None, choices=None, **kwargs):
        super().__init__(label, validators, choices=choices, **kwargs)
        self.declared_choices = self._choices = choices

    def __iter__(self):
        return iter(fixed_boxes(self) or super().__iter__())


def choices_from(vocabulary: dict) -> list[SelectChoice]:
    return [SelectChoice(key, label) for key, label in vocabulary.items()]


def speak_of_them(form, third_person: dict) -> None:
    """Switch question labels to the third person when a helper acts for someone."""
    for name, text in third_person.items():
        if name in form:
            form[name].label.text = text
