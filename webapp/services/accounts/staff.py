"""Staff accounts: creating caseworkers and administrators, a caseworker's district and role, and
switching accounts off and on. Every change is audited with what it was and became."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from ...extensions import db
from ...models import Application, ApplicationStatus, District, Role, User
from ...models.people.user import STAFF_ROLES
from ..audit import log as audit
from ..common.errors import DomainError
from ..common.names import check_name
from .passwords import check_password, hash_password
from .users import end_sessions, find_by_phone

DISTRICTS = frozenset(District)


def create_staff(*, phone: str, name: str, password: str, role: Role, district: str | None,
                 actor: User | None = None, ip: str | None = None) -> User:
    """Create a caseworker (district or city-wide) or an administrator."""
    name = check_name(name)
    check_password(password, phone)
    if role not in (Role.CASEWORKER, Role.ADMIN):
        raise DomainError(_l("Choose a staff role."), "role")
    if district and district not in DISTRICTS:
        raise DomainError(_l("Choose a district from the list."), "district")
    if find_by_phone(phone):
        raise DomainError(_l("This number already has an account."), "phone")
    user = User(phone=phone, name=name, password_hash=hash_password(password),
                role=role, district=district or None)
    db.session.add(user)
    db.session.flush()
    audit.record("account.staff_created", actor=actor, subject=user, ip=ip, role=role.value,
                 district=district or "city")
    db.session.commit()
    return user


def staff_member(user_id: int) -> User | None:
    """A caseworker or administrator by id; None for anyone else."""
    person = db.session.get(User, user_id)
    return person if person is not None and person.role in STAFF_ROLES else None


def checking_count(person: User) -> int:
    """Applications this person has claimed and not yet decided: a colleague takes them over."""
    return db.session.scalar(select(func.count()).select_from(Application).where(
        Application.assigned_to_id == person.id, Application.status == ApplicationStatus.UNDER_REVIEW)) or 0


def _scope(district: str | None) -> str:
    return district or "city"


def update(actor: User, person: User, *, role: str, district: str | None, leads_team: bool = False,
           ip: str | None = None) -> list[str]:
    """Change role, district and team lead; return what changed (nothing is written when nothing did)."""
    if role not in STAFF_ROLES:
        raise DomainError(_l("Choose a staff role."), "role")
    district = district or None
    if district is not None and district not in DISTRICTS:
        raise DomainError(_l("Choose a district from the list."), "district")
    if person.id == actor.id and role != person.role:
        raise DomainError(_l("You cannot change your own role. Ask another administrator."), "role")
    if role == Role.ADMIN:
        district, leads_team = None, False  # administrators work for the whole city, and hand over anything
    changed = []
    if role != person.role:
        audit.record("account.role_changed", actor=actor, subject=person, ip=ip, **{"from": person.role, "to": role})
        person.role = role
        end_sessions(person)  # pages open with the old role's rights close too
        changed.append("role")
    if district != person.district:
        audit.record("account.district_changed", actor=actor, subject=person, ip=ip,
                     **{"from": _scope(person.district), "to": _scope(district)})
        person.district = district
        changed.append("district")
    if bool(leads_team) != bool(person.leads_team):
        audit.record("account.team_lead_changed", actor=actor, subject=person, ip=ip,
                     **{"from": bool(person.leads_team), "to": bool(leads_team)})
        person.leads_team = bool(leads_team)
        changed.append("leads_team")
    db.session.commit()
    return changed


def deactivate(actor: User, person: User, ip: str | None = None) -> None:
    """Switch an account off: it cannot sign in, and is signed out at its next request."""
    if person.id == actor.id:
        raise DomainError(_l("You cannot switch off your own account. Ask another administrator."))
    if not person.active:
        raise DomainError(_l("This account is already switched off."))
    person.active = False
    end_sessions(person)  # switched back on later, an old cookie still does not work
    audit.record("account.deactivated", actor=actor, subject=person, ip=ip, **{"from": "active", "to": "inactive"})
    db.session.commit()


def reactivate(actor: User, person: User, ip: str | None = None) -> None:
    if person.active:
        raise DomainError(_l("This account is already switched on."))
    if person.deleted_at is not None:
        raise DomainError(_l("This account was deleted at the person's request and cannot be switched on."))
    person.active = True
    audit.record("account.reactivated", actor=actor, subject=person, ip=ip, **{"from": "inactive", "to": "active"})
    db.session.commit()
