"""Demo job fair and graduate's plan: a published on-site fair in 城区 next month (step-free venue,
sign-language interpretation) with the demo applicant registered asking for an interpreter; and a
graduate's plan for the demo applicant kept by the demo caseworker, with two steps, one overdue."""
from datetime import timedelta

from sqlalchemy import select

from ..extensions import db
from ..models import Fair, GraduatePlan
from ..services.casework import scope
from ..services.common.acting import Acting
from ..services.common.dates import today
from ..services.fairs import editing, taking_part
from ..services.graduates import plans

FAIR_TITLE = "城区残疾人专场招聘会"


def _next_month_15th():
    day = today()
    return (day.replace(day=1) + timedelta(days=32)).replace(day=15)


def load(caseworker, applicant) -> None:
    if caseworker is None or applicant is None:
        return
    _fair(caseworker, applicant)
    _plan(caseworker, applicant)


def _fair(caseworker, applicant) -> None:
    if db.session.scalar(select(Fair.id).where(Fair.title == FAIR_TITLE)):
        return
    fair = editing.create(caseworker, {
        "title": FAIR_TITLE, "mode": "on_site", "venue": "城区人才市场一楼大厅（桃北西街12号）",
        "accessibility": ["step_free", "accessible_toilet"], "sign_language": True,
        "date": _next_month_15th().isoformat(), "district": "chengqu",
        "description": "面向残疾人求职者的专场招聘会，现场有手语翻译，入口无台阶，设无障碍卫生间。"})
    editing.move(caseworker, fair, "publish")
    taking_part.register(Acting(applicant, applicant), fair, ["interpreter"])


def _plan(caseworker, applicant) -> None:
    if db.session.scalar(select(GraduatePlan.id).where(GraduatePlan.user_id == applicant.id)):
        return
    if scope.person_for(caseworker, applicant.id) is None:
        return  # the demo applicant is not (yet) of the caseworker's district
    plan = plans.start(caseworker, {"person_id": applicant.id, "school": "山西大学",
                                    "graduation_year": str(today().year + 1), "status": "student"})
    plans.add_action(caseworker, plan, {"text": "联系学校就业指导中心，了解实习安排", "owner": caseworker.name,
                                        "due_on": (today() - timedelta(days=7)).isoformat()})
    plans.add_action(caseworker, plan, {"text": "推荐两家有无障碍工位的用人单位", "owner": caseworker.name,
                                        "due_on": (today() + timedelta(days=21)).isoformat()})
