"""Thin views for following applications: my applications, a timeline, notices."""
from flask import g, render_template, url_for
from flask_babel import gettext as _

from ..models import JOB, SUBSIDY
from ..models.applying.application import AMOUNT_STANDS
from ..services.applications import for_employers, lookup, machine, questions, requests
from ..services.applications.rules import Action
from ..services.common import next_steps, notices
from ..services.subsidies import awards
from ..web.access import person_required
from ..web.client import requested_page
from . import bp
from .routes import own_application


@bp.route("/me/applications")
@person_required
def mine():
    """Every application with its status in words, 20 to a page."""
    found = lookup.of_person(g.acting.person, requested_page())
    title = _("My applications")
    if found.number > 1:
        title = _("%(title)s, page %(page)d of %(pages)d", title=title, page=found.number, pages=found.pages)
    return render_template("applying/list.html", title=title, found=found, items=found.items,
                           back_url=url_for("main.me"))


@bp.route("/me/applications/<reference>")
@person_required
def detail(reference: str):
    """One application: status, what happens next, the timeline of events."""
    application, actions = own_application(reference)
    is_job = application.opportunity.kind == JOB
    is_subsidy = application.opportunity.kind == SUBSIDY
    return render_template("applying/detail.html", title=application.reference, application=application,
                           award=awards.of(application) if is_subsidy and application.status in AMOUNT_STANDS
                           else None,
                           interview=for_employers.interview_of(application) if is_job else None,
                           what_next=next_steps.WHAT_NEXT.get(application.status) if is_job or is_subsidy else None,
                           events=lookup.timeline(application), questions=questions.for_application(application),
                           position=machine.waiting_position(application), actions=actions,
                           asked=requests.latest(application) if Action.RESUBMIT in actions else None,
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
