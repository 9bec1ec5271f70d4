"""Shared by the test_family_* modules: invites and links made directly, audit events, the acting banner."""
import re

from sqlalchemy import select

from tests.conftest import PASSWORD
from webapp.extensions import db
from webapp.models import AuditEvent, HelperLink
from webapp.services.common.acting import Acting
from webapp.services.family import invites


def audit_events(action: str) -> list[AuditEvent]:
    return db.session.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)).all()


def banner(page: str) -> str | None:
    """The "Acting for ..." line every page shows a helper, or None."""
    match = re.search(r'<p class="banner">(.*?) ·', page)
    return match.group(1) if match else None


def helper_links() -> list[HelperLink]:
    db.session.expire_all()  # requests commit in their own sessions
    return db.session.scalars(select(HelperLink).order_by(HelperLink.id)).all()


def invite_code(applicant) -> str:
    return invites.create_invite(Acting(applicant, applicant))


def link_helper(applicant, helper, relationship: str = "女儿") -> HelperLink:
    return invites.accept_invite(helper, invite_code(applicant), relationship)


def sign_in(client, user) -> None:
    """Sign the same browser (the `client` fixture) in as someone else; a second browser is `client_for`."""
    response = client.post("/auth/login", data={"phone": user.phone, "password": PASSWORD})
    assert response.status_code == 303, response.get_data(as_text=True)
