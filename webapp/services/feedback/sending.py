"""A person's question, need or complaint (sent by them or a helper acting for them), optionally
about one of their own applications, with the day its reply is due; and reading their own."""
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ...extensions import db
from ...models import Application, ApplicationStatus, Feedback, FeedbackKind
from ..applications import lookup
from ..audit import log as audit
from ..common import dates, paging
from ..common.errors import DomainError
from ..common.text import plain

MAX_BODY = 2000
PER_PAGE = 20
CHOOSABLE = 50  # the person's most recent applications offered in the form's list


def reply_due(received_on):
    """The last service day for the reply: the configured number of working days later."""
    return dates.add_working_days(received_on, current_app.config["FEEDBACK_REPLY_WORKING_DAYS"])


def checked_text(raw, field: str, maximum: int, *, required: bool, empty) -> str | None:
    """The text without hidden characters; a DomainError beside `field` when empty or too long."""
    text = plain(raw, multiline=True)
    if not text:
        if required:
            raise DomainError(empty, field)
        return None
    if len(text) > maximum:
        raise DomainError(_l("Write at most %(max)d characters. You wrote %(count)d.", max=maximum,
                             count=len(text)), field)
    return text


def applications_to_choose(person) -> list[Application]:
    """The person's own sent applications, most recently changed first (drafts are not about service)."""
    return db.session.scalars(select(Application).where(
        Application.applicant_id == person.id, Application.status != ApplicationStatus.DRAFT)
        .order_by(Application.updated_at.desc(), Application.id.desc()).limit(CHOOSABLE)).all()


def send(acting, kind: str, body: str, reference: str | None = None, came_from: str | None = None,
         ip: str | None = None) -> Feedback:
    """Store it with its due day and an audit row, in one transaction."""
    try:
        kind = FeedbackKind(kind)
    except ValueError:
        raise DomainError(_l("Choose whether it is a question, a need or a complaint."), "kind") from None
    application = None
    if reference:
        application = lookup.for_person(acting.person, reference)
        if application is None or application.status == ApplicationStatus.DRAFT:
            raise DomainError(_l("Choose one of the applications in the list, or none."), "application")
    text = checked_text(body, "body", MAX_BODY, required=True, empty=_l("Write what you want to ask or tell us."))
    today = dates.today()
    feedback = Feedback(user_id=acting.person.id, created_by_id=acting.actor.id, on_behalf=acting.on_behalf,
                        kind=kind, application_id=application.id if application else None, body=text,
                        came_from=came_from[:200] if came_from else None, received_on=today, due_on=reply_due(today))
    db.session.add(feedback)
    db.session.flush()
    audit.record_for(acting, "feedback.sent", ip, feedback=feedback.id, kind=kind.value,
                     application=application.reference if application else None)
    db.session.commit()
    return feedback


def mine(person, page: int = 1) -> paging.Page:
    """The person's feedback, newest first."""
    return paging.paginate(select(Feedback).where(Feedback.user_id == person.id)
                           .order_by(Feedback.created_at.desc(), Feedback.id.desc()), page, PER_PAGE)


def own(person, feedback_id) -> Feedback | None:
    """The person's own feedback; None for anyone else's (the page then 404s)."""
    if not isinstance(feedback_id, int):
        return None
    return db.session.scalar(select(Feedback).where(Feedback.id == feedback_id, Feedback.user_id == person.id))
