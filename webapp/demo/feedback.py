"""Demo feedback: the demo applicant's question answered by the district's caseworker and rated
poor (so a call-back waits), a complaint whose reply is overdue, and a need answered and not yet
rated (so its rating form is there to use). Finds before it creates, so running it again changes nothing."""
from datetime import timedelta

from sqlalchemy import select

from ..extensions import db
from ..models import Feedback, User
from ..services.common import dates
from ..services.common.acting import Acting
from ..services.feedback import ratings, replies, sending

ANSWERED = "盲人按摩培训结业后，可以在哪里申请开店补贴？"
OVERDUE = "我上个月申请的公益性岗位一直没有人联系我，希望尽快给个答复。"
WAITING = "希望能安排手语翻译陪同参加下个月的招聘会。"


def load(applicant: User | None, caseworker: User | None) -> None:
    if applicant is None or caseworker is None:
        return
    if db.session.scalar(select(Feedback.id).where(Feedback.user_id == applicant.id).limit(1)) is not None:
        return
    me = Acting(applicant, applicant)
    question = sending.send(me, "question", ANSWERED)
    replies.reply(caseworker, question, "您好！结业后可向所在区残联申请自主创业补贴，带上结业证书、残疾人证和营业执照。"
                                        "我们也可以上门帮您准备材料，电话 0353-2020202。")
    ratings.rate(me, "poor", "回复太笼统，没有说清楚补贴金额和办理时间。", feedback=question)
    complaint = sending.send(me, "complaint", OVERDUE)
    # Sent two weeks ago, so its reply is overdue (the service always stamps today; the demo goes back).
    complaint.received_on = dates.today() - timedelta(days=14)
    complaint.due_on = sending.reply_due(complaint.received_on)
    complaint.created_at = complaint.created_at - timedelta(days=14)
    db.session.commit()
    need = sending.send(me, "need", WAITING)
    replies.reply(caseworker, need, "已为您预约手语翻译，招聘会当天上午九点在东门等您。")
