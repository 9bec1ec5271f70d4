"""服务通知: one notice to the applicant per change of an application (per decision: moves made in
one transaction are told once, where they ended), with a text message for decisions when they
prefer SMS; and to a person when a family helper is linked to them (always with a text message, so
someone linked without their say learns it). Messages go out only after the commit."""
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import event, func, select, update
from sqlalchemy.orm import Session

from ...extensions import db
from ...models import ApplicationStatus, Notice, NoticeKind, Opportunity, Profile, User
from ...models.base import utcnow
from . import next_steps, sms

QUEUE = "sms_queue"  # {application id: (user id, reference, status, opportunity id)}, sent after the commit
PENDING = "pending_notices"  # {application id: Notice} added in the current transaction
ALWAYS = "sms_always"  # (user id, text) for messages that go out whatever the person prefers
INBOX_SIZE = 50


def add(application, to_status: ApplicationStatus, reason: str | None) -> Notice:
    """One notice, and at most one text message, per application and transaction.

    A decision may move an application twice at once (approved, then enrolled or waitlisted):
    the person hears once, of where it ended, with the reason given on the way.
    """
    pending = db.session.info.setdefault(PENDING, {})
    notice = pending.get(application.id)
    if notice is None:
        notice = Notice(user_id=application.applicant_id, application_id=application.id)
        db.session.add(notice)
        pending[application.id] = notice
    notice.to_status, notice.reason = to_status, reason or notice.reason
    queue = db.session.info.setdefault(QUEUE, {})
    queue.pop(application.id, None)
    if to_status in next_steps.TEXTED:
        queue[application.id] = (application.applicant_id, application.reference, to_status,
                                 application.opportunity_id)
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
    session.info.pop(PENDING, None)


@event.listens_for(Session, "after_commit")
def _settled(session):
    """The next transaction starts its own notices (the texts wait for send_pending)."""
    session.info.pop(PENDING, None)


def send_pending() -> None:
    """After commit: text the people who prefer SMS, and everyone whose message must reach them."""
    always = db.session.info.pop(ALWAYS, [])
    if always:
        phones = dict(db.session.execute(select(User.id, User.phone).where(
            User.id.in_({user_id for user_id, _message in always}))).all())
        for user_id, message in always:
            sms.send(phones[user_id], message)
    queued = db.session.info.pop(QUEUE, {})
    if not queued:
        return
    user_ids = {user_id for user_id, _ref, _status, _item in queued.values()}
    phones = dict(db.session.execute(select(Profile.user_id, Profile.contact_phone).where(
        Profile.user_id.in_(user_ids), Profile.preferred_contact == "sms")).all())
    items = {item.id: item for item in db.session.scalars(select(Opportunity).where(
        Opportunity.id.in_({item for *_rest, item in queued.values()})))}
    for user_id, reference, to_status, item in queued.values():
        if phones.get(user_id):
            with force_locale("zh_CN"):
                sms.send(phones[user_id], text(reference, to_status, items.get(item)))


def text(reference: str | None, to_status, opportunity=None) -> str:
    return next_steps.sms_text(reference, to_status, opportunity)


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
