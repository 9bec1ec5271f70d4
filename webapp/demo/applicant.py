"""The demo applicant 张明 (13800000001): complete profile, consent, submitted needs, helper 张丽 linked;
and his saved answers to "这项政策适合我吗？", so his result page (and the forms to save again or delete
them) can be reached from the screener's page."""
from ..extensions import db
from ..models import HelperLink
from ..services.audit import log as audit
from ..services.common.acting import Acting
from ..services.identity import consent, profiles
from ..services.identity.numbers import check_character
from ..services.needs import steps, versions
from ..services.policies import saved, screener

# A made-up Yangquan (城区, 140302) resident born 1985-06-12; certificate 视力二级 (category 1, level 2).
DEMO_ID_BODY = "14030219850612123"
SCREENER_ANSWERS = {"district": "chengqu", "household_type": "urban", "age_band": "25_44", "work": "unemployed",
                    "study": "no", "business": "wanting"}


def load(applicant, helper) -> None:
    """The demo applicant: complete profile, consent, submitted needs, and the helper linked."""
    if applicant is None or profiles.profile_of(applicant) is not None:
        return
    me = Acting(applicant, applicant)
    id_number = DEMO_ID_BODY + check_character(DEMO_ID_BODY)
    consent.give(me)
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
        steps.save_step(me, step, data)
    versions.submit(me)
    if helper is not None:
        db.session.add(HelperLink(applicant_id=applicant.id, helper_id=helper.id, relationship_label="女儿",
                                  created_by_id=applicant.id))
        audit.record("helper.linked", actor=applicant, subject=applicant, helper_id=helper.id, relationship="女儿")
        db.session.commit()


def load_screener_answers(applicant) -> None:
    """His answers to the policy screener, saved once."""
    if applicant is None or saved.saved_for(applicant) is not None:
        return
    saved.save(applicant, screener.check(SCREENER_ANSWERS))
