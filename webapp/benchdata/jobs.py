"""Made-up verified employers and their jobs as rows, as the employers' own pages would have written.

One employer account per 100 jobs (at least one), each verified; most jobs published and open,
a few closed by hand or drafts. Nobody has applied yet, so `taken` stays 0.
"""
from datetime import datetime, timedelta

from ..models import JOB, Employer, Opportunity, OpportunityStatus, Role, User
from ..models.work.employer import OrgType
from ..models.applying.kinds import JobKind
from ..services.employers.credit_code import check_character
from ..vocab import JOB_ACCOMMODATIONS, WORKPLACE_ACCESSIBILITY, accommodation_flags
from .bulk import write
from .items import COLUMNS as ITEM_COLUMNS
from .people import DISTRICTS, USER_COLUMNS

DAY = timedelta(days=1)
JOBS_PER_EMPLOYER = 100
TITLES = ("网络客服", "数据标注员", "保健按摩师", "仓库理货员", "包装工", "电商直播助理", "前台接待", "档案整理员",
          "手工编织工", "质检员", "保洁员", "社区服务信息员")
EMPLOYER_COLUMNS = ("id", "user_id", "name", "org_type", "credit_code", "district", "contact_name", "contact_phone",
                    "status", "verified_at", "staff_count", "disabled_staff", "created_at", "updated_at")
COLUMNS = (*ITEM_COLUMNS, "employer_id", "job_kind", "pay_min", "pay_max", "duties", "suits", "accommodations",
           "accommodation_flags", "for_graduates", "state_reserved")


def load(conn, ids, rng, count: int, password_hash: str, now: datetime, quiet) -> int:
    """Write the employers and `count` jobs; return how many employers were made."""
    if not count:
        return 0
    employers = max(count // JOBS_PER_EMPLOYER, 1)
    first_user, first_employer = ids.take(User.__table__, employers), ids.take(Employer.__table__, employers)
    users, rows, owners = [], [], []
    for n in range(employers):
        user_id, employer_id = first_user + n, first_employer + n
        phone, district = f"1870200{n:04d}", rng.choice(DISTRICTS)[0].value
        org_type = rng.choice(tuple(OrgType)).value
        body = f"91140300MA{n:07d}"
        name = f"阳泉市第{n + 1}号示范用人单位"
        users.append((user_id, phone, f"经理{n}", password_hash, Role.EMPLOYER.value, None, True, now - 400 * DAY,
                      now - DAY, 0, False))
        rows.append((employer_id, user_id, name, org_type, body + check_character(body), district, f"经理{n}", phone,
                     "verified", now - 390 * DAY, rng.randint(20, 800), rng.randint(0, 10), now - 400 * DAY,
                     now - 390 * DAY))
        owners.append((employer_id, user_id, name, org_type))
    write(conn, User.__table__, USER_COLUMNS, users, quiet)
    write(conn, Employer.__table__, EMPLOYER_COLUMNS, rows, quiet)
    first = ids.take(Opportunity.__table__, count)
    kinds, jobs = [kind.value for kind in JobKind], []
    for n in range(count):
        employer_id, user_id, name, org_type = owners[n % employers]
        published = now - rng.uniform(1, 200) * DAY
        draft = rng.random() < 0.02
        closed = not draft and rng.random() < 0.04
        status = (OpportunityStatus.DRAFT if draft else OpportunityStatus.CLOSED if closed
                  else OpportunityStatus.PUBLISHED)
        low = rng.randrange(1500, 5000, 100)
        title = rng.choice(TITLES)
        values = dict.fromkeys(ITEM_COLUMNS)
        values.update(
            id=first + n, kind=JOB.value, status=status.value, title=title, provider=name, description="",
            district=rng.choice(DISTRICTS)[0].value, address=f"{name}办公地", rural=False, taken=0,
            accessibility=rng.sample(tuple(WORKPLACE_ACCESSIBILITY), rng.randint(0, 3)), suits_categories=[],
            capacity=rng.randint(1, 10), deadline=published.date() + rng.randint(20, 300) * DAY,
            hours="周一至周五 9:00-17:00", created_by_id=user_id, created_at=published, updated_at=published,
            published_at=None if draft else published, closed_at=now - rng.uniform(1, 15) * DAY if closed else None)
        offered = rng.sample(tuple(JOB_ACCOMMODATIONS), rng.randint(0, 3))
        values.update(employer_id=employer_id, job_kind=rng.choice(kinds), pay_min=low,
                      pay_max=low + rng.randrange(0, 1500, 100), duties=f"{title}：按岗位要求完成日常工作。",
                      suits="适合各类残疾人", accommodations=offered, accommodation_flags=accommodation_flags(offered),
                      for_graduates=rng.random() < 0.05,
                      state_reserved=org_type in ("state_body", "public_institution", "state_firm") and rng.random() < 0.3)
        jobs.append(tuple(values[column] for column in COLUMNS))
    write(conn, Opportunity.__table__, COLUMNS, jobs, quiet)
    return employers
