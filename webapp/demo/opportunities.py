"""Demo courses, stall openings, welfare posts and the demo applicant's applications in several states."""
from datetime import timedelta

from sqlalchemy import func, select

from ..extensions import db
from ..models import COURSE, POST, STALL, Opportunity, OpportunityStatus
from ..models.base import utcnow
from ..services.applications import drafts, machine
from ..services.audit import log as audit
from ..services.casework import verification
from ..services.common import dates
from ..services.common.acting import Acting
from ..services.identity import profiles
from ..services.opportunities.commitment import sealed_seed

D = timedelta(days=1)

# title, category, provider, district, rural, seats, taken, days to deadline, accessibility, subsidy, suits
COURSES = [
    ("盲人保健按摩初级班", "blind_massage", "阳泉市盲人按摩指导中心", "chengqu", False, 20, 6, 20, ["step_free", "braille_large_print"], "免费，结业后推荐就业", [1]),
    ("盲人医疗按摩提高班", "blind_massage", "阳泉市盲人按摩指导中心", "kuangqu", False, 12, 12, 25, ["step_free", "braille_large_print"], "免费", [1]),
    ("电商直播带货入门", "ecommerce", "阳泉职业技术学院", "chengqu", False, 30, 11, 30, ["online", "accessible_toilet"], "免费，补贴流量费", []),
    ("网店客服技能培训", "ecommerce", "阳泉市残疾人职业培训基地", "jiaoqu", False, 25, 25, 15, ["online"], "免费", [2, 3, 4]),
    ("设施蔬菜种植技术", "rural", "平定县农业技术推广站", "pingding", True, 40, 9, 35, ["step_free"], "免费，提供午餐", []),
    ("小杂粮种植与加工", "rural", "盂县农业农村局", "yuxian", True, 30, 4, 40, ["step_free", "accessible_toilet"], "免费", []),
    ("特色养殖（养蜂）", "rural", "郊区农业服务中心", "jiaoqu", True, 20, 20, 18, [], "免费，发放蜂箱", [2, 4]),
    ("计算机与办公软件", "vocational", "阳泉市残疾人职业培训基地", "chengqu", False, 25, 7, 28, ["step_free", "accessible_toilet", "sign_interpreter"], "免费，考证补贴", []),
    ("面点制作", "vocational", "矿区职业培训学校", "kuangqu", False, 18, 3, 22, ["step_free"], "免费", [2, 3, 4, 6]),
    ("手工编织（居家就业）", "vocational", "经开区残疾人之家", "devzone", False, 15, 2, 45, ["step_free", "accessible_toilet"], "免费，材料包", []),
    ("残疾人创业培训（SYB）", "entrepreneurship", "阳泉市就业服务中心", "chengqu", False, 30, 10, 12, ["step_free", "sign_interpreter"], "免费，创业补贴申报辅导", []),
    ("农村电商创业", "entrepreneurship", "平定县电商服务中心", "pingding", True, 20, 5, -3, ["online"], "免费", []),
]
# title, stall kind, place, district, total units, reserved, fee, reduction, days to deadline
STALLS = [
    ("桃北市场固定摊位", "market_stall", "桃北农贸市场", "chengqu", 30, 3, 400, "残疾人减半收取"),
    ("万达广场便民商铺", "shop", "万达广场", "chengqu", 20, 2, 1500, "残疾人免首年租金"),
    ("矿区报刊亭", "newsstand", "矿区北大街", "kuangqu", 10, 1, 100, "残疾人免收"),
    ("体育彩票投注站", "lottery_kiosk", "郊区荫营镇", "jiaoqu", 8, 1, 0, "优先安排残疾人"),
    ("社区便民服务点", "convenience_point", "平定县冠山镇", "pingding", 12, 2, 200, "残疾人减免70%"),
]
# title, employer, district, places, reserved, hours, pay, days to deadline
POSTS = [
    ("社区保洁员", "上站街道办事处", "chengqu", 20, 2, "每天6小时", "每月1900元", 25),
    ("图书馆图书整理员", "阳泉市图书馆", "chengqu", 10, 1, "周一至周五 9:00–15:00", "每月2000元", 30),
    ("公园绿化养护员", "郊区城市管理局", "jiaoqu", 30, 2, "每天6小时", "每月1900元", 20),
    ("社区助残联络员", "矿区残疾人联合会", "kuangqu", 6, 1, "每周3天", "每月1500元", 35),
    ("乡村公益岗（村务协助）", "盂县路家村镇", "yuxian", 15, 1, "灵活安排", "每月1200元", 40),
]


def load(admin, applicant, caseworker) -> None:
    """Published items and applications in several states, once."""
    if db.session.scalar(select(func.count()).select_from(Opportunity)):
        return
    today = dates.today()
    items = []
    for title, cat, provider, district, rural, seats, taken, days, access, subsidy, suits in COURSES:
        items.append(Opportunity(
            kind=COURSE, status=OpportunityStatus.PUBLISHED, title=title, category=cat, provider=provider, district=district,
            rural=rural, capacity=seats, taken=taken, deadline=today + days * D, accessibility=access,
            subsidy=subsidy, suits_categories=suits, address=f"{provider}培训教室",
            start_date=today + (days + 7) * D, end_date=today + (days + 37) * D, schedule="周一至周五 上午",
            contact=f"{provider}招生办 王老师，0353-2021{len(items):03d}", what_to_bring="身份证、残疾人证原件，一寸照片两张",
            description=f"{title}，由{provider}承办，教学方式照顾不同残疾类别学员。", created_by_id=admin.id,
            published_at=utcnow()))
    for i, (title, kind, place, district, total, reserved, fee, reduction) in enumerate(STALLS):
        items.append(Opportunity(
            kind=STALL, status=OpportunityStatus.PUBLISHED, title=title, category=kind, provider=place, district=district,
            address=place, total=total, capacity=reserved, monthly_fee=fee, fee_reduction=reduction,
            opens_on=today - 10 * D, deadline=today + (i * 7 - 3) * D, **sealed_seed(),
            accessibility=["step_free"], description=f"{place}{title}，预留给残疾人经营。",
            contact=f"{place}管理处 李经理，0353-3031{i:03d}", what_to_bring="身份证、残疾人证原件，经营所需证照材料",
            created_by_id=admin.id, published_at=utcnow()))
    for title, employer, district, places, reserved, hours, pay, days in POSTS:
        items.append(Opportunity(
            kind=POST, status=OpportunityStatus.PUBLISHED, title=title, provider=employer, district=district, total=places,
            capacity=reserved, hours=hours, pay=pay, social_insurance="单位缴纳社会保险，财政给予补贴",
            deadline=today + days * D, physical_requirements="能独立行走或使用轮椅，能完成简单体力劳动。",
            accessibility=["step_free"], description=f"{employer}招聘{title}，为残疾人预留岗位。",
            contact=f"{employer}人事科 张科长，0353-4041{len(items):03d}", what_to_bring="身份证、残疾人证原件，近期体检报告",
            created_by_id=admin.id, published_at=utcnow()))
    db.session.add_all(items)
    db.session.flush()
    audit.record("demo.opportunities_created", actor=admin, count=len(items))
    db.session.commit()
    if applicant is not None and caseworker is not None:
        _applications(applicant, caseworker, items)


def _applications(applicant, caseworker, items) -> None:
    me = Acting(applicant, applicant)
    by_title = {item.title: item for item in items}
    answers = {COURSE: {"reason": "想学一门能养活自己的手艺", "availability": "工作日上午"},
               STALL: {"goods": "水果和日用品", "experience": "帮家里看过摊"},
               POST: {"availability": "周一到周五", "fit": "使用读屏软件，需要提前熟悉环境"}}

    def sent(title):
        item = by_title[title]
        app = drafts.start(me, item)
        drafts.save_answers(me, app, answers[item.kind])
        return machine.submit(me, app)

    # 基础信息核对 comes before any approval.
    verification.verify_identity(caseworker, profiles.profile_of(applicant), True, None)
    enrolled = machine.claim(caseworker, sent("盲人保健按摩初级班"))
    machine.approve(caseworker, enrolled)
    sent("计算机与办公软件")  # submitted, waiting in the queue
    machine.claim(caseworker, sent("万达广场便民商铺"))  # under review
    asked = machine.claim(caseworker, sent("社区保洁员"))
    machine.ask_for_information(caseworker, asked, "请补充上传身份证照片，以便核对身份。")
    withdrawn = sent("电商直播带货入门")
    machine.withdraw(me, withdrawn, "时间冲突")
