"""Thin views for finding courses, stalls and posts, their detail pages and saved items (收藏)."""
from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..models import COURSE, DISTRICT_LABELS, SUBSIDY
from ..models.applying.kinds import KIND_LABELS
from ..services.applications import drafts
from ..services.common import dates
from ..services.identity.numbers import CATEGORY_LABELS
from ..services.opportunities import finding
from ..services.opportunities import saved as saved_items
from ..vocab import (
    ACCOMMODATIONS,
    STALL_KINDS,
    TRAINING_CATEGORIES,
    VENUE_ACCESSIBILITY,
    WORKPLACE_ACCESSIBILITY,
    in_locale,
    labels,
)
from ..web.access import person_required
from ..web.acting import resolve
from ..web.client import client_address, requested_page, safe_next
from ..web.htmx import render_page_or_fragment, wants_fragment
from . import bp
from .forms import SUBSIDY_KINDS, CourseFilterForm, OpportunityFilterForm


@bp.context_processor
def finding_words():
    """The vocabularies the find (and jobs) templates turn stored keys into words with."""
    return {"training_categories": in_locale(TRAINING_CATEGORIES), "stall_kinds": in_locale(STALL_KINDS),
            "kind_labels": in_locale(KIND_LABELS), "district_labels": in_locale(DISTRICT_LABELS),
            "venue_access": in_locale(VENUE_ACCESSIBILITY), "disability_labels": in_locale(CATEGORY_LABELS),
            "workplace_access": in_locale(WORKPLACE_ACCESSIBILITY), "accommodation_labels": in_locale(ACCOMMODATIONS),
            "subsidy_kinds": in_locale(SUBSIDY_KINDS),
            "labels": labels}


def listing_page(endpoint: str, form, kinds: tuple[str, ...], title: str, page_template: str):
    """The full page, or for htmx the results partial; both from the same query."""
    filters = form.filters()
    found = finding.search(kinds, filters, requested_page())
    if found.number > 1:
        title = _("%(title)s, page %(page)d of %(pages)d", title=title, page=found.number, pages=found.pages)
    return render_page_or_fragment(page_template, "find/_results.html", title=title, form=form,
                                   filters=filters, found=found, endpoint=endpoint, today=dates.today(),
                                   closed_count=finding.closed_not_shown(kinds, filters),
                                   as_fragment=wants_fragment())


@bp.route("/training")
def training():
    """Training tab: published courses with search, filters and pages."""
    return listing_page("find.training", CourseFilterForm(request.args), (COURSE,), _("Training"),
                    "find/training.html")


@bp.route("/opportunities")
def opportunities():
    """Opportunities tab: reserved stalls and public-welfare posts."""
    return listing_page("find.opportunities", OpportunityFilterForm(request.args), finding.OPPORTUNITY_KINDS,
                    _("Opportunities"), "find/opportunities.html")


def detail_context(item) -> dict:
    """What an item's page shows beside the item: the person acted for, their application if any,
    whether it is saved, and whether the Apply button shows (also used by the job page)."""
    acting = g.acting = resolve()  # g.acting: you() then speaks of them for a helper
    today = dates.today()
    return {"item": item, "today": today, "acting": acting,
            "existing": drafts.existing_application(acting.person, item) if acting else None,
            "saved": saved_items.is_saved(acting.person, item) if acting else False,
            "can_apply": item.takes_applications_on(today) and not getattr(current_user, "is_staff", False)
            and not getattr(current_user, "is_employer", False)}


def _detail(item, back_endpoint: str):
    """Everything a person needs to decide, and the way to apply or the reason they cannot."""
    return render_template("find/detail.html", title=item.title, back_url=url_for(back_endpoint),
                           **detail_context(item))


@bp.route("/training/<int:opportunity_id>")
def course(opportunity_id: int):
    """One course."""
    item = finding.listed(opportunity_id, (COURSE,))
    if item is None:
        abort(404)
    return _detail(item, "find.training")


@bp.route("/opportunities/<int:opportunity_id>")
def opportunity(opportunity_id: int):
    """One stall opening or public-welfare post."""
    item = finding.listed(opportunity_id, finding.OPPORTUNITY_KINDS)
    if item is None:
        abort(404)
    return _detail(item, "find.opportunities")


def _detail_url(item) -> str:
    endpoint = "find.course" if item.kind == COURSE else "find.subsidy" if item.kind == SUBSIDY else "find.opportunity"
    return url_for(endpoint, opportunity_id=item.id)


@bp.route("/saved/<int:opportunity_id>", methods=["POST"])
@person_required
def toggle_saved(opportunity_id: int):
    """Save or unsave (收藏), then back to where the button was."""
    item = finding.listed(opportunity_id, (COURSE, *finding.OPPORTUNITY_KINDS, SUBSIDY))
    if item is None:
        abort(404)
    if saved_items.toggle_saved(g.acting, item, client_address()):
        flash(_("Saved. Find it again in Me › Saved."), "success")
    else:
        flash(_("Removed from your saved items."), "success")
    return redirect(safe_next(request.form.get("next")) or _detail_url(item), 303)


@bp.route("/me/saved")
@person_required
def saved():
    """收藏: the saved items of the person acted for."""
    return render_template("find/saved.html", title=_("Saved"), items=saved_items.saved_of(g.acting.person),
                           today=dates.today(), back_url=url_for("main.me"))
