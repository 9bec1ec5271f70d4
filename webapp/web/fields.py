"""Form fields shared by the question pages."""
from wtforms import SelectChoice, SelectMultipleField, widgets


class CheckboxesField(SelectMultipleField):
    """A group of checkboxes (rendered by the `choices` macro in a fieldset)."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


def choices_from(vocabulary: dict) -> list[SelectChoice]:
    return [SelectChoice(key, label) for key, label in vocabulary.items()]


def speak_of_them(form, third_person: dict) -> None:
    """Switch question labels to the third person when a helper acts for someone."""
    for name, text in third_person.items():
        if name in form:
            form[name].label.text = text
