"""Demo hiring: a verified demo employer with one job, and the demo applicant's application to it,
invited to an interview with a sign-language interpreter. Finds before it creates, so running it
again changes nothing; if another part of the demo already made employers and jobs, this one's
stay beside them."""
from datetime import timedelta

from sqlalchemy import select

from ..extensions import db
from ..models import JOB, Employer, Opportunity, User
from ..models.base import utcnow
from ..services.accounts.passwords import hash_password
from ..services.accounts.users import find_by_phone
from ..services.applications import drafts, machine
from ..services.common import dates
from ..services.common.acting import Acting
from ..services.employers.credit_code import check_character

EMPLOYER_PHONE = "13800000022"  # the demo private firm (demo/employers.py), made here if missing
EMPLOYER_NAME = "阳泉市晋阳数据服务有限公司"
CREDIT_BODY = "91140300MA0D7E1M9"
JOB_TITLE = "数据录入员（可居家）"


def _employer(password: str) -> Employer:
    user = find_by_phone(EMPLOYER_PHONE)
    if user is None:
        user = User(phone=EMPLOYER_PHONE, name=EMPLOYER_NAME, role="employer", password_hash=hash_password(password))
        db.session.add(user)
        db.session.flush()
    found = db.session.scalar(select(Employer).where(Employer.user_id == user.id))
    if found is None:
        found = Employer(user_id=user.id, name=EMPLOYER_NAME, org_type="private_firm",
                         credit_code=CREDIT_BODY + check_character(CREDIT_BODY), district="chengqu",
                         contact_name="赵经理", contact_phone=EMPLOYER_PHONE, status="verified", verified_at=utcnow(),
                         staff_count=120, disabled_staff=1)
        db.session.add(found)
        db.session.commit()
    return found


def _job(employer: Employer) -> Opportunity:
    found = db.session.scalar(select(Opportunity).where(Opportunity.employer_id == employer.id,
                                                        Opportunity.kind == JOB, Opportunity.title == JOB_TITLE))
    if found is None:
        found = Opportunity(kind=JOB, status="published", title=JOB_TITLE, provider=EMPLOYER_NAME, district="chengqu",
                            capacity=2, deadline=dates.today() + timedelta(days=30), created_by_id=employer.user_id,
                            employer_id=employer.id, job_kind="home_based", hours="周一至周五 9:00-17:00",
                            address="城区桃北西街12号", pay_min=2200, pay_max=3000, duties="录入和核对表格数据",
                            accommodations=["flexible_hours", "assistive_devices"], contact="赵经理 0353-2020202",
                            what_to_bring="身份证、残疾人证")
        db.session.add(found)
        db.session.commit()
    return found


def load(applicant: User | None, password: str) -> None:
    if applicant is None:
        return
    employer = _employer(password)
    job = _job(employer)
    if drafts.existing_application(applicant, job) is not None:
        return
    me = Acting(applicant, applicant)
    if drafts.problems(applicant, job):
        return  # the demo applicant is not ready to apply (the other parts did not run)
    application = drafts.start(me, job)
    drafts.save_answers(me, application, {"shared": ["accommodations", "preferences", "training"]})
    machine.submit(me, application)
    machine.invite(employer.user, application, day=(dates.today() + timedelta(days=7)).isoformat(), time="10:00",
                   place="城区桃北西街12号 一楼会议室（东门无台阶）", arrangements="东门无台阶；面试题可书面作答；可延长时间。",
                   interpreter=True)
