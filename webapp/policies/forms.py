"""The screener's form: six radio groups; what counts as an answer is said in services.policies.screener."""
from flask_wtf import FlaskForm
from wtforms import RadioField

from ..services.policies.screener import QUESTIONS
from ..web.fields import choices_from


def _question(name: str) -> RadioField:
    question, answers, _missing = QUESTIONS[name]
    return RadioField(question, choices=choices_from(answers), validate_choice=False)


class ScreenerForm(FlaskForm):
    district = _question("district")
    household_type = _question("household_type")
    age_band = _question("age_band")
    work = _question("work")
    study = _question("study")
    business = _question("business")
