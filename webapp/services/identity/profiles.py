"""基础信息 from the applicant's side: the profile steps, saved one at a time, and one account per person."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ...extensions import db
from ...models import District, Profile
from ...models.base import utcnow
from ..audit import log as audit
from ..common.errors import DomainError
from ..common.names import check_name
from ..common.phone import normalise_phone
from ..common.text import plain
from ..moving import moves
from . import consent, crypto, numbers, stored_numbers

STEPS = ("name", "id-number", "certificate", "district", "household", "education", "contact",
         "communication")
# Steps that must be answered before the answers can be confirmed.
REQUIRED = {"name": "full_name", "id-number": "id_number_enc", "certificate": "certificate_enc",
            "district": "district", "household": "household_type", "education": "education",
            "contact": "contact_phone"}


def profile_of(user) -> Profile | None:
    return db.session.get(Profile, user.id)


def _profile_for_update(acting) -> Profile:
    profile = profile_of(acting.person)
    if profile is None:
        profile = Profile(user_id=acting.person.id, communication_needs=[])
        db.session.add(profile)
    profile.updated_by_id = acting.actor.id
    return profile


def current_values(profile: Profile | None, acting) -> dict:
    """Form values for the steps. The whole ID and certificate only on the person's own pages."""
    if profile is None:
        return {}
    values = {c.key: getattr(profile, c.key) for c in Profile.__table__.columns}
    if not acting.on_behalf:
        whole = stored_numbers.unmasked(profile, acting.person)
        values["id_number"], values["certificate_number"] = whole.id_number, whole.certificate
    return values


def save_step(acting, step: str, data: dict, ip: str | None = None) -> Profile:
    """Validate and store one step's answers in one transaction with its audit row; a changed
    name, ID or certificate puts the identity check back to "to verify"."""
    if step not in STEPS:
        raise DomainError(_l("There is no such question."))
    profile = _profile_for_update(acting)
    before, district = _checked_identity(profile), profile.district
    changed = _apply(acting, profile, step, data, ip)
    audit.record_for(acting, "profile.step_saved", ip, step=step, fields=sorted(changed))
    if profile.district != district:  # a move: what the old district handles goes to the new one
        moves.move_person(acting, district, profile.district, ip, registered=profile.submitted_at is not None)
    if _checked_identity(profile) != before:
        check_again(acting, profile, ip, because=step)
    try:
        db.session.commit()
    except IntegrityError:  # another account took the same ID number at the same moment
        db.session.rollback()
        raise _duplicate(acting, ip) from None
    return profile


# What a caseworker compares with the documents. The certificate is the ID number and two digits
# (category, level), so these four change whenever the name or either number does.
CHECKED = ("full_name", "id_hash", "disability_category", "disability_level")


def _checked_identity(profile: Profile) -> tuple:
    return tuple(getattr(profile, name) for name in CHECKED)


def check_again(acting, profile: Profile, ip: str | None, because: str) -> None:
    """The identity check no longer holds: back to "to verify", with its audit row (the caller commits)."""
    if profile.identity_status is None:
        return
    profile.identity_status = profile.identity_note = None
    profile.identity_checked_at = profile.identity_checked_by_id = None
    audit.record_for(acting, "identity.check_reset", ip, because=because)


def _apply(acting, profile: Profile, step: str, data: dict, ip) -> list[str]:
    if step == "name":
        profile.full_name = check_name(data.get("full_name"), "full_name")
        return ["full_name"]
    if step == "id-number":
        person_id = numbers.check_resident_id(data.get("id_number"))
        digest = crypto.lookup_hash(person_id.number)
        taken = db.session.scalar(select(Profile.user_id).where(Profile.id_hash == digest,
                                                                Profile.user_id != acting.person.id))
        if taken:
            db.session.rollback()
            raise _duplicate(acting, ip)
        if profile.id_hash != digest and profile.certificate_enc:
            # The certificate starts with the ID number: a new ID number needs it entered again.
            profile.certificate_enc = profile.disability_category = profile.disability_level = None
        profile.id_number_enc = crypto.encrypt(person_id.number)
        profile.id_hash = digest
        profile.birth_date, profile.gender = person_id.birth_date, person_id.gender
        return ["id_number", "birth_date", "gender"]
    if step == "certificate":
        consent.require(acting.person)
        if not profile.id_number_enc:
            raise DomainError(_l("Enter your resident ID number first."), "certificate_number")
        cert = numbers.check_certificate(data.get("certificate_number"),
                                         stored_numbers.resident_id_for_checking(profile))
        profile.certificate_enc = crypto.encrypt(cert.number)
        profile.disability_category, profile.disability_level = cert.category, cert.level
        return ["certificate_number", "disability_category", "disability_level"]
    if step == "district":
        District(data["district"])
        town = plain(data.get("town"))
        if not town:
            raise DomainError(_l("Enter your town, township or street."), "town")
        profile.district, profile.town = data["district"], town[:60]
        return ["district", "town"]
    if step == "household":
        profile.household_type = data["household_type"]
        return ["household_type"]
    if step == "education":
        profile.education, profile.is_student = data["education"], data["is_student"] == "yes"
        return ["education", "is_student"]
    if step == "contact":
        profile.contact_phone = normalise_phone(data.get("contact_phone"), "contact_phone")
        profile.preferred_contact = data["preferred_contact"]
        return ["contact_phone", "preferred_contact"]
    profile.communication_needs = sorted(data.get("communication_needs") or [])
    return ["communication_needs"]


def _duplicate(acting, ip) -> DomainError:
    """Log a second account trying an ID number that is already registered, and say what to do."""
    audit.record_for(acting, "identity.duplicate_refused", ip)
    db.session.commit()
    return DomainError(_l("This ID number is already registered to another account. Please contact "
                          "your district's Disabled Persons' Federation, or call 12385."), "id_number")


def missing_steps(profile: Profile | None) -> list[str]:
    if profile is None:
        return list(REQUIRED)
    return [step for step, column in REQUIRED.items() if not getattr(profile, column)]


def submit(acting, ip: str | None = None) -> Profile:
    """Confirm the answers (check-answers page)."""
    profile = profile_of(acting.person)
    if missing_steps(profile):
        raise DomainError(_l("Some questions are not answered yet."))
    profile.submitted_at = utcnow()
    profile.updated_by_id = acting.actor.id
    audit.record_for(acting, "profile.submitted", ip)
    db.session.commit()
    return profile


def reference(profile: Profile) -> str:
    """The number people quote for their submitted details: JC-<user>."""
    return f"JC-{profile.user_id:06d}"
