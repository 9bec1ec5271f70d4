"""服务通知: one notice to the applicant per change of an application (per decision: moves made in
one transaction are told once, where they ended), with a text message for decisions when they
prefer SMS; and to a person when a family helper is linked to them (always with a text message, so
someone linked without their say learns it). Each text message is a delivery row of the outbox,
written in the same transaction as its notice and sent after the commit (see outbox.py)."""
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import event, func, select, update
from sqlalchemy.orm import Session

from ...extensions import db
from ...models import ApplicationStatus, Notice, NoticeKind, Opportunity, Profile, User
from ...models.base import utcnow
from . import next_steps, outbox

QUEUE = "sms_queue"  # {application id: (notice, reference, status, opportunity id)}, written at the commit
PENDING = "pending_notices"  # {application id: Notice} added in the current transaction
ALWAYS = "sms_always"  # (notice, text) for messages that go out whatever the person prefers
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
        queue[application.id] = (notice, application.reference, to_status, application.opportunity_id)
    return notice


def helper_linked(link) -> Notice:
    """Tell the person that a helper can now act for them, and how to end it (the caller commits)."""
    notice = Notice(user_id=link.applicant_id, kind=NoticeKind.HELPER_LINKED, helper_link_id=link.id)
    db.session.add(notice)
    with force_locale("zh_CN"):
        message = _("[Yangquan Disability Employment] %(helper)s (%(relationship)s) can now act for you in "
                    "this service. If you did not agree to this, end it in Me › Family helpers, or call 12385.",
                    helper=link.helper.name, relationship=link.relationship_label)
    db.session.info.setdefault(ALWAYS, []).append((notice, message))
    return notice


def feedback_replied(feedback) -> Notice:
    """Tell the person that their question, need or complaint has a reply (the caller commits)."""
    notice = Notice(user_id=feedback.user_id, kind=NoticeKind.FEEDBACK_REPLY, feedback_id=feedback.id)
    db.session.add(notice)
    return notice


@event.listens_for(Session, "after_soft_rollback")
def _forget(session, _previous):
    """A rolled-back change sends nothing."""
    session.info.pop(QUEUE, None)
    session.info.pop(ALWAYS, None)
    session.info.pop(PENDING, None)


@event.listens_for(Session, "after_commit")
def _settled(session):
    """The next transaction starts its own notices."""
    session.info.pop(PENDING, None)


@event.listens_for(Session, "before_commit")
def _write_deliveries(session):
    """At the commit, where each notice ended: its text message as a delivery row, in the same
    transaction (to the people who prefer SMS, and to everyone whose message must reach them)."""
    always, queued = session.info.pop(ALWAYS, []), session.info.pop(QUEUE, {})
    if not always and not queued:
        return
    session.flush()  # the notices' ids make the deliveries' keys
    if always:
        phones = dict(session.execute(select(User.id, User.phone).where(
            User.id.in_({notice.user_id for notice, _message in always}))).all())
        for notice, message in always:
            outbox.queue(session, f"notice:{notice.id}", phones[notice.user_id], message, notice.user_id, notice.id)
    if not queued:
        return
    phones = dict(session.execute(select(Profile.user_id, Profile.contact_phone).where(
        Profile.user_id.in_({notice.user_id for notice, *_rest in queued.values()}),
        Profile.preferred_contact == "sms")).all())
    items = {item.id: item for item in session.scalars(select(Opportunity).where(
        Opportunity.id.in_({item for *_rest, item in queued.values()})))}
    for notice, reference, to_status, item in queued.values():
        if phones.get(notice.user_id):
            with force_locale("zh_CN"):
                message = text(reference, to_status, items.get(item))
            outbox.queue(session, f"notice:{notice.id}", phones[notice.user_id], message, notice.user_id, notice.id)


def send_pending() -> None:
    """After the commit: the transaction's text messages go out (to the worker, or sent here)."""
    outbox.dispatch()


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
