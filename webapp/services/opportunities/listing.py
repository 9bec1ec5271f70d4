"""The administrators' list of everything published or drafted, and the numbers for its filters.

The status shown and counted is `Opportunity.listed_status(today)`: an item past its deadline is
closed, as it is everywhere else, whether or not someone closed it by hand.
"""
from sqlalchemy import func, select

from ...extensions import db
from ...models import Opportunity, OpportunityStatus
from ..common import dates
from ..common.paging import Page, paginate
from .fields import KINDS

PER_PAGE = 20


def listing(kind: str | None = None, status: str | None = None, page: int = 1, per_page: int = PER_PAGE) -> Page:
    """The admin list, newest first: one query brings the page's rows and the total with them.
    Employers' jobs are not published here (the admin sees them at /admin/jobs)."""
    conditions = [Opportunity.kind == kind] if kind else [Opportunity.kind.in_(KINDS)]
    if status:
        conditions.append(Opportunity.listed_status(dates.today()) == status)
    return paginate(select(Opportunity).where(*conditions).order_by(Opportunity.id.desc()), page, per_page)


def counts(kind: str | None = None, status: str | None = None) -> tuple[dict, dict]:
    """Numbers for the filter links, from one grouped query: per kind within the chosen status, and
    per status within the chosen kind; the key None counts them all."""
    listed = Opportunity.listed_status(dates.today())
    rows = db.session.execute(select(Opportunity.kind, listed, func.count()).where(Opportunity.kind.in_(KINDS))
                              .group_by(Opportunity.kind, listed)).all()
    by_kind = {key: sum(n for k, s, n in rows if key in (None, k) and status in (None, s)) for key in (None, *KINDS)}
    by_status = {key: sum(n for k, s, n in rows if kind in (None, k) and key in (None, s))
                 for key in (None, *OpportunityStatus)}
    return by_kind, by_status
