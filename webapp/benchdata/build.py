"""One load of bench data: checks, the demo if the database is empty, then every table in one
transaction (all or nothing), the id sequences moved on, and ANALYZE."""
import random

from sqlalchemy import func, inspect, select

from .. import demo
from ..demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from ..extensions import db
from ..models import (
    Application,
    ApplicationEvent,
    Consent,
    Employer,
    NeedsRegistration,
    Notice,
    Opportunity,
    User,
)
from ..models.base import utcnow
from ..services.accounts.passwords import hash_password
from . import (
    BENCH_CASEWORKER,
    BENCH_PASSWORD,
    SEED,
    Size,
    applications,
    bulk,
    items,
    jobs,
    people,
)

TABLES = (User, Consent, NeedsRegistration, Employer, Opportunity, Application, ApplicationEvent, Notice)


class NotReady(Exception):
    """The database cannot take bench data (not migrated, or it already holds some)."""


def check_ready() -> None:
    if not inspect(db.engine).has_table(Application.__tablename__):
        raise NotReady("The database has no tables yet: run `flask db upgrade` first.")
    if db.session.scalar(select(User.id).where(User.phone == BENCH_CASEWORKER)) is not None:
        raise NotReady("This database already holds bench data. Start from a new database to load it again.")


def build(size: Size, quiet: bool = False) -> dict[str, int]:
    """Load the demo if there is nothing yet, then the bench rows; return how many of each were written."""
    check_ready()
    demo_loaded = not db.session.scalar(select(func.count()).select_from(User))
    if demo_loaded:
        demo.load(DEMO_ACCOUNTS, DEMO_PASSWORD)
    db.session.commit()
    db.session.close()
    rng = random.Random(SEED)
    now = utcnow().replace(microsecond=0)
    password_hash = hash_password(BENCH_PASSWORD)  # once: every bench account shares it
    with bulk.loading() as conn:
        ids = bulk.Ids(conn)
        admin_id, caseworkers = people.staff(conn, ids, rng, password_hash, size.caseworkers_per_district, now,
                                             quiet)
        persons = people.applicants(conn, ids, rng, password_hash, size.applicants, caseworkers, now, quiet)
        open_items = items.load(conn, ids, rng, size, admin_id, now, quiet)
        counts = applications.load(conn, ids, rng, size, persons, open_items, caseworkers, now, quiet)
        # After the applications, so the rows drawn for everything before stay as they were.
        counts["employers"] = jobs.load(conn, ids, rng, size.jobs, password_hash, now, quiet)
        bulk.finish(conn, [model.__table__ for model in TABLES])
    return {"demo loaded first": int(demo_loaded), "applicants": len(persons),
            "opportunities": size.courses + size.stalls + size.posts, "jobs": size.jobs, **counts}
