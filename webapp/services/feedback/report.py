"""The evidence for the plan's inspections: per district, the feedback received, answered and
overdue, the average working days a reply took, the ratings (好/中/差) and call-backs still to make;
and the overdue replies themselves. A handful of grouped queries, whatever the number of rows."""
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import case, func, select

from ...extensions import db
from ...models import DISTRICT_LABELS, CallBack, District, Feedback, Grade, Profile, Rating
from ..common import dates, paging
from . import replies


@dataclass
class DistrictFigures:
    district: District | None
    received: int = 0
    answered: int = 0
    overdue: int = 0
    days_total: int = 0  # working days all the replies took, together
    grades: dict = field(default_factory=lambda: dict.fromkeys(Grade, 0))
    call_backs_open: int = 0

    @property
    def average_days(self) -> float | None:
        """Working days a reply took, on average (None before the first reply)."""
        return round(self.days_total / self.answered, 1) if self.answered else None

    @property
    def label(self):
        return self.district.label if self.district else None


def _district(value) -> District | None:
    try:
        return District(value) if value else None
    except ValueError:
        return None


def per_district(today: date | None = None) -> list[DistrictFigures]:
    """Every district in the city's order, then people without a district when there are any."""
    today = today or dates.today()
    figures = {district: DistrictFigures(district) for district in DISTRICT_LABELS}
    figures[None] = DistrictFigures(None)
    rows = db.session.execute(
        select(Profile.district, func.count(Feedback.id), func.count(Feedback.replied_at),
               func.sum(case((Feedback.replied_at.is_(None) & (Feedback.due_on < today), 1), else_=0)),
               func.sum(Feedback.reply_working_days))
        .select_from(Feedback).outerjoin(Profile, Profile.user_id == Feedback.user_id).group_by(Profile.district))
    for district, received, answered, overdue, days in rows:
        row = figures[_district(district)]
        row.received, row.answered, row.overdue, row.days_total = received, answered, int(overdue or 0), int(days or 0)
    for district, grade, count in db.session.execute(
            select(Profile.district, Rating.grade, func.count(Rating.id)).select_from(Rating)
            .outerjoin(Profile, Profile.user_id == Rating.user_id).group_by(Profile.district, Rating.grade)):
        figures[_district(district)].grades[grade] += count
    for district, count in db.session.execute(
            select(Profile.district, func.count(CallBack.id)).select_from(CallBack)
            .join(Rating, Rating.id == CallBack.rating_id).outerjoin(Profile, Profile.user_id == Rating.user_id)
            .where(CallBack.called_at.is_(None)).group_by(Profile.district)):
        figures[_district(district)].call_backs_open += count
    found = [figures[district] for district in DISTRICT_LABELS]
    nowhere = figures[None]
    if nowhere.received or any(nowhere.grades.values()) or nowhere.call_backs_open:
        found.append(nowhere)
    return found


def totals(rows: list[DistrictFigures]) -> DistrictFigures:
    total = DistrictFigures(None)
    for row in rows:
        total.received += row.received
        total.answered += row.answered
        total.overdue += row.overdue
        total.call_backs_open += row.call_backs_open
        for grade, count in row.grades.items():
            total.grades[grade] += count
        total.days_total += row.days_total
    return total


def overdue(user, page: int = 1, today: date | None = None) -> paging.Page:
    """Unanswered feedback past its day, the longest overdue first."""
    today = today or dates.today()
    return paging.paginate(replies.in_scope(user, Profile.district)
                           .where(Feedback.replied_at.is_(None), Feedback.due_on < today)
                           .order_by(Feedback.due_on, Feedback.id), page, replies.PER_PAGE,
                           rows=lambda row: replies.Waiting(row[0], row[1], True))
