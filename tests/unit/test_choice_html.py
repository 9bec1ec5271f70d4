"""Selects and checkbox groups built once per locale write exactly the HTML WTForms writes."""
import pytest
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict
from wtforms import Form, SelectChoice, SelectField, SelectMultipleField, widgets
from wtforms.validators import InputRequired

from webapp import create_app
from webapp.config import TestConfig
from webapp.web.fields import CheckboxesField, FixedSelectField

CHOICES = [SelectChoice("", _l("All districts")), SelectChoice("chengqu", _l("Urban (城镇)")),
           SelectChoice("a&b", 'Quote " and <tag>'), SelectChoice("rural", _l("Rural (农村)"))]


class Fast(Form):
    area = FixedSelectField(_l("District"), choices=CHOICES)
    boxes = CheckboxesField(_l("Communication needs"), choices=CHOICES[1:])


class _WTFormsBoxes(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class Plain(Form):
    area = SelectField(_l("District"), choices=CHOICES)
    boxes = _WTFormsBoxes(_l("Communication needs"), choices=CHOICES[1:])


def _boxes(field, **kwargs) -> list:
    return [(str(option(class_="choice__input", **kwargs)), option.id, str(option.label.text)) for option in field]


@pytest.fixture
def app():
    return create_app(TestConfig, {"SQLALCHEMY_DATABASE_URI": "sqlite://"})


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
@pytest.mark.parametrize("query", [{}, {"area": "chengqu", "boxes": ["rural"]}, {"area": "a&b", "boxes": ["chengqu", "a&b"]},
                                   {"area": "unknown", "boxes": ["unknown"]}, {"area": ""}])
def test_the_same_html_as_wtforms_in_each_language_and_choice(app, lang, query):
    with app.test_request_context(f"/?lang={lang}"):
        for _twice in range(2):  # built, then from the cache
            fast, plain = Fast(MultiDict(query)), Plain(MultiDict(query))
            assert str(fast.area(class_="field__input", aria_describedby="x-hint")) == str(
                plain.area(class_="field__input", aria_describedby="x-hint"))
            assert _boxes(fast.boxes) == _boxes(plain.boxes)
            assert _boxes(fast.boxes, data_x="1") == _boxes(plain.boxes, data_x="1")


def test_each_language_keeps_its_own_words(app):
    with app.test_request_context("/?lang=en"):
        english = str(Fast().area())
    with app.test_request_context("/?lang=zh_CN"):
        chinese = str(Fast().area())
    assert "Urban (城镇)" in english and "城镇" in chinese and english != chinese


def test_choices_set_per_request_and_required_fields_are_left_to_wtforms(app):
    class Changing(Form):
        area = FixedSelectField(_l("District"), choices=CHOICES)
        boxes = CheckboxesField(_l("Needs"), choices=CHOICES[1:], validators=[InputRequired()])

    with app.test_request_context("/?lang=en"):
        form = Changing(MultiDict({"area": "x"}))
        form.area.choices = [SelectChoice("x", "Per request")]
        assert str(form.area()) == '<select id="area" name="area"><option selected value="x">Per request</option></select>'
        assert [str(option()) for option in form.boxes][0] == (
            '<input id="boxes-0" name="boxes" required type="checkbox" value="chengqu">')
