"""The city's list of subsidy decisions waiting for its sign-off, longest waiting first."""
from sqlalchemy import select

from ...models import Application, SubsidyAward
from ...models import ApplicationStatus as S
from ..common.paging import Page, paginate

PER_PAGE = 20


def awaiting_signoff(page: int = 1) -> Page:
    """A page of awards (each with its application, item and applicant, in the same query)."""
    return paginate(select(SubsidyAward).join(Application, Application.id == SubsidyAward.application_id)
                    .where(Application.status == S.AWAITING_SIGNOFF)
                    .order_by(SubsidyAward.decided_at, SubsidyAward.id), page, PER_PAGE)
