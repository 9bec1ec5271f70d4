"""Helpers shared by the casework tests: applications under review, and what they left behind."""
import re

from sqlalchemy import func, select

from tests import factories
from webapp.extensions import db
from webapp.models import Application, ApplicationEvent, AuditEvent, Notice
from webapp.services.casework import decisions, verification
from webapp.services.identity import profiles


def verified(person, caseworker):
    verification.verify_identity(caseworker, profiles.profile_of(person), True, None)
    return person


def unverified(person):
    """Not checked yet (whatever the factory does by default)."""
    profile = profiles.profile_of(person)
    profile.identity_status = profile.identity_checked_at = profile.identity_checked_by_id = None
    db.session.commit()
    return person


def claimed(caseworker, kind="post", district="chengqu", verify=True, **applicant):
    """An application under review by `caseworker`, its applicant verified unless told otherwise."""
    person = factories.applicant(district=district, **applicant)
    if verify:
        verified(person, caseworker)
    else:
        unverified(person)
    return decisions.claim(caseworker, factories.submitted(person, factories.opportunity(kind)))


def counts(application_id) -> tuple[int, int, int]:
    """(events, notices, audit rows about applications) for one application's applicant."""
    db.session.expire_all()
    application = db.session.get(Application, application_id)
    return (db.session.scalar(select(func.count()).select_from(ApplicationEvent)
                              .where(ApplicationEvent.application_id == application_id)),
            db.session.scalar(select(func.count()).select_from(Notice).where(Notice.application_id == application_id)),
            db.session.scalar(select(func.count()).select_from(AuditEvent).where(
                AuditEvent.subject_id == application.applicant_id, AuditEvent.action.like("application.%"))))


def actions() -> list[str]:
    db.session.expire_all()
    return db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()


def status_of(application_id) -> str:
    db.session.expire_all()
    return db.session.get(Application, application_id).status


def text(response) -> str:
    return response.get_data(as_text=True)


def references(response) -> list[str]:
    return re.findall(r"· (YQ-\d{4}-\d{6})</span>", text(response))
