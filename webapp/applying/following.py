"""Thin views for following applications: my applications, a timeline, notices."""
from flask import abort, g, render_template, url_for
from flask_babel import gettext as _

from ..acting import person_required
from ..services import applications, apply, notices
from . import bp


@bp.route("/me/applications")
@person_required
def mine():
    """Every application with its status in words."""
    return render_template("applying/list.html", title=_("My applications"),
                           items=apply.of_person(g.acting.person), back_url=url_for("main.me"))


@bp.route("/me/applications/<reference>")
@person_required
def detail(reference: str):
    """One application: status, what happens next, the timeline of events."""
    application = apply.for_person(g.acting.person, reference)
    if application is None:
        abort(404)
    return render_template("applying/detail.html", title=application.reference, application=application,
                           events=apply.timeline(application), questions=apply.QUESTIONS[application.opportunity.kind],
                           position=applications.waiting_position(application),
                           can_withdraw=application.status in applications.WITHDRAWABLE
                           and (application.status != "enrolled" or application.opportunity.kind == "course"),
                           back_url=url_for("applying.mine"))


@bp.route("/me/notices")
@person_required
def inbox():
    """服务通知: newest first; shown notices count as read."""
    person = g.acting.person
    items = notices.inbox(person)
    unread = {n.id for n in items if n.read_at is None}
    page = render_template("applying/notices.html", title=_("Notices"), items=items, unread=unread,
                           back_url=url_for("main.me"))
    if not g.acting.on_behalf:  # a helper reading does not mark the person's notices read
        notices.mark_read(person, list(unread))
    return page
