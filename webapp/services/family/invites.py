"""Invite codes: the person makes a one-time code, a helper types it and is linked."""
import hmac
import secrets
from datetime import timedelta
from hashlib import sha256

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select

from ...extensions import db
from ...models import HelperInvite, HelperLink, User
from ...models.base import utcnow
from ..audit import log as audit
from ..common.errors import DomainError
from ..common.text import plain
from .links import add_link, linked

# No 0/O or 1/I/L: codes are read out over the phone and typed by older people.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
CODE_TTL = timedelta(hours=24)


def _digest(code: str) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, code.encode(), sha256).hexdigest()


def normalise_code(raw: str) -> str:
    return "".join((raw or "").split()).replace("-", "").upper()


def create_invite(acting, ip: str | None = None) -> str:
    """A one-time 8-character code, valid 24 hours; returned once, stored only as a hash."""
    code = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    db.session.add(HelperInvite(applicant_id=acting.person.id, code_hash=_digest(code),
                                expires_at=utcnow() + CODE_TTL))
    audit.record_for(acting, "helper.invite_created", ip)
    db.session.commit()
    return code


def accept_invite(helper: User, raw_code: str, relationship: str, ip: str | None = None) -> HelperLink:
    code = normalise_code(raw_code)
    relationship = plain(relationship)
    if not code:
        raise DomainError(_l("Enter the 8-character code."), "code")
    if not relationship:
        raise DomainError(_l("Say how you are related, for example daughter or neighbour."), "relationship")
    invite = db.session.scalar(select(HelperInvite).where(HelperInvite.code_hash == _digest(code)))
    if invite is None or invite.used_at is not None or invite.expires_at < utcnow():
        audit.record("helper.invite_refused", actor=helper, ip=ip)
        db.session.commit()
        raise DomainError(_l("This code is not valid. Codes work once and for 24 hours: ask for a new one."), "code")
    if invite.applicant_id == helper.id:
        raise DomainError(_l("You cannot be your own helper."), "code")
    invite.used_at, invite.used_by_id = utcnow(), helper.id
    made = add_link(invite.applicant_id, helper, relationship, created_by=helper, reason=None, ip=ip)
    db.session.commit()
    return linked(made)


def expire_due() -> int:
    """Delete the codes never used whose 24 hours have passed (run daily): nothing left to guess at."""
    gone = db.session.execute(delete(HelperInvite).where(HelperInvite.used_at.is_(None),
                                                         HelperInvite.expires_at < utcnow())).rowcount
    db.session.commit()
    return gone
