"""Managing staff: a caseworker's district and role, switching accounts off and on, and the
reason templates caseworkers pick from. Every change is audited with what it was and became."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from ..extensions import db
from ..models import Application, DecisionTemplate, District, Role, User
from . import audit
from .errors import DomainError

STAFF_ROLES = (Role.CASEWORKER.value, Role.ADMIN.value)
TEMPLATE_KINDS = ("reject", "ask")
MAX_TEMPLATE = 300
MIN_TEMPLATE = 4


def staff_member(user_id: int) -> User | None:
    """A caseworker or administrator by id; None for anyone else."""
    person = db.session.get(User, user_id)
    return person if person is not None and person.role in STAFF_ROLES else None


def checking_count(person: User) -> int:
    """Applications this person has claimed and not yet decided: a colleague takes them over."""
    return db.session.scalar(select(func.count()).select_from(Application).where(
        Application.assigned_to_id == person.id, Application.status == "under_review")) or 0


def _scope(district: str | None) -> str:
    return district or "city"


def update(actor: User, person: User, *, role: str, district: str | None, ip: str | None = None) -> list[str]:
    """Change role and district; return what changed (nothing is written when nothing did)."""
    if role not in STAFF_ROLES:
        raise DomainError(_l("Choose a staff role."), "role")
    district = district or None
    if district is not None and district not in {d.value for d in District}:
        raise DomainError(_l("Choose a district from the list."), "district")
    if person.id == actor.id and role != person.role:
        raise DomainError(_l("You cannot change your own role. Ask another administrator."), "role")
    if role == Role.ADMIN.value:
        district = None  # administrators work for the whole city
    changed = []
    if role != person.role:
        audit.record("account.role_changed", actor=actor, subject=person, ip=ip, **{"from": person.role, "to": role})
        person.role = role
        changed.append("role")
    if district != person.district:
        audit.record("account.district_changed", actor=actor, subject=person, ip=ip,
                     **{"from": _scope(person.district), "to": _scope(district)})
        person.district = district
        changed.append("district")
    db.session.commit()
    return changed


def deactivate(actor: User, person: User, ip: str | None = None) -> None:
    """Switch an account off: it cannot sign in, and is signed out at its next request."""
    if person.id == actor.id:
        raise DomainError(_l("You cannot switch off your own account. Ask another administrator."))
    if not person.active:
        raise DomainError(_l("This account is already switched off."))
    person.active = False
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


# Decision templates: the reasons for 不通过 (reject) and the requests for 补充材料 (ask).

def templates() -> dict[str, list[DecisionTemplate]]:
    """All templates by kind, the ones in use first, then oldest first."""
    found = {kind: [] for kind in TEMPLATE_KINDS}
    for template in db.session.scalars(select(DecisionTemplate).order_by(
            DecisionTemplate.active.desc(), DecisionTemplate.id)):
        found.setdefault(template.kind, []).append(template)
    return found


def add_template(actor: User, kind: str, text: str, ip: str | None = None) -> DecisionTemplate:
    if kind not in TEMPLATE_KINDS:
        raise DomainError(_l("Choose what the text is for."), "kind")
    text = " ".join((text or "").split())
    if len(text) < MIN_TEMPLATE:
        raise DomainError(_l("Enter the text, at least %(min)d characters.", min=MIN_TEMPLATE), "text")
    if len(text) > MAX_TEMPLATE:
        raise DomainError(_l("The text must be %(max)d characters or fewer.", max=MAX_TEMPLATE), "text")
    duplicate = db.session.scalar(select(func.count()).select_from(DecisionTemplate).where(
        DecisionTemplate.kind == kind, DecisionTemplate.text == text))
    if duplicate:
        raise DomainError(_l("This text is already in the list. Switch it back on if it is off."), "text")
    template = DecisionTemplate(kind=kind, text=text, active=True, created_by_id=actor.id)
    db.session.add(template)
    db.session.flush()
    audit.record("decision_template.added", actor=actor, ip=ip, template_id=template.id, kind=kind, text=text)
    db.session.commit()
    return template


def set_template_active(actor: User, template: DecisionTemplate, active: bool, ip: str | None = None) -> None:
    if template.active == active:
        raise DomainError(_l("This text is already switched on.") if active
                          else _l("This text is already switched off."))
    template.active = active
    audit.record("decision_template.reactivated" if active else "decision_template.deactivated", actor=actor,
                 ip=ip, template_id=template.id, kind=template.kind,
                 **{"from": "inactive" if active else "active", "to": "active" if active else "inactive"})
    db.session.commit()
