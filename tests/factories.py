"""Small builders for tests: people with complete profiles, published opportunities, applications."""
from datetime import timedelta

from tests.conftest import make_user
from webapp.extensions import db
from webapp.models import Application, Opportunity
from webapp.services.applications import drafts, machine
from webapp.services.casework import verification
from webapp.services.common.acting import Acting
from webapp.services.common.dates import today as service_today
from webapp.services.identity import consent, numbers, profiles
from webapp.services.opportunities.commitment import commitment_of

_counter = iter(range(1, 100000))


def id_number(n: int) -> str:
    body = f"1403021985{(n // 28) % 12 + 1:02d}{n % 28 + 1:02d}{n % 1000:03d}"
    return body + numbers.check_character(body)


def applicant(phone: str | None = None, district: str = "chengqu", category: str = "1", name: str = "申请人"):
    """An applicant with consent and a submitted profile, ready to apply."""
    n = next(_counter)
    user = make_user(phone=phone or f"136{n:08d}", name=name)
    me = Acting(user, user)
    number = id_number(n)
    consent.give(me)
    for step, data in (("name", {"full_name": name}), ("id-number", {"id_number": number}),
                       ("certificate", {"certificate_number": number + category + "2"}),
                       ("district", {"district": district, "town": "上站街道"}),
                       ("household", {"household_type": "urban"}),
                       ("education", {"education": "senior", "is_student": "no"}),
                       ("contact", {"contact_phone": user.phone, "preferred_contact": "inbox"})):
        profiles.save_step(me, step, data)
    profiles.submit(me)
    return user


def opportunity(kind: str = "course", capacity: int = 5, total: int | None = None, deadline_days: int = 10,
                creator=None, **fields) -> Opportunity:
    creator = creator or make_user("admin", phone=f"135{next(_counter):08d}")
    item = Opportunity(kind=kind, status="published", title=fields.pop("title", f"{kind} test"),
                       provider="提供方", district=fields.pop("district", "chengqu"), capacity=capacity,
                       total=total if total is not None else (capacity * 10 if kind != "course" else None),
                       deadline=service_today() + timedelta(days=deadline_days), created_by_id=creator.id,
                       draw_seed="seed-for-tests" if kind == "stall" else None,
                       draw_commitment=commitment_of("seed-for-tests") if kind == "stall" else None,
                       category=fields.pop("category", "vocational" if kind == "course" else None), **fields)
    db.session.add(item)
    db.session.commit()
    return item


ANSWERS = {"course": {"reason": "想学", "availability": "上午"}, "stall": {"goods": "水果"},
           "post": {"availability": "工作日"}}


def submitted(person, item) -> Application:
    me = Acting(person, person)
    app = drafts.start(me, item)
    drafts.save_answers(me, app, ANSWERS[item.kind])
    return machine.submit(me, app)


def verified(person, caseworker):
    """基础信息核对 done: approvals need it."""
    profile = profiles.profile_of(person)
    if profile.identity_status != "verified":
        verification.verify_identity(caseworker, profile, True, None)
    return person


def approved(person, item, caseworker):
    """Submitted, claimed and approved (for a course this also enrols or waitlists)."""
    verified(person, caseworker)
    app = machine.claim(caseworker, submitted(person, item))
    return machine.approve(caseworker, app)
