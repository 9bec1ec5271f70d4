"""Demo move between districts: 周敏 (13800000041) lived in 城区, where the demo caseworker turned one
application down and was checking another; she then moved to 郊区. The demo caseworker sees the move
under 我的 › Moves between districts, and can still read the application 城区 decided."""
from sqlalchemy import select

from ..extensions import db
from ..models import Opportunity
from ..services.accounts.users import find_by_phone
from ..services.applications import drafts, machine
from ..services.casework import verification
from ..services.common.acting import Acting
from ..services.identity import profiles
from .casework import registered_person

PHONE, NAME, ID_BODY, CATEGORY_LEVEL, TOWN = "13800000041", "周敏", "14030219880521262", "43", "上站街道"
# (item title, answers, what 城区 did before the move)
APPLICATIONS = (
    ("社区保洁员", {"availability": "每天上午"}, "reject"),
    ("计算机与办公软件", {"reason": "想学办公软件", "availability": "周末"}, "claim"),
)


def load(caseworker, password: str) -> None:
    if caseworker is None or find_by_phone(PHONE):
        return
    user, profile = registered_person(password, PHONE, NAME, ID_BODY, CATEGORY_LEVEL, TOWN)
    me = Acting(user, user)
    verification.verify_identity(caseworker, profile, True, None)
    for title, answers, done in APPLICATIONS:
        item = db.session.scalar(select(Opportunity).where(Opportunity.title == title))
        if item is None or drafts.problems(user, item):
            continue
        application = drafts.start(me, item)
        drafts.save_answers(me, application, answers)
        application = machine.claim(caseworker, machine.submit(me, application))
        if done == "reject":
            machine.reject(caseworker, application, "该岗位需要长时间站立，与评估结果不符，建议报名培训")
    profiles.save_step(me, "district", {"district": "jiaoqu", "town": "荫营镇"})

