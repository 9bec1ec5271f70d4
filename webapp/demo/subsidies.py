"""Demo subsidies: one published item per measure, and for the demo applicant 张明 one application
at each step, so a crawler reaches every subsidy page and form from /me: a training subsidy decided
with an amount and paid; a self-employment subsidy above the city's threshold waiting for its
sign-off; social insurance approved and waiting for payment; family-business funding under review by
the demo caseworker; and a loan recommendation still a draft."""
import io

from PIL import Image, ImageDraw
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage

from ..extensions import db
from ..models import COURSE, SUBSIDY, Application, Opportunity, OpportunityStatus, SubsidyKind
from ..models import ApplicationStatus as S
from ..models.base import utcnow
from ..services.applications import drafts, machine
from ..services.audit import log as audit
from ..services.common import dates
from ..services.common.acting import Acting
from ..services.subsidies import awards, photos
from .opportunities import D

K = SubsidyKind
# measure, title, given by, how much, people, days to deadline, who may apply
ITEMS = [
    (K.SELF_EMPLOYMENT, "2026年残疾人自主创业、灵活就业补贴", "阳泉市残疾人联合会", "一次性补贴，最高10000元", 60, 60,
     "在本市自主创业或灵活就业的持证残疾人，可申请一次性补贴。"),
    (K.SOCIAL_INSURANCE, "灵活就业残疾人社会保险补贴", "阳泉市残疾人联合会", "按实际缴费的50%补贴", 100, 90,
     "以灵活就业人员身份缴纳社会保险的残疾人，按月缴费记录申请补贴。"),
    (K.FAMILY_BUSINESS, "农村残疾人家庭经营资助", "阳泉市残疾人联合会", "每户最高5000元", 130, 75,
     "从事种植、养殖、手工或小商店等家庭经营的残疾人家庭。"),
    (K.TRAINING, "职业技能培训与职业资格证书补贴", "阳泉市残疾人联合会", "按培训结业和取得的证书补贴", 200, 120,
     "参加本平台培训课程并结业的残疾人，取得职业资格证书的另有补贴。"),
    (K.LOAN, "创业担保贷款贴息推荐", "阳泉市残疾人联合会", "推荐申请创业担保贷款，财政贴息", 20, 90,
     "残疾人创业者吸纳其他残疾人就业的，可推荐申请创业担保贷款并享受贴息。"),
]


def load(admin, applicant, caseworker) -> None:
    """The items, and the demo applicant's subsidies, once."""
    if admin is None or db.session.scalar(select(func.count()).select_from(Opportunity)
                                          .where(Opportunity.kind == SUBSIDY)):
        return
    today = dates.today()
    items = {}
    for measure, title, provider, how_much, people, days, description in ITEMS:
        items[measure] = Opportunity(
            kind=SUBSIDY, status=OpportunityStatus.PUBLISHED, title=title, category=measure.value, provider=provider,
            district="chengqu", subsidy=how_much, capacity=people, deadline=today + days * D, description=description,
            contact="阳泉市残联就业服务科 刘老师，0353-2025100", what_to_bring="身份证、残疾人证原件，银行卡",
            created_by_id=admin.id, published_at=utcnow())
    db.session.add_all(items.values())
    db.session.flush()
    audit.record("demo.subsidies_created", actor=admin, count=len(items))
    db.session.commit()
    if applicant is not None and caseworker is not None:
        _applications(applicant, caseworker, items)


def _photo(label: str) -> FileStorage:
    image = Image.new("RGB", (900, 640), (250, 248, 240))
    draw = ImageDraw.Draw(image)
    draw.rectangle((40, 40, 860, 600), outline=(120, 120, 120), width=4)
    for row in range(7):
        draw.rectangle((80, 110 + row * 60, 80 + (600 if row % 2 else 420), 130 + row * 60), fill=(70, 70, 70))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    out.seek(0)
    return FileStorage(out, filename=f"{label}.jpg")


def _sent(me, item, answers) -> Application:
    application = drafts.start(me, item)
    drafts.save_answers(me, application, answers)
    photos.add(me, application, _photo(item.category))
    return machine.submit(me, application)


def _applications(applicant, caseworker, items) -> None:
    me = Acting(applicant, applicant)
    course = db.session.scalar(select(Application).join(Opportunity, Opportunity.id == Application.opportunity_id)
                               .where(Application.applicant_id == applicant.id, Opportunity.kind == COURSE,
                                      Application.status == S.ENROLLED).limit(1))
    if course is not None:  # the training subsidy for the course he took: decided, then paid
        training = machine.claim(caseworker, _sent(me, items[K.TRAINING], {"course": course.reference,
                                                                              "certificate": "保健按摩师（五级）"}))
        awards.approve(caseworker, training, "800", "培训结业，按结业补贴标准核定800元。")
        awards.pay(caseworker, training, dates.today().isoformat(), "800")
    # Self-employment above the city's threshold: waits for the city's sign-off.
    started = (dates.today() - 200 * D).isoformat()
    business = machine.claim(caseworker, _sent(me, items[K.SELF_EMPLOYMENT],
                                               {"business_name": "张明盲人按摩店", "started_on": started}))
    awards.approve(caseworker, business, "8000", "已营业半年以上，吸纳1名残疾人，按标准核定8000元。")
    insurance = machine.claim(caseworker, _sent(me, items[K.SOCIAL_INSURANCE],
                                                {"insurance_months": "12", "insured_as": "灵活就业人员"}))
    awards.approve(caseworker, insurance, "2400", "按实际缴费12个月的50%核定。")
    machine.claim(caseworker, _sent(me, items[K.FAMILY_BUSINESS],
                                    {"business": "家庭手工编织", "use_of_funds": "购买毛线和编织机"}))
    loan = drafts.start(me, items[K.LOAN])
    drafts.save_answers(me, loan, {"business_name": "张明盲人按摩店", "disabled_staff": "1", "loan_amount": "100000"})
