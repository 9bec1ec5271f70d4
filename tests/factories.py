"""Small builders for tests: people with complete profiles, published opportunities, applications."""
from datetime import timedelta

from tests.conftest import make_user
from webapp.extensions import db
from webapp.models import JOB, Application, Employer, Opportunity
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
                       total=total if total is not None else (capacity * 10 if kind in ("stall", "post") else None),
                       deadline=service_today() + timedelta(days=deadline_days), created_by_id=creator.id,
                       draw_seed="seed-for-tests" if kind == "stall" else None,
                       draw_commitment=commitment_of("seed-for-tests") if kind == "stall" else None,
                       category=fields.pop("category", "vocational" if kind == "course" else None), **fields)
    db.session.add(item)
    db.session.commit()
    return item


def employer(status: str = "verified", name: str = "阳泉市示范科技有限公司", credit_code: str | None = None,
             **fields) -> Employer:
    """An employer with its own account (Role.EMPLOYER), verified unless told otherwise."""
    from webapp.services.employers.credit_code import check_character

    n = next(_counter)
    user = make_user("employer", phone=f"134{n:08d}", name=name)
    body = f"91140300MA{n:07d}"
    item = Employer(user_id=user.id, name=name, org_type=fields.pop("org_type", "private_firm"),
                    credit_code=credit_code or body + check_character(body), district=fields.pop("district", "chengqu"),
                    contact_name="王经理", contact_phone=user.phone, status=status, **fields)
    db.session.add(item)
    db.session.commit()
    return item


def job(employer_row: Employer | None = None, capacity: int = 2, **fields) -> Opportunity:
    """A published job of `employer_row` (a new verified employer if None)."""
    employer_row = employer_row or employer()
    fields.setdefault("job_kind", "full_time")
    fields.setdefault("hours", "周一至周五 9:00-17:00")
    return opportunity(JOB, capacity=capacity, total=None, creator=employer_row.user, employer_id=employer_row.id,
                       **fields)


ANSWERS = {"course": {"reason": "想学", "availability": "上午"}, "stall": {"goods": "水果"},
           "post": {"availability": "工作日"}, "job": {"availability": "工作日"}}


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


def fair(creator, district: str | None = "chengqu", status: str = "published", days: int = 20, **fields):
    """A job fair on site, `days` from today."""
    from webapp.models import Fair

    found = Fair(title=fields.pop("title", "残疾人专场招聘会"), mode=fields.pop("mode", "on_site"),
                 venue=fields.pop("venue", "城区人才市场"), date=service_today() + timedelta(days=days),
                 district=district, status=status, created_by_id=creator.id, **fields)
    db.session.add(found)
    db.session.commit()
    return found


def graduate_plan(person, caseworker, status: str = "student"):
    """A graduate's plan for `person` with one step to do: (plan, the step's id)."""
    from webapp.models import GraduatePlan, PlanAction

    plan = GraduatePlan(user_id=person.id, district=caseworker.district or "chengqu", school="山西大学",
                        graduation_year=service_today().year + 1, status=status, created_by_id=caseworker.id)
    db.session.add(plan)
    db.session.flush()
    action = PlanAction(plan_id=plan.id, text="推荐用人单位", owner="城区员", due_on=service_today() + timedelta(days=7))
    db.session.add(action)
    db.session.commit()
    return plan, action.id
