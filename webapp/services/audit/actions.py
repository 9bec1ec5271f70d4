"""The audit log's actions and details in words, for the people who read it."""
import json

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ...extensions import db
from ...models import DISTRICT_LABELS, AuditEvent, District, Role

ACTIONS = {
    "account.registered": _l("Registered an account"),
    "account.login": _l("Signed in"),
    "account.login_failed": _l("Sign-in failed"),
    "account.logout": _l("Signed out"),
    "account.password_reset": _l("Reset the password"),
    "account.preferences": _l("Changed language or care mode"),
    "account.staff_created": _l("Created a staff account"),
    "account.district_changed": _l("Changed a caseworker's district"),
    "account.role_changed": _l("Changed a staff role"),
    "account.team_lead_changed": _l("Made or unmade a team lead"),
    "account.deactivated": _l("Switched an account off"),
    "account.reactivated": _l("Switched an account back on"),
    "application.started": _l("Started an application"),
    "application.answers_saved": _l("Saved application answers"),
    "application.claimed": _l("Took an application to check"),
    "application.unclaimed": _l("Put an application back in the queue"),
    "application.approved": _l("Approved an application"),
    "application.rejected": _l("Did not approve an application"),
    "application.information_requested": _l("Asked for more information"),
    "application.reassigned": _l("Gave an application to another caseworker"),
    "assessment.recorded": _l("Recorded an ability assessment"),
    "consent.given": _l("Gave consent to use disability information"),
    "consent.withdrawn": _l("Withdrew consent"),
    "data.exported": _l("Downloaded their data"),
    "data.deletion_requested": _l("Asked for their data to be deleted"),
    "data.purged": _l("Data deleted after the retention period"),
    "decision_template.added": _l("Added a decision reason"),
    "decision_template.deactivated": _l("Switched a decision reason off"),
    "decision_template.reactivated": _l("Switched a decision reason back on"),
    "demo.account_created": _l("Created a demo account"),
    "demo.opportunities_created": _l("Created demo opportunities"),
    "demo.decision_templates_created": _l("Created demo decision texts"),
    "draw.run": _l("Ran a stall allocation draw"),
    "evidence.uploaded": _l("Uploaded a photo of a document"),
    "evidence.viewed": _l("Viewed a photo of a document"),
    "evidence.removed": _l("Removed a photo of a document"),
    "fair.created": _l("Created a job fair"),
    "fair.updated": _l("Edited a job fair"),
    "fair.published": _l("Published a job fair"),
    "fair.unpublished": _l("Took a job fair back to draft"),
    "fair.closed": _l("Closed a job fair"),
    "fair.joined": _l("An employer joined a job fair"),
    "fair.registered": _l("Registered for a job fair"),
    "fair.cancelled": _l("Cancelled a job fair registration"),
    "fair.attendance": _l("Recorded attendance at a job fair"),
    "graduate_plan.created": _l("Started a graduate's plan"),
    "graduate_plan.action_added": _l("Added a step to a graduate's plan"),
    "graduate_plan.action_done": _l("Marked a step of a graduate's plan done"),
    "graduate_plan.contact_recorded": _l("Recorded a contact with a graduate"),
    "helper.invite_created": _l("Created a family helper code"),
    "helper.invite_refused": _l("A family helper code was refused"),
    "helper.linked": _l("Linked a family helper"),
    "helper.revoked": _l("Ended a family helper link"),
    "identity.duplicate_refused": _l("Refused an ID number already registered"),
    "identity.verified": _l("Confirmed a person's identity"),
    "identity.check_reset": _l("Identity to be checked again after a change"),
    "identity.not_verified": _l("Could not confirm a person's identity"),
    "identity.unmasked": _l("Showed a full ID or certificate number"),
    "needs.step_saved": _l("Saved an answer about employment needs"),
    "needs.submitted": _l("Submitted employment needs"),
    "opportunity.created": _l("Created an opportunity"),
    "opportunity.updated": _l("Edited an opportunity"),
    "opportunity.published": _l("Published an opportunity"),
    "opportunity.unpublished": _l("Took an opportunity back to draft"),
    "opportunity.closed": _l("Closed an opportunity"),
    "profile.step_saved": _l("Saved a personal detail"),
    "profile.submitted": _l("Submitted personal details"),
    "profile.district_moved": _l("Moved to another district, with their open applications"),
    "saved.added": _l("Saved an opportunity for later"),
    "saved.removed": _l("Removed a saved opportunity"),
    "sms.code_sent": _l("Sent a text message code"),
    "sms.code_failed": _l("A text message code was wrong"),
}


def action_label(action: str) -> str:
    """The action in words where we have them, else its code."""
    return str(ACTIONS[action]) if action in ACTIONS else action


def known_actions() -> list[tuple[str, str]]:
    """(code, words) for the action filter: the named ones and any other code already logged."""
    codes = set(ACTIONS) | set(db.session.scalars(select(AuditEvent.action).distinct()))
    return sorted(((code, action_label(code)) for code in codes), key=lambda pair: pair[1])


def _words(key: str, value) -> str:
    """Known codes in a detail (districts, roles) in words."""
    if value == "city":
        return str(_l("Whole city"))
    if key in ("from", "to") and value in ("active", "inactive"):
        return str(_l("switched on")) if value == "active" else str(_l("switched off"))
    if isinstance(value, str):
        if value in DISTRICT_LABELS.keys() and key in ("from", "to", "district"):
            return District(value).label
        if value in set(Role) and key in ("from", "to", "role"):
            return Role(value).label
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, bool):
        return str(_l("yes")) if value else str(_l("no"))
    return str(value)


def describe_detail(action: str, detail: str) -> str:
    """The JSON detail as short "key: value" text; "from X to Y" first when the event has both."""
    if not detail:
        return ""
    try:
        data = json.loads(detail)
    except ValueError:
        return detail
    if not isinstance(data, dict):
        return str(data)
    parts = []
    if "from" in data and "to" in data:
        parts.append(str(_l("from %(old)s to %(new)s", old=_words("from", data.pop("from")),
                                                    new=_words("to", data.pop("to")))))
    parts.extend(f"{key}: {_words(key, value)}" for key, value in sorted(data.items()))
    return "; ".join(parts)
