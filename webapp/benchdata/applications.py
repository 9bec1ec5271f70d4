"""Applications with their histories as rows: each one's moves through the state machine (rules.py),
an event per move and the notice per transaction that the app would have sent.

A person applies at most once to an item; a course seat, a post or a stall unit is given only
while one is left (then the waiting list, or approval alone); approvals only for people whose
identity was verified. Times run forward from the start of the draft, within the last year.
"""
from datetime import datetime, timedelta

from sqlalchemy import bindparam, update

from ..models import COURSE, POST, Application, ApplicationEvent, Notice, NoticeKind, Opportunity
from ..models import ApplicationStatus as S
from .bulk import write

DAY = timedelta(days=1)
YEAR = 365 * DAY
# Where applications end, by share; "placed" is a positive decision (enrolled, waitlisted, hired
# or approved, depending on the item and the places left).
ENDINGS = {S.DRAFT: 4, S.SUBMITTED: 14, S.UNDER_REVIEW: 8, S.NEEDS_INFO: 7, S.REJECTED: 17,
           S.WITHDRAWN: 12, "placed": 38}
ANSWERS = {"course": {"reason": "想学一门能养活自己的手艺", "availability": "工作日上午"},
           "stall": {"goods": "水果和日用品", "experience": "帮家里看过摊"},
           "post": {"availability": "周一到周五", "fit": "需要提前熟悉环境"}}
REASONS = {S.NEEDS_INFO: "请补充上传清晰的残疾人证照片", S.REJECTED: "不符合该岗位/课程的报名条件",
           S.WITHDRAWN: "时间冲突"}
APPLICATION_COLUMNS = ("id", "reference", "applicant_id", "opportunity_id", "status", "answers", "waitlisted_at",
                       "assigned_to_id", "created_by_id", "created_at", "updated_at", "submitted_at", "decided_at")
EVENT_COLUMNS = ("id", "application_id", "at", "actor_id", "on_behalf", "from_status", "to_status", "reason")
NOTICE_COLUMNS = ("id", "user_id", "kind", "application_id", "to_status", "reason", "created_at", "read_at")


def spread(rng, total: int, count: int) -> list[int]:
    """`count` whole numbers from about a fifth to nine fifths of the mean, adding up to `total`."""
    weights = [rng.randint(1, 9) for _ in range(count)]
    scale, running, previous, out = total / sum(weights), 0.0, 0, []
    for weight in weights:
        running += weight * scale
        out.append(round(running) - previous)
        previous = round(running)
    return out


def _moves(rng, ending, item, verified: bool, loops: float) -> list[tuple]:
    """The moves (gap in days, from, to, by staff?, reason) from the draft's start to `ending`."""
    moves = [(0, None, S.DRAFT, False, None)]
    if ending == S.DRAFT:
        return moves
    moves.append((rng.uniform(0.01, 2), S.DRAFT, S.SUBMITTED, False, None))
    if ending == S.WITHDRAWN:
        return [*moves, (rng.uniform(0.1, 10), S.SUBMITTED, S.WITHDRAWN, False, REASONS[S.WITHDRAWN])]
    asked = ending != S.NEEDS_INFO and rng.random() < loops
    if ending == S.SUBMITTED and not asked:
        return moves
    moves.append((rng.uniform(0.1, 6), S.SUBMITTED, S.UNDER_REVIEW, True, None))
    if asked:
        moves += [(rng.uniform(0.05, 2), S.UNDER_REVIEW, S.NEEDS_INFO, True, REASONS[S.NEEDS_INFO]),
                  (rng.uniform(0.5, 10), S.NEEDS_INFO, S.SUBMITTED, False, None)]
        if ending == S.SUBMITTED:
            return moves
        moves.append((rng.uniform(0.1, 6), S.SUBMITTED, S.UNDER_REVIEW, True, None))
    if ending == "placed" and not verified:
        ending = S.UNDER_REVIEW
    if ending in (S.UNDER_REVIEW, S.NEEDS_INFO, S.REJECTED):
        return moves if ending == S.UNDER_REVIEW else [
            *moves, (rng.uniform(0.05, 3), S.UNDER_REVIEW, ending, True, REASONS[ending])]
    moves.append((rng.uniform(0.05, 3), S.UNDER_REVIEW, S.APPROVED, True, None))
    if item.kind == COURSE:  # in the same transaction: a seat, or the waiting list
        placed = item.taken < item.capacity
        item.taken += placed
        moves.append((0, S.APPROVED, S.ENROLLED if placed else S.WAITLISTED, None, None))
    elif item.kind == POST and item.taken < item.capacity and rng.random() < 0.3:
        item.taken += 1
        moves.append((rng.uniform(3, 20), S.APPROVED, S.HIRED, True, None))
    return moves


class Histories:
    """The rows of the three tables, with ids taken in advance."""

    def __init__(self, ids, expected: int):
        self.ids = ids
        self.applications, self.events, self.notices = [], [], []
        self.next_application = ids.take(Application.__table__, expected)

    def add(self, rng, person, item, ending, caseworkers: list[int], now: datetime, loops: float) -> None:
        moves = _moves(rng, ending, item, person.verified, loops)
        span = sum(gap for gap, *_rest in moves) * DAY
        earliest = max(item.published_at, now - YEAR)
        latest = min(now - span, datetime.combine(item.deadline, datetime.min.time()))
        start = earliest + rng.random() * max(latest - earliest, timedelta(0))
        start -= max(start + span - now, timedelta(0))
        app_id = self.next_application
        self.next_application += 1
        worker = rng.choice(caseworkers)
        at, values = start, {"submitted_at": None, "decided_at": None, "waitlisted_at": None, "assigned": None}
        for gap, before, to, by_staff, reason in moves:
            at += gap * DAY
            actor = worker if by_staff else None if by_staff is None else person.id
            self.events.append([app_id, at, actor, False, before and before.value, to.value, reason])
            if to == S.SUBMITTED:
                values["submitted_at"] = at
            if by_staff and to == S.UNDER_REVIEW:
                values["assigned"] = worker
            if to in (S.APPROVED, S.REJECTED):
                values["decided_at"] = at
            if to == S.WAITLISTED:
                values["waitlisted_at"] = at
            if before is None:
                continue
            if gap == 0 and self.notices and self.notices[-1][2] == app_id:  # one notice per transaction
                self.notices[-1][3] = to.value
                continue
            after, chance = rng.uniform(0.01, 3) * DAY, rng.random()  # drawn always: the same rows on any day
            read = at + after if at < now - 3 * DAY and chance < 0.85 else None
            self.notices.append([person.id, NoticeKind.APPLICATION.value, app_id, to.value, reason, at, read])
        self.applications.append((
            app_id, f"YQ-{start.year}-{app_id:06d}", person.id, item.id, moves[-1][2].value, ANSWERS[item.kind],
            values["waitlisted_at"], values["assigned"], person.id, start, at, values["submitted_at"],
            values["decided_at"]))

    def write(self, conn, items, quiet: bool) -> None:
        """The three tables, then each item's places taken."""
        write(conn, Application.__table__, APPLICATION_COLUMNS, self.applications, quiet)
        first = self.ids.take(ApplicationEvent.__table__, len(self.events))
        write(conn, ApplicationEvent.__table__, EVENT_COLUMNS,
              [(first + n, *row) for n, row in enumerate(self.events)], quiet)
        first = self.ids.take(Notice.__table__, len(self.notices))
        write(conn, Notice.__table__, NOTICE_COLUMNS,
              [(first + n, *row) for n, row in enumerate(self.notices)], quiet)
        taken = [{"item": item.id, "places": item.taken} for item in items if item.taken]
        if taken:
            table = Opportunity.__table__
            conn.execute(update(table).where(table.c.id == bindparam("item")).values(taken=bindparam("places")),
                         taken)


def load(conn, ids, rng, size, people, items, caseworkers: dict, now: datetime, quiet: bool) -> dict:
    """Every person's applications (the known applicant's first, many); the counts written."""
    counts = [min(size.known_applications, len(items))] + spread(
        rng, size.applications - min(size.known_applications, len(items)), len(people) - 1)
    histories = Histories(ids, size.applications)
    endings = [ending for ending, share in ENDINGS.items() for _ in range(share)]  # rng.choice of this is fast
    for person, count in zip(people, counts):
        chosen = [item for item in rng.sample(items, min(len(items), 2 * count + 4))
                  if not item.suits or person.category in item.suits][:count]
        for item in chosen:
            histories.add(rng, person, item, rng.choice(endings), caseworkers[person.district],
                          now, size.loops)
    histories.write(conn, items, quiet)
    return {"applications": len(histories.applications), "application_events": len(histories.events),
            "notices": len(histories.notices)}
