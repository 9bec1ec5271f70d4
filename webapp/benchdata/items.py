"""Made-up courses, stall openings and welfare posts as rows, published over the last year.

Most take applications now; some deadlines have passed, a few were closed by hand, a few are
drafts (which nobody applies to). `taken` starts at 0 and is set from the applications written.
"""
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ..models import COURSE, POST, STALL, Opportunity, OpportunityStatus
from ..services.opportunities.commitment import commitment_of
from .bulk import write
from .people import DISTRICTS

DAY = timedelta(days=1)
COURSE_TOPICS = {
    "blind_massage": ("盲人保健按摩", "盲人医疗按摩", "推拿技法提高"),
    "ecommerce": ("电商直播带货", "网店客服", "短视频运营", "社区团购"),
    "rural": ("设施蔬菜种植", "小杂粮加工", "特色养殖", "果树修剪"),
    "vocational": ("计算机与办公软件", "面点制作", "手工编织", "家政服务", "中式烹调"),
    "entrepreneurship": ("残疾人创业培训（SYB）", "农村电商创业", "小店经营"),
}
PROVIDERS = ("阳泉市残疾人职业培训基地", "阳泉职业技术学院", "阳泉市盲人按摩指导中心", "矿区职业培训学校",
             "平定县农业技术推广站", "盂县农业农村局", "经开区残疾人之家", "阳泉市就业服务中心")
STALL_PLACES = (("market_stall", "农贸市场", 400), ("shop", "便民商铺", 1500), ("newsstand", "报刊亭", 100),
                ("lottery_kiosk", "体育彩票投注站", 0), ("convenience_point", "社区便民服务点", 200))
POST_TITLES = ("社区保洁员", "图书整理员", "绿化养护员", "助残联络员", "村务协助员", "停车管理员", "社区网格员")
EMPLOYERS = ("街道办事处", "市图书馆", "城市管理局", "残疾人联合会", "镇人民政府", "社区居委会")
COLUMNS = ("id", "kind", "status", "title", "category", "provider", "description", "district", "address",
           "accessibility", "rural", "capacity", "total", "taken", "start_date", "end_date", "schedule", "opens_on",
           "deadline", "subsidy", "suits_categories", "monthly_fee", "fee_reduction", "hours", "pay",
           "social_insurance", "physical_requirements", "contact", "what_to_bring", "closed_at", "draw_seed",
           "draw_commitment", "created_by_id", "created_at", "updated_at", "published_at")


@dataclass
class Item:
    id: int
    kind: str
    capacity: int
    published_at: datetime
    deadline: date
    suits: tuple
    taken: int = 0


def load(conn, ids, rng, size, admin_id: int, now: datetime, quiet) -> list[Item]:
    """Write the items; return those open to applications (published or closed, not drafts)."""
    kinds = [COURSE] * size.courses + [STALL] * size.stalls + [POST] * size.posts
    first = ids.take(Opportunity.__table__, len(kinds))
    rows, items = [], []
    for n, kind in enumerate(kinds):
        item_id = first + n
        district = rng.choice(DISTRICTS)[0].value
        published = now - rng.uniform(20, 380) * DAY
        deadline = published.date() + rng.randint(30, 420) * DAY
        draft = rng.random() < 0.02
        closed = not draft and rng.random() < 0.04
        status = (OpportunityStatus.DRAFT if draft else OpportunityStatus.CLOSED if closed
                  else OpportunityStatus.PUBLISHED)
        values = dict.fromkeys(COLUMNS)
        values.update(id=item_id, kind=kind.value, status=status.value, district=district, rural=False, taken=0,
                      accessibility=rng.sample(("step_free", "accessible_toilet", "sign_interpreter",
                                                "braille_large_print", "online"), rng.randint(0, 3)),
                      suits_categories=[], deadline=deadline, created_by_id=admin_id, created_at=published,
                      updated_at=published, published_at=None if draft else published,
                      closed_at=now - rng.uniform(1, 15) * DAY if closed else None)
        values.update(_course(rng, n) if kind == COURSE else _stall(rng, n) if kind == STALL else _post(rng, n))
        values["description"] = f"{values['title']}，由{values['provider']}承办，为残疾人预留名额。"
        values["address"] = values["address"] or f"{values['provider']}"
        values["contact"] = f"{values['provider']} 联系人，0353-5{n:06d}"
        values["what_to_bring"] = "身份证、残疾人证原件"
        if kind == COURSE:
            values["start_date"], values["end_date"] = deadline + 7 * DAY, deadline + 37 * DAY
        rows.append(tuple(values[column] for column in COLUMNS))
        if not draft:
            items.append(Item(item_id, kind.value, values["capacity"], published, deadline,
                              tuple(values["suits_categories"])))
    write(conn, Opportunity.__table__, COLUMNS, rows, quiet)
    return items


def _course(rng, n) -> dict:
    category = rng.choice(tuple(COURSE_TOPICS))
    topic = rng.choice(COURSE_TOPICS[category])
    provider = rng.choice(PROVIDERS)
    suits = [1] if category == "blind_massage" else rng.choice(([2, 3], [4])) if rng.random() < 0.05 else []
    return dict(title=f"{topic}（第{n + 1}期）", category=category, provider=provider, address=f"{provider}培训教室",
                rural=category == "rural", capacity=rng.randint(15, 60), schedule="周一至周五 上午",
                subsidy=rng.choice(("免费", "免费，结业后推荐就业", "免费，考证补贴", "免费，提供午餐")),
                suits_categories=suits)


def _stall(rng, n) -> dict:
    category, place, fee = rng.choice(STALL_PLACES)
    total = rng.randint(10, 60)
    seed = f"{rng.getrandbits(256):064x}"
    return dict(title=f"{place}摊位（第{n + 1}批）", category=category, provider=f"第{n + 1}{place}",
                address=f"第{n + 1}{place}", total=total, capacity=max(1, total // 10), monthly_fee=fee,
                fee_reduction="残疾人减半收取", draw_seed=seed, draw_commitment=commitment_of(seed))


def _post(rng, n) -> dict:
    total = rng.randint(20, 120)
    return dict(title=f"{rng.choice(POST_TITLES)}（{n + 1}号）", provider=rng.choice(EMPLOYERS), total=total,
                capacity=max(1, total // 20), hours="每天6小时", pay="每月1900元",
                social_insurance="单位缴纳社会保险，财政给予补贴", physical_requirements="能独立行走或使用轮椅。")
