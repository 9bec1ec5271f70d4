"""Demo casework: a fuller 城区 queue for the demo caseworker (13800000002), reason templates,
identity checks and an ability assessment."""
import io

from PIL import Image, ImageDraw
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage

from ..extensions import db
from ..models import DecisionTemplate, Opportunity, Role, User
from ..services.accounts.passwords import hash_password
from ..services.accounts.users import find_by_phone
from ..services.applications import drafts, machine
from ..services.audit import log as audit
from ..services.casework import assessments, verification
from ..services.common.acting import Acting
from ..services.identity import consent, evidence, profiles
from ..services.identity.numbers import check_character

TEMPLATES = {
    "reject": ("不符合该岗位/课程的报名条件", "名额已满且无候补", "提交的材料与身份信息不一致"),
    "ask": ("请补充上传清晰的残疾人证照片", "请补充上传身份证照片", "请补充说明可以工作的时间"),
}
# phone, name, made-up 城区 ID body (17 digits), category and level, town, verified, item, answers
PEOPLE = (
    ("13800000005", "赵静", "14030219900315242", "23", "义井街道", True, "计算机与办公软件",
     {"reason": "想学办公软件，找一份文员工作", "availability": "工作日全天"}),
    ("13800000006", "孙伟", "14030219781108351", "42", "北大街街道", False, "图书馆图书整理员",
     {"availability": "周一到周五", "fit": "使用轮椅，需要无障碍通道"}),
)


def load(caseworker, applicant, password: str) -> None:
    if caseworker is None:
        return
    _templates(caseworker)
    if applicant is not None:
        _check_demo_applicant(caseworker, applicant)
    for spec in PEOPLE:
        _person(caseworker, password, *spec)


def _templates(caseworker) -> None:
    if db.session.scalar(select(func.count()).select_from(DecisionTemplate)):
        return
    for kind, texts in TEMPLATES.items():
        db.session.add_all(DecisionTemplate(kind=kind, text=text, created_by_id=caseworker.id) for text in texts)
    audit.record("demo.decision_templates_created", actor=caseworker, count=sum(map(len, TEMPLATES.values())))
    db.session.commit()


def _check_demo_applicant(caseworker, applicant) -> None:
    """The demo applicant: photos, identity verified, one ability assessment."""
    profile = profiles.profile_of(applicant)
    if profile is None:
        return
    if not evidence.current(applicant):
        _photos(Acting(applicant, applicant), (250, 244, 230))
    if profile.identity_status is None:
        verification.verify_identity(caseworker, profile, True, None)
    if assessments.latest_assessment(applicant.id) is None:
        assessments.record_assessment(
            caseworker, profile, assessed_on=profile.submitted_at.date().isoformat(), method="interview",
            work_capacity="partial", directions="盲人按摩；电话或网络客服（需读屏软件）", notes="熟练使用读屏软件，沟通表达良好。")


def registered_person(password, phone, name, id_body, category_level, town):
    """A 城区 applicant with consent and a complete, submitted profile: (user, profile)."""
    user = User(phone=phone, name=name, role=Role.APPLICANT, district=None, password_hash=hash_password(password))
    db.session.add(user)
    db.session.flush()
    audit.record("demo.account_created", subject=user, role=Role.APPLICANT)
    db.session.commit()
    me = Acting(user, user)
    id_number = id_body + check_character(id_body)
    consent.give(me)
    for step, data in (
        ("name", {"full_name": name}),
        ("id-number", {"id_number": id_number}),
        ("certificate", {"certificate_number": id_number + category_level}),
        ("district", {"district": "chengqu", "town": town}),
        ("household", {"household_type": "urban"}),
        ("education", {"education": "junior", "is_student": "no"}),
        ("contact", {"contact_phone": phone, "preferred_contact": "inbox"}),
    ):
        profiles.save_step(me, step, data)
    return user, profiles.submit(me)


def _person(caseworker, password, phone, name, id_body, category_level, town, verified, title, answers) -> None:
    """A 城区 applicant with a complete profile, photos and one submitted application."""
    if find_by_phone(phone):
        return
    user, profile = registered_person(password, phone, name, id_body, category_level, town)
    me = Acting(user, user)
    _photos(me, (232, 240, 250))
    if verified:
        verification.verify_identity(caseworker, profile, True, None)
    item = db.session.scalar(select(Opportunity).where(Opportunity.title == title))
    if item is not None and not drafts.problems(user, item):
        application = drafts.start(me, item)
        drafts.save_answers(me, application, answers)
        machine.submit(me, application)


def _photos(acting, background) -> None:
    """Plain made-up pictures of the two documents, so the caseworker's page shows photos."""
    for kind in evidence.KINDS:
        image = Image.new("RGB", (900, 570), background)
        draw = ImageDraw.Draw(image)
        draw.rectangle((40, 40, 860, 530), outline=(120, 120, 120), width=4)
        draw.rectangle((620, 120, 820, 380), fill=(190, 190, 190))
        for row in range(6):
            draw.rectangle((80, 120 + row * 60, 80 + (480 if row % 2 else 360), 140 + row * 60), fill=(60, 60, 60))
        out = io.BytesIO()
        image.save(out, "JPEG", quality=80)
        out.seek(0)
        evidence.add(acting, kind, FileStorage(out, filename=f"{kind}.jpg"))
