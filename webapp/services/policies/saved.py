"""The screener's answers a signed-in person chose to keep, and answers read off their own records."""
from datetime import date

from sqlalchemy import delete

from ...extensions import db
from ...models import PolicyAnswers, Profile
from ..audit import log as audit
from ..common import dates
from ..needs.versions import latest_submitted
from .screener import FIELDS, Answers

# Needs registration's "what do you do now" -> the screener's work and study answers.
_FROM_NEEDS = {"unemployed": ("unemployed", None), "employed": ("employed", None),
               "flexible": ("flexible", None), "student": ("not_looking", "student")}


def saved_for(user) -> PolicyAnswers | None:
    return db.session.get(PolicyAnswers, user.id)


def save(user, answers: Answers, ip: str | None = None) -> PolicyAnswers:
    """Keep the answers for the person (replacing any kept before), audited, in one transaction."""
    row = saved_for(user) or PolicyAnswers(user_id=user.id)
    for name, value in answers.as_dict().items():
        setattr(row, name, value)
    db.session.add(row)
    audit.record("policy.answers_saved", actor=user, subject=user, ip=ip, **answers.as_dict())
    db.session.commit()
    return row


def forget(user, ip: str | None = None) -> bool:
    """Delete the kept answers; False when there were none."""
    gone = db.session.execute(delete(PolicyAnswers).where(PolicyAnswers.user_id == user.id)).rowcount
    if gone:
        audit.record("policy.answers_forgotten", actor=user, subject=user, ip=ip)
    db.session.commit()
    return bool(gone)


def _age_band(born: date | None) -> str | None:
    if born is None:
        return None
    today = dates.today()
    age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    for band, below in (("under_16", 16), ("16_24", 25), ("25_44", 45), ("45_59", 60)):
        if age < below:
            return band
    return "60_plus"


def from_records(user) -> dict:
    """What the person's own profile and latest needs registration say, as screener answers (only
    the questions they answer; the rest is left for the person)."""
    found = {}
    profile = db.session.get(Profile, user.id)
    if profile is not None:
        found.update(district=profile.district, household_type=profile.household_type,
                     age_band=_age_band(profile.birth_date))
        if profile.is_student:
            found["study"] = "student"
    needs = latest_submitted(user)
    if needs is not None and needs.employment_status in _FROM_NEEDS:
        work, study = _FROM_NEEDS[needs.employment_status]
        found["work"] = work
        if study:
            found["study"] = study
    return {name: value for name, value in found.items() if name in FIELDS and value}


def has_records(user) -> bool:
    """Whether the person has a profile to fill the answers from."""
    return db.session.get(Profile, user.id) is not None

