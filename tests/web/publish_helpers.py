"""Helpers shared by the publishing tests: a valid form of each kind, dates, errors beside fields, audit rows."""
import html
import json
import re
from datetime import timedelta

from sqlalchemy import select

from webapp.extensions import db
from webapp.models import AuditEvent
from webapp.services.common.dates import today as service_today

TODAY = service_today()


def day(offset: int) -> str:
    return (TODAY + timedelta(days=offset)).isoformat()


VALID = {
    "course": {"title": "盲人按摩初级班", "category": "blind_massage", "provider": "阳泉市盲人按摩培训中心",
               "description": "推拿基础手法，结业后可在按摩店就业。", "suits_categories": ["1"],
               "district": "chengqu", "address": "城区桃北西街12号", "rural": "y",
               "accessibility": ["braille_large_print", "step_free"], "start_date": day(30),
               "end_date": day(60), "schedule": "周一至周五 9:00–11:30", "capacity": "20",
               "deadline": day(20), "subsidy": "免费"},
    "stall": {"category": "market_stall", "provider": "南庄蔬菜市场", "title": "南庄蔬菜市场摊位",
              "description": "", "district": "kuangqu", "address": "矿区南庄路8号", "total": "25",
              "capacity": "3", "monthly_fee": "300", "fee_reduction": "残疾人首年免费",
              "opens_on": day(1), "deadline": day(20)},
    "post": {"title": "社区保洁员", "provider": "郊区荫营镇人民政府", "description": "打扫社区公共区域。",
             "physical_requirements": "能站立半天", "district": "jiaoqu", "address": "",
             "accessibility": ["accessible_toilet"], "hours": "8:00–12:00", "pay": "每月1900元",
             "social_insurance": "养老、医疗保险全额补贴", "total": "40", "capacity": "2", "deadline": day(20)},
}


def form(kind: str, **changes) -> dict:
    return {**VALID[kind], **changes}


def error_beside(page: str, field: str) -> str | None:
    """The message shown beside a field, as a person reads it."""
    found = re.search(rf'<p class="field__error" id="{field}-error">(.*?)</p>', page, re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", found.group(1))).strip() if found else None


def audits(action: str) -> list[dict]:
    rows = db.session.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id))
    return [{"actor_id": row.actor_id, **json.loads(row.detail)} for row in rows]
