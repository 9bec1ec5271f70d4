"""Shared by the finding tests (lists, detail pages, saved items): items made directly, listed titles, query counts."""
import re
from datetime import timedelta

from sqlalchemy import event

from webapp.extensions import db
from webapp.models import Opportunity
from webapp.services.common.dates import today as service_today

TODAY = service_today()
DAY = timedelta(days=1)


def item(admin, **fields) -> Opportunity:
    """A published course unless told otherwise."""
    values = {"kind": "course", "status": "published", "title": "计算机与办公软件", "provider": "阳泉市残疾人职业培训基地",
              "district": "chengqu", "capacity": 20, "deadline": TODAY + 10 * DAY, "category": "vocational",
              "created_by_id": admin.id, **fields}
    opportunity = Opportunity(**values)
    db.session.add(opportunity)
    db.session.commit()
    return opportunity


def titles(response) -> list[str]:
    """The titles listed in the results, in order."""
    return re.findall(r'<span class="cell__label">([^<]+)</span>', response.get_data(as_text=True))


def count_queries(app, run) -> int:
    """How many SQL statements `run()` sends."""
    seen = []

    def count(*_args):
        seen.append(1)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        run()
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    return len(seen)
