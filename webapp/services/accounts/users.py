"""Finding an account, and remembering a person's language and care mode."""
from sqlalchemy import select, update

from ...extensions import db
from ...models import User
from ..audit import log as audit


def find_by_phone(phone: str) -> User | None:
    return db.session.scalar(select(User).where(User.phone == phone))


def end_sessions(user: User) -> None:
    """Sign the account out on every device at its next request (the caller commits)."""
    db.session.execute(update(User).where(User.id == user.id)
                       .values(session_version=User.session_version + 1).execution_options(synchronize_session=False))
    db.session.expire(user, ["session_version"])


def set_preferences(user: User, *, locale: str | None = None, care_mode: bool | None = None,
                    ip: str | None = None) -> None:
    """Remember language and care mode on the profile; write only when something changes."""
    changes = {}
    if locale is not None and locale != user.locale:
        changes["locale"] = locale
        user.locale = locale
    if care_mode is not None and care_mode != user.care_mode:
        changes["care_mode"] = care_mode
        user.care_mode = care_mode
    if changes:
        audit.record("account.preferences", actor=user, subject=user, ip=ip, **changes)
        db.session.commit()
