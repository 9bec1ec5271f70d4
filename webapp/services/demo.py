"""Demo records for `flask demo-data`; safe to run again (finds before it creates)."""
from ..extensions import db
from ..models import HelperLink, User
from . import accounts, audit, needs, profiles
from .identity import check_character

# A made-up Yangquan (城区, 140302) resident born 1985-06-12; certificate 视力二级 (category 1, level 2).
DEMO_ID_BODY = "14030219850612123"


def load(accounts_spec, password: str) -> int:
    created = 0
    for phone, name, role, district in accounts_spec:
        if accounts.find_by_phone(phone):
            continue
        user = User(phone=phone, name=name, role=role, district=district,
                    password_hash=accounts.hash_password(password))
        db.session.add(user)
        db.session.flush()
        audit.record("demo.account_created", subject=user, role=role)
        created += 1
    db.session.commit()
    _applicant_story()
    from . import demo_opportunities

    admin = accounts.find_by_phone("13800000003")
    if admin is not None:
        demo_opportunities.load(admin, accounts.find_by_phone("13800000001"), accounts.find_by_phone("13800000002"))
    from . import demo_casework

    demo_casework.load(password)
    return created


def _applicant_story() -> None:
    """The demo applicant: complete profile, consent, submitted needs, and the helper linked."""
    from ..acting import Acting

    applicant = accounts.find_by_phone("13800000001")
    helper = accounts.find_by_phone("13800000004")
    if applicant is None or profiles.profile_of(applicant) is not None:
        return
    me = Acting(applicant, applicant)
    id_number = DEMO_ID_BODY + check_character(DEMO_ID_BODY)
    profiles.give_consent(me)
    for step, data in (
        ("name", {"full_name": applicant.name}),
        ("id-number", {"id_number": id_number}),
        ("certificate", {"certificate_number": id_number + "12"}),
        ("district", {"district": "chengqu", "town": "上站街道"}),
        ("household", {"household_type": "urban"}),
        ("education", {"education": "senior", "is_student": "no"}),
        ("contact", {"contact_phone": applicant.phone, "preferred_contact": "sms"}),
        ("communication", {"communication_needs": ["screen_reader", "large_print"]}),
    ):
        profiles.save_step(me, step, data)
    profiles.submit(me)
    for step, data in (
        ("status", {"employment_status": "unemployed"}),
        ("job-types", {"job_types": ["massage", "customer_service"], "job_types_other": ""}),
        ("pattern", {"work_patterns": ["full_time", "part_time"]}),
        ("districts", {"districts": ["chengqu", "kuangqu"]}),
        ("pay", {"pay_min": "2500", "pay_max": "4000"}),
        ("training", {"training_interests": ["blind_massage", "ecommerce"]}),
        ("accommodations", {"accommodations": ["step_free", "assistive_devices"], "accommodations_other": ""}),
        ("notes", {"notes": "使用读屏软件，希望离家近。"}),
    ):
        needs.save_step(me, step, data)
    needs.submit(me)
    if helper is not None:
        db.session.add(HelperLink(applicant_id=applicant.id, helper_id=helper.id, relationship_label="女儿",
                                  created_by_id=applicant.id))
        audit.record("helper.linked", actor=applicant, subject=applicant, helper_id=helper.id, relationship="女儿")
        db.session.commit()
