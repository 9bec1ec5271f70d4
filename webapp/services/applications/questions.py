"""The questions each kind of opportunity asks on its application, and whether they are answered."""
from flask_babel import lazy_gettext as _l

from ...models import COURSE, JOB, POST, STALL, SUBSIDY, Application
from ..common.errors import DomainError
from ..common.text import plain
from ..subsidies import photos
from ..subsidies import questions as measures

# The questions each kind asks: field -> (label, hint, required)
QUESTIONS = {
    COURSE: {"reason": (_l("Why do you want to take this course?"), _l("A sentence or two is enough."), True),
             "availability": (_l("When can you attend?"), _l("For example weekday mornings."), False)},
    STALL: {"goods": (_l("What would you sell or offer?"), _l("For example fruit, phone top-ups, newspapers."), True),
            "experience": (_l("Any experience of running a stall or shop?"), None, False)},
    POST: {"availability": (_l("Which days and hours can you work?"), None, True),
           "fit": (_l("Anything the employer should know to make the work suit you?"), None, False)},
    # A job asks instead what of the needs passport the employer may see (passport.py).
    JOB: {},
}
MAX_ANSWER = 1000


def for_application(application: Application) -> dict:
    if application.opportunity.kind == SUBSIDY:  # each measure asks its own (services/subsidies/questions.py)
        return measures.as_rows(application.opportunity)
    return QUESTIONS[application.opportunity.kind]


def cleaned(application: Application, data: dict) -> dict:
    """The answers to store, trimmed; a required one left empty is refused on its field."""
    if application.opportunity.kind == SUBSIDY:
        return measures.cleaned(application, data)
    answers = {}
    for field, (_label, _hint, required) in for_application(application).items():
        value = plain(data.get(field), multiline=True)[:MAX_ANSWER]
        if required and not value:
            raise DomainError(_l("Answer this question."), field)
        answers[field] = value
    return answers


def check_answers(application: Application) -> None:
    if application.opportunity.kind == JOB and "shared" not in (application.answers or {}):
        raise DomainError(_l("Choose what the employer may see first (you may share nothing)."))
    for field, (_label, _hint, required) in for_application(application).items():
        if required and not (application.answers or {}).get(field):
            raise DomainError(_l("Some questions are not answered yet."))
    if application.opportunity.kind == SUBSIDY:
        if not photos.count(application):
            raise DomainError(_l("Add at least one photo of your papers first."))
