"""Reading the audit log: search by person, actor, action and dates, newest first, a page at a time.

Read only: nothing in the app updates or deletes an audit row (tests scan the source for it).
"""
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import aliased

from ...models import AuditEvent, User
from ..common.dates import start_of_day_utc
from ..common.paging import Page, paginate
from .actions import action_label, describe_detail

PER_PAGE = 50


@dataclass
class Filters:
    person: str = ""
    actor: str = ""
    action: str = ""
    date_from: date | None = None
    date_to: date | None = None


def _mask(phone: str | None) -> str:
    return f"{phone[:3]}****{phone[-4:]}" if phone else ""


@dataclass
class Row:
    event: AuditEvent
    actor_name: str | None
    actor_phone: str | None
    subject_name: str | None
    subject_phone: str | None
    behalf_name: str | None

    @property
    def actor_masked(self) -> str:
        return _mask(self.actor_phone)

    @property
    def subject_masked(self) -> str:
        return _mask(self.subject_phone)

    @property
    def action_words(self) -> str:
        return action_label(self.event.action)

    @property
    def detail_words(self) -> str:
        return describe_detail(self.event.action, self.event.detail)


def _like(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _matches(person, term: str):
    """A person by phone (digits, whole or part) or by name (part of it)."""
    digits = "".join(ch for ch in term if not ch.isspace() and ch != "-")
    if digits.isascii() and digits.isdigit():
        return person.phone.like(_like(digits), escape="\\")
    return person.name.ilike(_like(" ".join(term.split())), escape="\\")


def search(filters: Filters, page: int = 1, per_page: int = PER_PAGE) -> Page:
    """One query per page: the events with the names of actor, subject and helper, and the total."""
    actor, subject, behalf = aliased(User), aliased(User), aliased(User)
    conditions = []
    if filters.person:
        conditions.append(_matches(subject, filters.person))
    if filters.actor:
        conditions.append(_matches(actor, filters.actor))
    if filters.action:
        conditions.append(AuditEvent.action == filters.action)
    if filters.date_from:
        conditions.append(AuditEvent.at >= start_of_day_utc(filters.date_from))
    if filters.date_to:
        conditions.append(AuditEvent.at < start_of_day_utc(filters.date_to + timedelta(days=1)))
    query = (select(AuditEvent, actor.name, actor.phone, subject.name, subject.phone, behalf.name)
             .outerjoin(actor, actor.id == AuditEvent.actor_id)
             .outerjoin(subject, subject.id == AuditEvent.subject_id)
             .outerjoin(behalf, behalf.id == AuditEvent.on_behalf_of_id)
             .where(*conditions)
             .order_by(AuditEvent.at.desc(), AuditEvent.id.desc()))
    return paginate(query, page, per_page, rows=lambda row: Row(*row))
