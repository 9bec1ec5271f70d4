"""Demo jobs: a dozen varied published jobs of the two verified demo employers.

The employer accounts (13800000021, a state body; 13800000022, a private firm) belong to the
employers' demo loader; where that has not run, they are made here, found by phone first, so
either loader may run first and running again changes nothing. A phone already held by an
account of another role is left alone, and that employer's jobs are not made.
"""
from datetime import timedelta

from sqlalchemy import func, select

from ..extensions import db
from ..models import JOB, Employer, EmployerStatus, Opportunity, OpportunityStatus, User
from ..models.base import utcnow
from ..services.accounts.passwords import hash_password
from ..services.accounts.users import find_by_phone
from ..services.audit import log as audit
from ..services.common import dates
from ..services.employers.credit_code import check_character

STATE_BODY, PRIVATE_FIRM = "13800000021", "13800000022"
# phone, account name, organisation, org type, district, credit code body (17 characters)
EMPLOYERS = (
    (STATE_BODY, "赵主任", "阳泉市城区行政审批服务管理局", "state_body", "chengqu", "11140300MB1234567"),
    (PRIVATE_FIRM, "孙经理", "阳泉市晋康网络科技有限公司", "private_firm", "devzone", "91140300MA0K12345"),
)
# employer phone, title, kind, district, pay range, openings, days to close, accommodations,
# accessibility, graduates, state-reserved, hours, duties, suits
JOBS = (
    (STATE_BODY, "政务服务窗口辅助岗（残疾人专岗）", "full_time", "chengqu", (3200, 3800), 1, 30, ["step_free", "accessible_toilet"], ["step_free", "accessible_toilet"], False, True, "周一至周五 8:30-17:30", "在政务大厅引导群众取号、整理材料、录入信息。", "能用电脑打字、愿意与人打交道的人"),
    (STATE_BODY, "档案数字化助理（高校毕业生）", "full_time", "chengqu", (3000, 3500), 2, 25, ["flexible_hours", "assistive_devices"], ["step_free", "screen_reader_tools"], True, False, "周一至周五 9:00-17:00", "扫描纸质档案，核对电子目录。", "近两年毕业的残疾人高校毕业生"),
    (STATE_BODY, "社区公共服务信息员", "part_time", "chengqu", (1800, 2000), 2, 20, ["flexible_hours"], ["step_free"], False, False, "每天上午 8:30-12:00", "电话回访社区居民，记录需求。", "听力和语言表达无障碍的人"),
    (PRIVATE_FIRM, "居家网络客服", "home_based", "devzone", (2500, 3500), 5, 40, ["flexible_hours", "assistive_devices"], ["screen_reader_tools", "flexible_hours"], False, False, "每天 6 小时，时段可选", "在家用电脑回答网店顾客的文字咨询，处理订单问题。", "会打字的人；视障人士可用读屏软件"),
    (PRIVATE_FIRM, "盲人保健按摩师", "blind_massage", "chengqu", (3000, 5000), 3, 30, ["transport"], ["step_free", "accessible_toilet"], False, False, "10:00-21:00 轮班", "为顾客做保健按摩，按提成计酬。", "持有盲人保健按摩证书的视障人士"),
    (PRIVATE_FIRM, "电商直播助理", "online_work", "devzone", (2200, 4000), 2, 35, ["flexible_hours"], ["step_free", "accessible_toilet"], False, False, "13:00-21:00", "协助主播上架商品、回复弹幕。", "喜欢说话、会用手机的人"),
    (PRIVATE_FIRM, "数据标注员", "full_time", "devzone", (2800, 3300), 6, 28, ["step_free", "accessible_toilet", "flexible_hours"], ["step_free", "accessible_toilet", "screen_reader_tools"], False, False, "周一至周五 9:00-18:00", "在电脑上给图片和文字打标签。", "肢体残疾人士、听障人士均可"),
    (PRIVATE_FIRM, "手语客服专员", "full_time", "chengqu", (3000, 3600), 2, 24, ["sign_interpreter"], ["sign_language_colleague", "step_free"], False, False, "周一至周五 9:00-17:30", "通过视频用手语为听障顾客解答问题。", "会手语的听障人士"),
    (PRIVATE_FIRM, "辅助性就业手工包装", "auxiliary", "kuangqu", (1200, 1600), 8, 45, ["transport", "flexible_hours"], ["step_free", "accessible_toilet"], False, False, "周一至周五 9:00-15:00", "在庇护工场包装小礼品，有辅导员在场。", "智力或精神残疾人士，家人可陪同"),
    (PRIVATE_FIRM, "异地就业：苏州电子厂质检员（提供路费和住宿）", "other_city", "devzone", (4200, 5200), 10, 21, ["transport"], ["step_free"], False, False, "两班倒，每班 8 小时", "在苏州工厂检查电子零件外观。公司报销去苏州的路费，提供免费宿舍。", "听障人士优先，能站立工作"),
    (PRIVATE_FIRM, "仓库兼职理货员", "part_time", "jiaoqu", (1600, 2200), 3, 18, ["step_free"], ["step_free"], False, False, "周末 9:00-17:00", "整理货架，清点库存。", "能站立和走动的人"),
    (PRIVATE_FIRM, "灵活就业：社区团购配送点", "flexible", "pingding", (1500, 3000), 4, 32, ["flexible_hours"], [], False, False, "时间自定", "在家门口收货、发货给邻居，按单计酬。", "有一间临街房屋的人"),
)


def _employer(phone, person, name, org_type, district, body, password_hash) -> Employer | None:
    """The demo employer with this phone, made (account and organisation, verified) if missing;
    None when the phone belongs to someone who is not an employer (never turned into one)."""
    user = find_by_phone(phone)
    if user is not None and not user.is_employer:
        return None
    if user is None:
        user = User(phone=phone, name=person, role="employer", password_hash=password_hash)
        db.session.add(user)
        db.session.flush()
        audit.record("demo.account_created", subject=user, role="employer")
    found = db.session.scalar(select(Employer).where(Employer.user_id == user.id))
    if found is None:
        found = Employer(user_id=user.id, name=name, org_type=org_type, credit_code=body + check_character(body),
                         district=district, contact_name=person, contact_phone=phone,
                         status=EmployerStatus.VERIFIED, verified_at=utcnow(), staff_count=120, disabled_staff=1)
        db.session.add(found)
        db.session.flush()
    return found


def load(password: str) -> int:
    """Make the demo employers if missing and their jobs if they have none; how many jobs were new."""
    password_hash = hash_password(password)
    employers = {phone: _employer(phone, *rest, password_hash=password_hash) for phone, *rest in EMPLOYERS}
    today, made = dates.today(), 0
    for phone, title, kind, district, (low, high), openings, days, accommodations, access, graduates, reserved, \
            hours, duties, suits in JOBS:
        employer = employers[phone]
        if employer is None:
            continue
        exists = db.session.scalar(select(func.count()).select_from(Opportunity).where(
            Opportunity.employer_id == employer.id, Opportunity.title == title))
        if exists:
            continue
        db.session.add(Opportunity(
            kind=JOB, status=OpportunityStatus.PUBLISHED, title=title, provider=employer.name, employer_id=employer.id,
            job_kind=kind, district=district, address=f"阳泉市{employer.name}", pay_min=low, pay_max=high,
            capacity=openings, taken=0, deadline=today + timedelta(days=days), accommodations=accommodations,
            accessibility=access, for_graduates=graduates, state_reserved=reserved, hours=hours, duties=duties,
            suits=suits, description="", created_by_id=employer.user_id, published_at=utcnow(),
            contact=f"{employer.contact_name} {employer.contact_phone}", what_to_bring="身份证、残疾人证"))
        made += 1
    db.session.commit()
    return made
