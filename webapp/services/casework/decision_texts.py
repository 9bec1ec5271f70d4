"""Decision texts: the reasons for 不通过 (reject) and the requests for 补充材料 (ask) that caseworkers
pick from, kept by administrators. Each change is audited with what it was and became."""
import re

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from ...extensions import db
from ...models import DecisionTemplate, User
from ..audit import log as audit
from ..common.errors import DomainError
from ..common.text import plain

TEMPLATE_KINDS = ("reject", "ask")
MAX_TEMPLATE = 300
MIN_TEMPLATE = 4
_ENDS = "。！？!?.…；;"
_CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")


def as_sentences(parts) -> str:
    """A template's text and the caseworker's own words as one text that reads right: each part
    ends with a full stop (。 after Chinese, . after other text) unless it ends with one already;
    Chinese parts follow each other directly, other text after a space."""
    text = ""
    for part in (p.strip() for p in parts):
        if not part:
            continue
        chinese = bool(_CJK.search(part[-1]))
        if part[-1] not in _ENDS:
            part += "。" if chinese else "."
        if text and not (_CJK.search(text[-1]) and _CJK.search(part[0])):
            text += " "
        text += part
    return text


def in_use(kind: str) -> list[DecisionTemplate]:
    """The texts of one kind that caseworkers can pick now, oldest first."""
    return db.session.scalars(select(DecisionTemplate).where(
        DecisionTemplate.kind == kind, DecisionTemplate.active.is_(True)).order_by(DecisionTemplate.id)).all()


def by_kind() -> dict[str, list[DecisionTemplate]]:
    """All templates by kind, the ones in use first, then oldest first."""
    found = {kind: [] for kind in TEMPLATE_KINDS}
    for template in db.session.scalars(select(DecisionTemplate).order_by(
            DecisionTemplate.active.desc(), DecisionTemplate.id)):
        found.setdefault(template.kind, []).append(template)
    return found


def add_template(actor: User, kind: str, text: str, ip: str | None = None) -> DecisionTemplate:
    if kind not in TEMPLATE_KINDS:
        raise DomainError(_l("Choose what the text is for."), "kind")
    text = plain(text)
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
