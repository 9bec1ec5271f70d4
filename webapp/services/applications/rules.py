"""What may happen next to an application, and who may do it: the one home of that rule.

Views and templates ask `allowed_actions(application, user)`; the state machine refuses anything
else with `require`, and then moves the status only from `from_statuses(...)` in a guarded
UPDATE, so a change someone else made a moment earlier is refused too. `user` is the signed-in
person: the applicant, a helper acting for them, or a member of staff (whose scope the caller has
already checked).

    draft -submit-> submitted -claim-> under_review -approve-> approved -> enrolled | allocated | hired
    under_review -reject-> rejected; under_review -ask-> needs_info -resubmit-> submitted
    under_review -unclaim-> submitted; any open state -withdraw-> withdrawn (a course seat too)

A job is decided by its employer instead of a caseworker (staff take none of these steps; only the
job's own employer takes the employer's):
    submitted -shortlist-> shortlisted; submitted|shortlisted -invite-> interview
    shortlisted|interview -offer-> offered; submitted|shortlisted|interview -reject_by_employer-> rejected
    offered -accept-> hired (the applicant's answer is the hire: it takes a place); offered -decline-> declined

A subsidy is approved with an amount (services/subsidies/awards.py); above the city's threshold it
waits for an administrator's sign-off, and once approved the caseworker records the payment:
    under_review -approve-> approved | awaiting_city (above the threshold)
    awaiting_city -sign_off-> approved; awaiting_city -send_back-> under_review (to decide again);
    awaiting_city -refuse-> rejected (the city's sign-off steps are administrators' only)
    approved -pay-> paid
"""
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ...extensions import db
from ...models import COURSE, JOB, SUBSIDY, Application, IdentityStatus, Profile, User
from ...models import ApplicationStatus as S
from ...models.applying.application import OPEN, WITHDRAWABLE
from ..common.errors import DomainError


class TransitionError(DomainError):
    status = 409


class NotAssigned(DomainError):
    status = 409


class Action(StrEnum):
    EDIT = "edit"            # change the answers of a draft, or of one sent back for more
    SUBMIT = "submit"
    RESUBMIT = "resubmit"
    WITHDRAW = "withdraw"
    CLAIM = "claim"
    UNCLAIM = "unclaim"
    APPROVE = "approve"
    REJECT = "reject"
    ASK = "ask"              # send back for more information
    REASSIGN = "reassign"    # hand over to a colleague of the same district
    HIRE = "hire"            # an approved applicant takes a public-welfare post
    # A job's employer decides it; the applicant answers an offer.
    SHORTLIST = "shortlist"
    INVITE = "invite"        # to an interview (models.work.jobs.Interview)
    OFFER = "offer"
    REJECT_BY_EMPLOYER = "reject_by_employer"
    ACCEPT = "accept"        # the applicant accepts the offer: hired
    DECLINE = "decline"      # the applicant declines the offer
    # A subsidy: the city's sign-off of a large amount, and the payment.
    SIGN_OFF = "sign_off"
    SEND_BACK = "send_back"  # to the district's caseworker, to decide again
    REFUSE = "refuse"        # the city does not sign it off: not approved
    PAY = "pay"              # the caseworker records the payment


# The statuses each action starts from.
FROM = {
    Action.EDIT: frozenset({S.DRAFT, S.NEEDS_INFO}),
    Action.SUBMIT: frozenset({S.DRAFT}),
    Action.RESUBMIT: frozenset({S.NEEDS_INFO}),
    Action.WITHDRAW: OPEN,
    Action.CLAIM: frozenset({S.SUBMITTED}),
    Action.UNCLAIM: frozenset({S.UNDER_REVIEW}),
    Action.APPROVE: frozenset({S.UNDER_REVIEW}),
    Action.REJECT: frozenset({S.UNDER_REVIEW}),
    Action.ASK: frozenset({S.UNDER_REVIEW}),
    Action.REASSIGN: frozenset({S.UNDER_REVIEW}),
    Action.HIRE: frozenset({S.APPROVED}),
    Action.SHORTLIST: frozenset({S.SUBMITTED}),
    Action.INVITE: frozenset({S.SUBMITTED, S.SHORTLISTED}),
    Action.OFFER: frozenset({S.SHORTLISTED, S.INTERVIEW}),
    Action.REJECT_BY_EMPLOYER: frozenset({S.SUBMITTED, S.SHORTLISTED, S.INTERVIEW}),
    Action.ACCEPT: frozenset({S.OFFERED}),
    Action.DECLINE: frozenset({S.OFFERED}),
    Action.SIGN_OFF: frozenset({S.AWAITING_SIGNOFF}),
    Action.SEND_BACK: frozenset({S.AWAITING_SIGNOFF}),
    Action.REFUSE: frozenset({S.AWAITING_SIGNOFF}),
    Action.PAY: frozenset({S.APPROVED}),
}
# Taken by the applicant, or a helper for them; by the job's employer; the others by staff.
APPLICANT_SIDE = frozenset({Action.EDIT, Action.SUBMIT, Action.RESUBMIT, Action.WITHDRAW, Action.ACCEPT,
                            Action.DECLINE})
EMPLOYER_SIDE = frozenset({Action.SHORTLIST, Action.INVITE, Action.OFFER, Action.REJECT_BY_EMPLOYER})
# What only a job has (an offer to answer); and what a job never has (a caseworker's decision).
JOB_ONLY = EMPLOYER_SIDE | {Action.ACCEPT, Action.DECLINE}
STAFF_SIDE = frozenset(set(Action) - APPLICANT_SIDE - EMPLOYER_SIDE)
# What only a subsidy has; the city's steps are taken by administrators only; what a subsidy never has.
SUBSIDY_ONLY = frozenset({Action.SIGN_OFF, Action.SEND_BACK, Action.REFUSE, Action.PAY})
CITY_ONLY = frozenset({Action.SIGN_OFF, Action.SEND_BACK, Action.REFUSE})
NOT_FOR_SUBSIDY = frozenset({Action.HIRE})
# Decided only by the caseworker who claimed the application.
ASSIGNEE_ONLY = frozenset({Action.UNCLAIM, Action.APPROVE, Action.REJECT, Action.ASK})

CHANGED = _l("This application can no longer be changed this way. Its status may have just changed: "
             "reload the page to see it.")


def from_statuses(action: Action, application: Application) -> frozenset[S]:
    """Where `action` may start; leaving a course frees the seat, so an enrolled place may be withdrawn."""
    if action == Action.WITHDRAW and application.opportunity.kind == COURSE:
        return WITHDRAWABLE
    return FROM[action]


def _identity_verified(application: Application) -> bool:
    return db.session.scalar(select(Profile.identity_status).where(
        Profile.user_id == application.applicant_id)) == IdentityStatus.VERIFIED


def is_employer_of(application: Application, user: User) -> bool:
    """The signed-in user is the account of the employer that posted this job."""
    employer = application.opportunity.employer
    return user.is_employer and employer is not None and employer.user_id == user.id


def refusal(application: Application, user: User, action: Action, *,
            identity_verified: bool | None = None) -> DomainError | None:
    """Why `user` may not take `action` on the application now, or None when they may."""
    side = APPLICANT_SIDE if user.is_applicant or user.is_helper else \
        EMPLOYER_SIDE if user.is_employer else STAFF_SIDE
    is_job = application.opportunity.kind == JOB
    is_subsidy = application.opportunity.kind == SUBSIDY
    wrong_kind = action in STAFF_SIDE if is_job else action in JOB_ONLY
    wrong_kind = wrong_kind or (action in NOT_FOR_SUBSIDY if is_subsidy else action in SUBSIDY_ONLY)
    if action not in side or wrong_kind or application.status not in from_statuses(action, application):
        return TransitionError(CHANGED)
    if action in EMPLOYER_SIDE and not is_employer_of(application, user):
        return TransitionError(CHANGED)
    if action in CITY_ONLY and not user.is_admin:
        return NotAssigned(_l("Only an administrator of the city signs off a subsidy above the city's threshold."))
    if action in ASSIGNEE_ONLY and application.assigned_to_id != user.id:
        return NotAssigned(_l("Another caseworker is checking this application. Ask them, or have it "
                              "reassigned to you first."))
    if action == Action.REASSIGN and not (application.assigned_to_id == user.id or user.leads_team or user.is_admin):
        return NotAssigned(_l("Only the caseworker checking it, a team lead or an administrator can hand this "
                              "application over."))
    if action == Action.APPROVE:
        verified = _identity_verified(application) if identity_verified is None else identity_verified
        if not verified:
            return DomainError(_l("Verify the person's identity before approving."))
    return None


def allowed_actions(application: Application, user: User, *,
                    identity_verified: bool | None = None) -> frozenset[Action]:
    """Everything `user` may do with the application now: the buttons a page shows."""
    return frozenset(action for action in Action
                     if refusal(application, user, action, identity_verified=identity_verified) is None)


def require(application: Application, user: User, action: Action) -> None:
    """Raise the refusal, if any."""
    refused = refusal(application, user, action)
    if refused is not None:
        raise refused
