"""服务通知: a notice to the applicant for every change of an application (and a text message too
when they prefer SMS), and to a person when a family helper is linked to them (always with a text
message, so someone linked without their say learns it). Messages go out only after the commit."""
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import event, func, select, update
from sqlalchemy.orm import Session

from ...extensions import db
from ...models import ApplicationStatus, Notice, NoticeKind, Profile, User
from ...models.base import utcnow
from . import sms

QUEUE = "sms_queue"
ALWAYS = "sms_always"  # (user id, text) for messages that go out whatever the person prefers
INBOX_SIZE = 50


def add(application, to_status: ApplicationStatus, reason: str | None) -> Notice:
    notice = Notice(user_id=application.applicant_id, application_id=application.id,
                    to_status=to_status, reason=reason)
    db.session.add(notice)
    db.session.info.setdefault(QUEUE, []).append((application.applicant_id, application.reference, to_status))
    return notice


def helper_linked(link) -> Notice:
    """Tell the person that a helper can now act for them, and how to end it (the caller commits)."""
    notice = Notice(user_id=link.applicant_id, kind=NoticeKind.HELPER_LINKED, helper_link_id=link.id)
    db.session.add(notice)
    with force_locale("zh_CN"):
        message = _("[Yangquan Disability Employment] %(helper)s (%(relationship)s) can now act for you in "
                    "this service. If you did not agree to this, end it in Me › Family helpers, or call 12385.",
                    helper=link.helper.name, relationship=link.relationship_label)
    db.session.info.setdefault(ALWAYS, []).append((link.applicant_id, message))
    return notice


@event.listens_for(Session, "after_soft_rollback")
def _forget(session, _previous):
    """A rolled-back change sends nothing."""
    session.info.pop(QUEUE, None)
    session.info.pop(ALWAYS, None)


def send_pending() -> None:
    """After commit: text the people who prefer SMS, and everyone whose message must reach them."""
    always = db.session.info.pop(ALWAYS, [])
    if always:
        phones = dict(db.session.execute(select(User.id, User.phone).where(
            User.id.in_({user_id for user_id, _message in always}))).all())
        for user_id, message in always:
            sms.send(phones[user_id], message)
    queued = db.session.info.pop(QUEUE, [])
    if not queued:
        return
    user_ids = {user_id for user_id, _ref, _status in queued}
    phones = dict(db.session.execute(select(Profile.user_id, Profile.contact_phone).where(
        Profile.user_id.in_(user_ids), Profile.preferred_contact == "sms")).all())
    for user_id, reference, to_status in queued:
        if phones.get(user_id):
            with force_locale("zh_CN"):
                sms.send(phones[user_id], text(reference, to_status))


def text(reference: str | None, to_status) -> str:
    return _("[Yangquan Disability Employment] Application %(ref)s: %(status)s. Details in the service.",
             ref=reference or "", status=ApplicationStatus(to_status).label)


def unread_count(user) -> int:
    return db.session.scalar(select(func.count()).select_from(Notice).where(
        Notice.user_id == user.id, Notice.read_at.is_(None)))


def inbox(user, limit: int = INBOX_SIZE) -> list[Notice]:
    return db.session.scalars(select(Notice).where(Notice.user_id == user.id)
                              .order_by(Notice.created_at.desc(), Notice.id.desc()).limit(limit)).all()


def mark_read(user, notice_ids) -> None:
    """Shown notices count as read (like WeChat's 服务通知)."""
    if notice_ids:
        db.session.execute(update(Notice).where(Notice.user_id == user.id, Notice.id.in_(notice_ids),
                                                Notice.read_at.is_(None)).values(read_at=utcnow()))
        db.session.commit()
