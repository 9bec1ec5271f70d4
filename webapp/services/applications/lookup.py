"""Reading a person's applications: one by reference, all of them, and an application's timeline."""
from sqlalchemy import select

from ...extensions import db
from ...models import Application, ApplicationEvent


def for_person(person, reference: str) -> Application | None:
    """The person's application by reference; None for anyone else's (the page then 404s)."""
    return db.session.scalar(select(Application).where(Application.reference == reference,
                                                       Application.applicant_id == person.id))


def of_person(person) -> list[Application]:
    return db.session.scalars(select(Application).where(Application.applicant_id == person.id)
                              .order_by(Application.updated_at.desc())).all()


def timeline(application: Application) -> list[ApplicationEvent]:
    return db.session.scalars(select(ApplicationEvent).where(ApplicationEvent.application_id == application.id)
                              .order_by(ApplicationEvent.at, ApplicationEvent.id)).all()
