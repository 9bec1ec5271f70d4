"""Demo stall draws: five 城区 applicants approved for 桃北市场固定摊位, whose deadline has passed,
so an administrator can run its draw at once (`make run`, 13800000003: 发布管理 → the opening →
立即抽签); three of them are also approved for 矿区报刊亭, still open, to close early and draw."""
from sqlalchemy import select

from ..extensions import db
from ..models import Opportunity, User
from ..services.accounts.users import find_by_phone
from ..services.applications import drafts, machine
from ..services.casework import verification
from ..services.common import dates
from ..services.common.acting import Acting
from .casework import registered_person

# phone, name, made-up 城区 ID body (17 digits), certificate category and level, town
PEOPLE = (
    ("13800000011", "刘建国", "14030219720412113", "42", "上站街道"),
    ("13800000012", "陈秀英", "14030219680923224", "23", "义井街道"),
    ("13800000013", "杨磊", "14030219850107335", "12", "北大街街道"),
    ("13800000014", "周晓燕", "14030219910630446", "44", "南山路街道"),
    ("13800000015", "吴海", "14030219790218557", "32", "下站街道"),
)
CLOSED = "桃北市场固定摊位"  # deadline passed: ready to draw
STILL_OPEN = "矿区报刊亭"  # open: close it early, then draw
ANSWERS = {"goods": "日用百货和水果", "experience": "在市场帮亲戚看过几年摊"}


def load(caseworker, password: str) -> None:
    if caseworker is None or find_by_phone(PEOPLE[0][0]):
        return
    stalls = {title: db.session.scalar(select(Opportunity).where(Opportunity.title == title))
              for title in (CLOSED, STILL_OPEN)}
    if None in stalls.values():
        return
    people = [_person(caseworker, password, *spec) for spec in PEOPLE]
    closed = stalls[CLOSED]
    # The applications came in before its deadline: open it for them, then put the deadline back.
    deadline, closed.deadline = closed.deadline, dates.today()
    db.session.commit()
    for person in people:
        _approved(caseworker, person, closed)
    closed.deadline = deadline
    db.session.commit()
    for person in people[:3]:
        _approved(caseworker, person, stalls[STILL_OPEN])


def _person(caseworker, password, *spec) -> User:
    user, profile = registered_person(password, *spec)
    verification.verify_identity(caseworker, profile, True, None)
    return user


def _approved(caseworker, person, stall) -> None:
    me = Acting(person, person)
    application = drafts.start(me, stall)
    drafts.save_answers(me, application, ANSWERS)
    machine.approve(caseworker, machine.claim(caseworker, machine.submit(me, application)))
