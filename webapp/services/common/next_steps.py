"""What a person does after a decision: for good news the start, the place, whom to contact and
what to bring (from the opportunity), and the one text message that carries it.

A text message names the application by its reference number and carries no link: people are
told to open the service themselves, so a message with a link is never one of ours.
"""
from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ...models import POST, STALL, SUBSIDY
from ...models import ApplicationStatus as S
from ...models.applying.application import PLACED

# The decisions a person hears about by text message too (when they prefer SMS). Sending and a
# caseworker taking it up are shown in the service only.
TEXTED = frozenset({S.NEEDS_INFO, S.APPROVED, S.REJECTED, S.WAITLISTED, S.ENROLLED, S.ALLOCATED,
                    S.NOT_ALLOCATED, S.HIRED, S.WITHDRAWN, S.INTERVIEW, S.OFFERED, S.PAID})

WHAT_NEXT = {
    S.NEEDS_INFO: _l("Open the application in the service to see what to add, then send it again."),
    S.APPROVED: _l("You will be told in the service what happens next."),
    S.REJECTED: _l("The reason is in the service. Call 12385 if you want to talk it over."),
    S.WAITLISTED: _l("You will be told as soon as a seat becomes free."),
    S.NOT_ALLOCATED: _l("The published draw gave no unit to this application this time."),
    S.WITHDRAWN: _l("If you did not withdraw it, call 12385."),
    # A job's steps with its employer.
    S.SHORTLISTED: _l("The employer put you on its shortlist. You will be told if it invites you to an interview."),
    S.INTERVIEW: _l("The day, the place and the arrangements of the interview are in the service. Call 12385 "
                    "if you need help getting there."),
    S.OFFERED: _l("Open the application in the service to accept or decline the offer."),
    S.DECLINED: _l("You declined the offer. Your caseworker can help you look for other work."),
    # A subsidy's steps after the district's decision.
    S.AWAITING_SIGNOFF: _l("The district approved an amount above what it may decide alone. The city signs it off "
                           "next; you will be told."),
    S.PAID: _l("The amount and the day it was paid are in the service."),
}
# An approval that is not yet a place: what comes next depends on the kind.
APPROVED_NEXT = {
    STALL: _l("Next comes the published draw for the units, after applications close. You will be told the result."),
    POST: _l("You are on the shortlist for the post. You will be told if you are hired."),
    SUBSIDY: _l("The amount is in the service. You will be told when it has been paid."),
}


def rows(opportunity, status) -> list[tuple[str, str]]:
    """(label, value) of the next step after good news (a seat, a unit, a post), each where it is set."""
    if opportunity is None or status not in PLACED:
        return []
    address = opportunity.address or ""
    place = address if opportunity.provider and opportunity.provider in address else \
        _(", ").join(part for part in (opportunity.provider, address) if part)
    found = [(_("Starts"), format_date(opportunity.start_date, "long") if opportunity.start_date else ""),
             (_("Where"), place), (_("Whom to contact"), opportunity.contact or ""),
             (_("What to bring"), opportunity.what_to_bring or "")]
    return [(label, value) for label, value in found if value]


def sms_text(reference: str | None, status, opportunity) -> str:
    """One text message for one decision: the reference, the status, the next step; no link."""
    status = S(status)
    steps = rows(opportunity, status)
    if steps:
        after = _("Next: %(steps)s.", steps=_("; ").join(_("%(label)s: %(value)s", label=label, value=value)
                                                         for label, value in steps))
    elif status == S.APPROVED and opportunity is not None and opportunity.kind in APPROVED_NEXT:
        after = str(APPROVED_NEXT[opportunity.kind])
    else:
        after = str(WHAT_NEXT.get(status, _("Details in the service.")))
    return _("[Yangquan Disability Employment] Application %(ref)s: %(status)s. %(next)s",
             ref=reference or "", status=status.label, next=after)
