"""One paging type for every list, and the one way to cut a query into pages.

A page number past the end shows the last page, and anything below 1 the first, so a link kept
from a longer list still shows something. Two queries at most: the rows with the total counted
alongside (a window function), and the total on its own only when the page asked for is empty.
"""
from dataclasses import dataclass

from sqlalchemy import func, select

from ...extensions import db


@dataclass(frozen=True)
class Page:
    items: list
    total: int
    number: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(-(-self.total // self.per_page), 1)

    @property
    def has_prev(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages


def last_page(total: int, per_page: int) -> int:
    return max(-(-total // per_page), 1)


def paginate(statement, page: int, per_page: int, *, total: int | None = None, rows=None) -> Page:
    """One page of `statement` (ordered by the caller).

    `total`, when the caller already knows it (say from grouped counts), saves the count. `rows`
    turns each result row into an item; by default the first entity of the row.
    """
    number = max(page, 1)
    if total is not None:
        number = min(number, last_page(total, per_page))
        found = db.session.execute(statement.offset((number - 1) * per_page).limit(per_page)).all()
    else:
        counted = statement.add_columns(func.count().over().label("_total"))
        found = db.session.execute(counted.offset((number - 1) * per_page).limit(per_page)).all()
        if found:
            total = found[0]._total
        else:
            total = db.session.scalar(select(func.count()).select_from(statement.order_by(None).subquery()))
            if total and number > last_page(total, per_page):
                number = last_page(total, per_page)
                found = db.session.execute(counted.offset((number - 1) * per_page).limit(per_page)).all()
        found = [row[:-1] for row in found]
    convert = rows or (lambda row: row[0])
    return Page(items=[convert(row) for row in found], total=total, number=number, per_page=per_page)
