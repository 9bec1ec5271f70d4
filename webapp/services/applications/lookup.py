"""Reading a person's applications: one by reference, a page of them, and an application's timeline."""
from sqlalchemy import select

from ...extensions import db
from ...models import Application, ApplicationEvent
from ..common.paging import Page, paginate

PER_PAGE = 20


def for_person(person, reference: str) -> Application | None:
    """The person's application by reference; None for anyone else's (the page then 404s)."""
    return db.session.scalar(select(Application).where(Application.reference == reference,
                                                       Application.applicant_id == person.id))


def of_person(person, page: int = 1, per_page: int = PER_PAGE) -> Page:
    """The person's applications, most recently changed first, a page at a time."""
    return paginate(select(Application).where(Application.applicant_id == person.id)
                    .order_by(Application.updated_at.desc(), Application.id.desc()), page, per_page)


def timeline(application: Application) -> list[ApplicationEvent]:
    return db.session.scalars(select(ApplicationEvent).where(ApplicationEvent.application_id == application.id)
                              .order_by(ApplicationEvent.at, ApplicationEvent.id)).all()
