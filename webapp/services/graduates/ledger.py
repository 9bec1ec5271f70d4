"""The district's ledger: every plan with its overdue actions counted and its next due date, soonest
due first, in one query per page (no query per row); and one plan's actions and contacts."""
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, func, select

from ...extensions import db
from ...models import GraduatePlan, PlanAction, PlanContact, User
from ..casework import scope
from ..common.dates import today
from ..common.paging import Page, paginate

PER_PAGE = 20


@dataclass(frozen=True)
class LedgerRow:
    plan: GraduatePlan
    name: str
    overdue: int        # actions past their due date and not done
    open_actions: int   # actions not done
    next_due: date | None


def overdue_condition(day: date):
    """An action past its due date and not done: the one definition of overdue."""
    return and_(PlanAction.done_on.is_(None), PlanAction.due_on.is_not(None), PlanAction.due_on < day)


def ledger(user, page: int) -> Page:
    day = today()
    counts = (select(PlanAction.plan_id,
                     func.count().filter(overdue_condition(day)).label("overdue"),
                     func.count().filter(PlanAction.done_on.is_(None)).label("open_actions"),
                     func.min(PlanAction.due_on).filter(PlanAction.done_on.is_(None)).label("next_due"))
              .group_by(PlanAction.plan_id).subquery())
    statement = (select(GraduatePlan, User.name, func.coalesce(counts.c.overdue, 0),
                        func.coalesce(counts.c.open_actions, 0), counts.c.next_due)
                 .join(User, User.id == GraduatePlan.user_id)
                 .outerjoin(counts, counts.c.plan_id == GraduatePlan.id))
    if not scope.sees_everyone(user):
        statement = statement.where(GraduatePlan.district == user.district)
    statement = statement.order_by(counts.c.next_due.is_(None), counts.c.next_due, GraduatePlan.id)
    return paginate(statement, page, PER_PAGE, rows=lambda row: LedgerRow(*row[:5]))


def overdue_summary(user) -> tuple[int, int]:
    """(plans with a step overdue, steps overdue) in the user's ledger: one query."""
    statement = (select(func.count(func.distinct(PlanAction.plan_id)), func.count())
                 .join(GraduatePlan, GraduatePlan.id == PlanAction.plan_id).where(overdue_condition(today())))
    if not scope.sees_everyone(user):
        statement = statement.where(GraduatePlan.district == user.district)
    plans, steps = db.session.execute(statement).one()
    return int(plans), int(steps)


def actions_of(plan: GraduatePlan) -> list[PlanAction]:
    """Not done first, soonest due first; then the done ones."""
    return list(db.session.scalars(select(PlanAction).where(PlanAction.plan_id == plan.id).order_by(
        PlanAction.done_on.is_not(None), PlanAction.due_on.is_(None), PlanAction.due_on, PlanAction.id)))


def contacts_of(plan: GraduatePlan) -> list[tuple[PlanContact, str]]:
    """Newest first, with who recorded each."""
    return [(contact, name) for contact, name in db.session.execute(
        select(PlanContact, User.name).join(User, User.id == PlanContact.by_id)
        .where(PlanContact.plan_id == plan.id).order_by(PlanContact.at.desc(), PlanContact.id.desc()))]
