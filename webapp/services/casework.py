"""Casework: the district queue, who may see what, and the decisions with their audit rows.

Scope: a caseworker sees the people whose profile is in their district; a city-wide caseworker
(district None) and an administrator see everyone. Anything outside the scope is treated as if
it did not exist (the pages answer 404), so a URL never tells whether a record is there.

Each decision is one transaction: the audit row is added first, then the state machine in
`applications` adds the event and the notice and commits all three together; if the transition
is refused it rolls back, and the audit row goes with it.
"""
from dataclasses import dataclass, field
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, false, func, or_, select, update
from sqlalchemy.orm import aliased

from ..extensions import db
from ..models import Application, DecisionTemplate, Opportunity, Profile, Role, User
from ..models.base import utcnow
from . import applications, audit
from .applications import TransitionError
from .errors import DomainError
from .finding import Page

PER_PAGE = 20
MAX_QUERY = 50
MAX_REASON = 1000
MAX_WAITING_DAYS = 3650


class NotAssigned(DomainError):
    status = 409


# Scope ---------------------------------------------------------------------------------------

def sees_everyone(user) -> bool:
    return user.role == Role.ADMIN.value or (user.role == Role.CASEWORKER.value and user.district is None)


def _people(user) -> list | None:
    """Conditions on Profile for the people the user may see (None: no one, not being staff)."""
    if sees_everyone(user):
        return []
    if user.role == Role.CASEWORKER.value and user.district:
        return [Profile.district == user.district]
    return None


def _scope(user) -> list:
    """Conditions for the applications the user may see: sent ones (drafts are the applicant's own)."""
    people = _people(user)
    if people is None:
        return [false()]
    return [Application.status != "draft", Application.submitted_at.is_not(None), *people]


def application_for(user, reference: str) -> tuple[Application, Profile] | None:
    """A sent application and its applicant's profile, or None when out of scope (or a draft)."""
    row = db.session.execute(
        select(Application, Profile).join(Profile, Profile.user_id == Application.applicant_id)
        .where(Application.reference == reference, *_scope(user))).first()
    return (row[0], row[1]) if row else None


def person_for(user, person_id: int) -> tuple[User, Profile] | None:
    """An applicant and their profile, or None when out of the user's scope."""
    people = _people(user)
    if people is None:
        return None
    row = db.session.execute(
        select(User, Profile).join(Profile, Profile.user_id == User.id)
        .where(User.id == person_id, User.role == Role.APPLICANT.value, User.deleted_at.is_(None),
               *people)).first()
    return (row[0], row[1]) if row else None


# The queue -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class QueueFilters:
    """What the caseworker asked for; values already checked by the form."""

    kind: str = ""
    status: str = ""
    opportunity_id: int | None = None
    waiting_days: int | None = None
    mine: bool = False
    unassigned: bool = False
    q: str = ""

    @property
    def active(self) -> bool:
        return any((self.kind, self.status, self.opportunity_id, self.waiting_days is not None, self.mine,
                    self.unassigned, self.q))

    def as_args(self, **changes) -> dict:
        """Query-string arguments that reproduce these filters (for page and count links)."""
        args = {"kind": self.kind, "status": self.status, "opportunity": self.opportunity_id,
                "waiting": self.waiting_days, "mine": "y" if self.mine else "",
                "unassigned": "y" if self.unassigned else "", "q": self.q}
        args.update(changes)
        return {key: value for key, value in args.items() if value not in (None, "")}


@dataclass(frozen=True)
class QueueRow:
    application: Application
    profile: Profile
    assignee_name: str | None


@dataclass(frozen=True)
class Queue:
    page: Page
    counts: dict = field(default_factory=dict)  # status -> number, for the filters except status


def _queue_conditions(user, filters: QueueFilters) -> list:
    found = _scope(user)
    if filters.kind:
        found.append(Opportunity.kind == filters.kind)
    if filters.opportunity_id:
        found.append(Application.opportunity_id == filters.opportunity_id)
    if filters.waiting_days is not None:
        found.append(Application.submitted_at <= utcnow() - timedelta(days=filters.waiting_days))
    if filters.mine:
        found.append(Application.assigned_to_id == user.id)
    if filters.unassigned:
        found.append(Application.assigned_to_id.is_(None))
    if filters.q:
        words = filters.q[:MAX_QUERY]
        found.append(or_(Application.reference.icontains(words, autoescape=True),
                         Profile.full_name.icontains(words, autoescape=True),
                         User.name.icontains(words, autoescape=True)))
    return found


def _joined(statement, assignee):
    return (statement.join(Profile, Profile.user_id == Application.applicant_id)
            .join(User, User.id == Application.applicant_id)
            .join(Opportunity, Opportunity.id == Application.opportunity_id)
            .outerjoin(assignee, assignee.id == Application.assigned_to_id))


def queue(user, filters: QueueFilters, page: int = 1, per_page: int = PER_PAGE) -> Queue:
    """One page of the queue, newest first, and the counts per status: two queries in all.

    The counts apply every filter except the status, so they also give the page's total.
    """
    assignee = aliased(User)
    where = _queue_conditions(user, filters)
    counts = dict(db.session.execute(
        _joined(select(Application.status, func.count()), assignee).where(*where)
        .group_by(Application.status)).all())
    total = counts.get(filters.status, 0) if filters.status else sum(counts.values())
    pages = max((total + per_page - 1) // per_page, 1)
    number = min(max(page, 1), pages)
    if filters.status:
        where = [*where, Application.status == filters.status]
    # Application.applicant and .opportunity load in the same query (lazy="joined").
    rows = db.session.execute(
        _joined(select(Application, Profile, assignee.name), assignee).where(*where)
        .order_by(Application.submitted_at.desc(), Application.id.desc())
        .offset((number - 1) * per_page).limit(per_page)).all()
    items = [QueueRow(application, profile, name) for application, profile, name in rows]
    return Queue(page=Page(items=items, total=total, number=number, per_page=per_page), counts=counts)


def opportunities_in_scope(user) -> list[tuple[int, str]]:
    """(id, title) of the items that have sent applications in the user's scope, for the filter."""
    return [tuple(row) for row in db.session.execute(
        select(Opportunity.id, Opportunity.title).where(Opportunity.id.in_(
            select(Application.opportunity_id).join(Profile, Profile.user_id == Application.applicant_id)
            .where(*_scope(user))))
        .order_by(Opportunity.title, Opportunity.id)).all()]


# Decisions -----------------------------------------------------------------------------------

def templates(kind: str) -> list[DecisionTemplate]:
    return db.session.scalars(select(DecisionTemplate).where(
        DecisionTemplate.kind == kind, DecisionTemplate.active.is_(True)).order_by(DecisionTemplate.id)).all()


def combine_reason(kind: str, template_id, text: str | None) -> str:
    """The picked template's text and the caseworker's own words, either or both."""
    parts = []
    if template_id not in (None, ""):
        template = db.session.get(DecisionTemplate, int(template_id)) if str(template_id).isdigit() else None
        if template is None or template.kind != kind or not template.active:
            raise DomainError(_l("Choose one of the reasons in the list."), "template")
        parts.append(template.text.strip())
    own = " ".join((text or "").split())[:MAX_REASON]
    if own:
        parts.append(own)
    return "\n".join(parts)


def _require_assignee(user, application: Application) -> None:
    if application.status == "under_review" and application.assigned_to_id != user.id:
        raise NotAssigned(_l("Another caseworker is checking this application. Ask them, or have it "
                             "reassigned to you first."))


def _decide(user, application: Application, action: str, change, ip: str | None, **detail) -> Application:
    """Audit row first, then the transition, which commits both; a refusal leaves nothing behind."""
    try:
        audit.record(action, actor=user, subject=application.applicant_id, ip=ip,
                     reference=application.reference, **detail)
        return change()
    except DomainError:
        db.session.rollback()
        raise


def claim(user, application: Application, ip: str | None = None) -> Application:
    return _decide(user, application, "application.claimed", lambda: applications.claim(user, application), ip)


def unclaim(user, application: Application, ip: str | None = None) -> Application:
    _require_assignee(user, application)
    return _decide(user, application, "application.unclaimed",
                   lambda: applications.unclaim(user, application), ip)


def approve(user, application: Application, ip: str | None = None) -> Application:
    _require_assignee(user, application)
    return _decide(user, application, "application.approved",
                   lambda: applications.approve(user, application), ip)


def reject(user, application: Application, reason: str, ip: str | None = None) -> Application:
    _require_assignee(user, application)
    return _decide(user, application, "application.rejected",
                   lambda: applications.reject(user, application, reason), ip)


def ask(user, application: Application, reason: str, ip: str | None = None) -> Application:
    _require_assignee(user, application)
    return _decide(user, application, "application.information_requested",
                   lambda: applications.ask_for_information(user, application, reason), ip)


# Reassigning ---------------------------------------------------------------------------------

def colleagues(user) -> list[User]:
    """Active caseworkers with the same district value as the user (city-wide with city-wide)."""
    same = User.district.is_(None) if user.district is None else User.district == user.district
    return db.session.scalars(select(User).where(
        User.role == Role.CASEWORKER.value, User.active.is_(True), User.deleted_at.is_(None), same,
        User.id != user.id).order_by(User.name, User.id)).all()


def reassign(user, application: Application, to_user_id, ip: str | None = None) -> Application:
    """Hand an application under review to a colleague of the same district."""
    target = next((c for c in colleagues(user) if str(c.id) == str(to_user_id)), None)
    if target is None:
        raise DomainError(_l("Choose a colleague of your district."), "assignee")
    previous = application.assigned_to_id
    result = db.session.execute(
        update(Application).where(and_(Application.id == application.id, Application.status == "under_review"))
        .values(assigned_to_id=target.id, updated_at=utcnow()).execution_options(synchronize_session=False))
    if result.rowcount != 1:
        db.session.rollback()
        raise TransitionError(_l("Only an application that is being checked can be reassigned. Its status may "
                                 "have just changed: reload the page to see it."))
    audit.record("application.reassigned", actor=user, subject=application.applicant_id, ip=ip,
                 reference=application.reference, from_id=previous, to_id=target.id)
    db.session.commit()
    db.session.expire(application)
    return application
