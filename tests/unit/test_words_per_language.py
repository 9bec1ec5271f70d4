"""Words built once per language stay each language's own, and follow a forced language."""
import pytest
from flask_babel import force_locale

from webapp import create_app
from webapp.config import TestConfig
from webapp.vocab import EDUCATION, TRAINING_CATEGORIES, in_locale


@pytest.fixture
def app():
    return create_app(TestConfig, {"SQLALCHEMY_DATABASE_URI": "sqlite://"})


def test_vocabularies_in_each_language_and_under_a_forced_one(app):
    with app.test_request_context("/?lang=en"):
        assert in_locale(TRAINING_CATEGORIES)["blind_massage"] == "Massage for blind people"
        with force_locale("zh_CN"):
            assert in_locale(TRAINING_CATEGORIES)["blind_massage"] == "盲人按摩"
        assert in_locale(TRAINING_CATEGORIES)["blind_massage"] == "Massage for blind people"
        # In a template a label reads as the lazy string did (our catalog's own words, not escaped).
        assert app.jinja_env.from_string("{{ e['bachelor'] }}").render(e=in_locale(EDUCATION)) == (
            app.jinja_env.from_string("{{ e['bachelor'] }}").render(e=EDUCATION)) == "Bachelor's degree"


def test_templates_translate_in_the_request_language_and_a_forced_one(app):
    page = app.jinja_env.from_string("{{ _('Training') }} {{ ngettext('%(num)d course found', '%(num)d courses found', 3) }}")
    with app.test_request_context("/?lang=en"):
        assert page.render() == "Training 3 courses found"
        with force_locale("zh_CN"):
            assert page.render() == "培训 找到 3 门课程"
        assert page.render() == "Training 3 courses found"
    with app.test_request_context("/"):
        assert page.render() == "培训 找到 3 门课程"
