"""Starting a plan and keeping it: actions (what, who, by when, done when) and contacts. A plan
belongs to the person's district; caseworkers of another district are told it is not there."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from ...extensions import db
from ...models import GraduatePlan, GraduateStatus, PlanAction, PlanContact, Role, User
from ..audit.log import record
from ..casework import scope
from ..common.dates import NotARealDate, NotYearMonthDay, read_date, today
from ..common.errors import DomainError
from ..common.phone import normalise_phone
from ..common.text import plain, whole_number
from ..opportunities.fields import Invalid


def plan_for(user, plan_id: int) -> GraduatePlan | None:
    """The plan, or None when it is not there or its person is out of the user's scope."""
    conditions = scope.people(user)
    if conditions is None:
        return None
    if scope.sees_everyone(user):
        return db.session.get(GraduatePlan, plan_id)
    return db.session.scalar(select(GraduatePlan).where(GraduatePlan.id == plan_id,
                                                        GraduatePlan.district == user.district))


def person_by_phone(user, raw_phone) -> User:
    phone = normalise_phone(raw_phone, "phone")
    person_id = db.session.scalar(select(User.id).where(User.phone == phone, User.role == Role.APPLICANT))
    found = scope.person_for(user, person_id) if person_id else None
    if found is None:
        raise DomainError(_l("No applicant of your district has that mobile number."), "phone")
    return found[0]


def start(user, data: dict, ip: str | None = None) -> GraduatePlan:
    """A new plan for an applicant of the user's district (picked by id or by phone)."""
    problems = []
    person = None
    try:
        if str(data.get("person_id") or "").strip():
            person_id = whole_number(data["person_id"], 10**12)
            found = scope.person_for(user, person_id) if person_id else None
            if found is None:
                raise DomainError(_l("No applicant of your district has that mobile number."), "phone")
            person = found[0]
        else:
            person = person_by_phone(user, data.get("phone"))
    except DomainError as error:
        problems.append(error)
    school = plain(data.get("school"))
    if not school or len(school) > 100:
        problems.append(DomainError(_l("Enter the school or university, in 100 characters or fewer."), "school"))
    year = whole_number(data.get("graduation_year"), 9999)
    this_year = today().year
    if year is None or not this_year - 5 <= year <= this_year + 6:
        problems.append(DomainError(_l("Enter the year of graduation, from %(first)d to %(last)d.",
                                       first=this_year - 5, last=this_year + 6), "graduation_year"))
    if data.get("status") not in set(GraduateStatus):
        problems.append(DomainError(_l("Choose student or graduate."), "status"))
    if person is not None and db.session.scalar(select(GraduatePlan.id).where(GraduatePlan.user_id == person.id)):
        problems.append(DomainError(_l("This person already has a plan."), "phone"))
    if problems:
        raise Invalid(problems)
    district = scope.person_for(user, person.id)[1].district
    plan = GraduatePlan(user_id=person.id, district=district, school=school, graduation_year=year,
                        status=GraduateStatus(data["status"]), created_by_id=user.id)
    db.session.add(plan)
    db.session.flush()
    record("graduate_plan.created", actor=user, subject=person, ip=ip, plan_id=plan.id)
    db.session.commit()
    return plan


def add_action(user, plan: GraduatePlan, data: dict, ip: str | None = None) -> PlanAction:
    problems = []
    text = plain(data.get("text"), multiline=True)
    if not text or len(text) > 500:
        problems.append(DomainError(_l("Say what is to be done, in 500 characters or fewer."), "text"))
    owner = plain(data.get("owner"))
    if not owner or len(owner) > 100:
        problems.append(DomainError(_l("Say who does it, in 100 characters or fewer."), "owner"))
    due = None
    try:
        due = read_date(data.get("due_on"))
    except NotYearMonthDay:
        problems.append(DomainError(_l("Enter the date as year-month-day, for example 2026-09-01."), "due_on"))
    except NotARealDate:
        problems.append(DomainError(_l("There is no such day. Check the month and the day."), "due_on"))
    if problems:
        raise Invalid(problems)
    action = PlanAction(plan_id=plan.id, text=text, owner=owner, due_on=due)
    db.session.add(action)
    db.session.flush()
    record("graduate_plan.action_added", actor=user, subject=plan.user_id, ip=ip, plan_id=plan.id,
           action_id=action.id)
    db.session.commit()
    return action


def mark_done(user, plan: GraduatePlan, action_id: int, ip: str | None = None) -> None:
    """Done today; a guarded UPDATE, so a second click changes nothing."""
    done = db.session.execute(update(PlanAction).where(
        PlanAction.id == action_id, PlanAction.plan_id == plan.id, PlanAction.done_on.is_(None))
        .values(done_on=today())).rowcount
    if not done:
        db.session.rollback()
        raise DomainError(_l("That step is already done, or is not part of this plan."))
    record("graduate_plan.action_done", actor=user, subject=plan.user_id, ip=ip, plan_id=plan.id,
           action_id=action_id)
    db.session.commit()


def record_contact(user, plan: GraduatePlan, notes, ip: str | None = None) -> PlanContact:
    text = plain(notes, multiline=True)
    if not text or len(text) > 1000:
        raise DomainError(_l("Write what was said or agreed, in 1000 characters or fewer."), "notes")
    contact = PlanContact(plan_id=plan.id, by_id=user.id, notes=text)
    db.session.add(contact)
    record("graduate_plan.contact_recorded", actor=user, subject=plan.user_id, ip=ip, plan_id=plan.id)
    db.session.commit()
    return contact
