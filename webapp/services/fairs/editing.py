"""Creating, editing, publishing and closing a fair. The administrator holds fairs anywhere; a
caseworker holds them for their own district (a city-wide caseworker anywhere). Each change is one
transaction with its audit row."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import update

from ...extensions import db
from ...models import DISTRICT_LABELS, District, Fair, FairMode, FairStatus
from ...vocab import VENUE_ACCESSIBILITY
from ..audit.log import record
from ..casework.scope import sees_everyone
from ..common.dates import NotARealDate, NotYearMonthDay, read_date
from ..common.errors import DomainError
from ..common.text import plain
from ..opportunities.fields import Invalid

# Which status each button leads to, from which statuses.
MOVES = {"publish": (FairStatus.PUBLISHED, (FairStatus.DRAFT,)),
         "close": (FairStatus.CLOSED, (FairStatus.PUBLISHED,)),
         "unpublish": (FairStatus.DRAFT, (FairStatus.PUBLISHED,))}


def may_hold(user, district: str | None) -> bool:
    """Whether the user may create or edit a fair of this district (None: city-wide)."""
    if sees_everyone(user):
        return user.is_admin or user.is_caseworker
    return user.is_caseworker and user.district is not None and district == user.district


def fair_for_staff(user, fair_id: int) -> Fair | None:
    """The fair, or None when it is not there or out of the user's reach (the page says 404)."""
    fair = db.session.get(Fair, fair_id)
    return fair if fair is not None and may_hold(user, fair.district) else None


def allowed_moves(fair: Fair) -> list[str]:
    return [name for name, (_to, sources) in MOVES.items() if fair.status in sources]


def clean(user, data: dict) -> dict:
    """What was typed, as stored values; every problem at once (Invalid)."""
    problems, found = [], {}

    def check(name, parse):
        try:
            found[name] = parse(data.get(name))
        except DomainError as error:
            problems.append(DomainError(error.message, name))

    check("title", lambda v: _required(v, 100, _l("Enter the fair's title.")))
    check("mode", lambda v: _choice(v, set(FairMode), _l("Choose online or on site.")))
    check("venue", lambda v: _required(v, 200, _l("Enter the venue address, or where to join online.")))
    check("accessibility", lambda v: _keys(v, VENUE_ACCESSIBILITY))
    found["sign_language"] = data.get("sign_language") in (True, "y", "yes", "on", "1")
    check("date", _date)
    check("district", lambda v: _district(user, v))
    check("description", lambda v: _text(v, 2000))
    if problems:
        raise Invalid(problems)
    found["mode"] = FairMode(found["mode"])
    return found


def create(user, data: dict, ip: str | None = None) -> Fair:
    values = clean(user, data)
    fair = Fair(created_by_id=user.id, status=FairStatus.DRAFT, **values)
    db.session.add(fair)
    db.session.flush()
    record("fair.created", actor=user, ip=ip, fair_id=fair.id, title=fair.title)
    db.session.commit()
    return fair


def update_fair(user, fair: Fair, data: dict, ip: str | None = None) -> Fair:
    values = clean(user, data)
    changed = sorted(name for name, value in values.items() if getattr(fair, name) != value)
    if not changed:
        return fair
    for name, value in values.items():
        setattr(fair, name, value)
    record("fair.updated", actor=user, ip=ip, fair_id=fair.id, fields=",".join(changed))
    db.session.commit()
    return fair


def move(user, fair: Fair, action: str, ip: str | None = None) -> Fair:
    """Publish, close or take back to draft: a guarded UPDATE, so two clicks change it once."""
    target, sources = MOVES[action]
    done = db.session.execute(update(Fair).where(Fair.id == fair.id, Fair.status.in_(sources))
                              .values(status=target)).rowcount
    if not done:
        db.session.rollback()
        raise DomainError(_l("The fair has changed meanwhile; see its status now."))
    record(f"fair.{action}ed" if action != "close" else "fair.closed", actor=user, ip=ip, fair_id=fair.id)
    db.session.commit()
    db.session.refresh(fair)
    return fair


def _text(value, limit: int) -> str:
    value = plain(value, multiline=True)
    if len(value) > limit:
        raise DomainError(_l("Enter %(limit)d characters or fewer.", limit=limit))
    return value


def _required(value, limit: int, missing) -> str:
    value = plain(value)
    if not value:
        raise DomainError(missing)
    if len(value) > limit:
        raise DomainError(_l("Enter %(limit)d characters or fewer.", limit=limit))
    return value


def _choice(value, allowed: set, missing) -> str:
    if not value or value not in allowed:
        raise DomainError(missing)
    return str(value)


def _keys(values, vocabulary: dict) -> list[str]:
    chosen = set(values or [])
    if not chosen <= set(vocabulary):
        raise DomainError(_l("Choose only from the list."))
    return [key for key in vocabulary if key in chosen]


def _date(value):
    try:
        found = read_date(value)
    except NotYearMonthDay:
        raise DomainError(_l("Enter the date as year-month-day, for example 2026-09-01.")) from None
    except NotARealDate:
        raise DomainError(_l("There is no such day. Check the month and the day.")) from None
    if found is None:
        raise DomainError(_l("Enter the date of the fair."))
    return found


def _district(user, value) -> str | None:
    if not value:
        if sees_everyone(user):
            return None  # city-wide
        raise DomainError(_l("Choose the district."))
    if value not in set(District) or value not in DISTRICT_LABELS:
        raise DomainError(_l("Choose the district."))
    if not may_hold(user, value):
        raise DomainError(_l("You can only hold fairs in your own district."))
    return str(value)
