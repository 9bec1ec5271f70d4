"""`flask bench-data`: bulk rows the app can work with (the tiny size runs the same code as small
and large), the known accounts sign in and see their data, and it refuses what it should."""
from sqlalchemy import func, inspect, select

from webapp.benchdata import BENCH_APPLICANT, BENCH_CASEWORKER, BENCH_PASSWORD, KNOWN_ACCOUNTS, SIZES
from webapp.extensions import db
from webapp.models import (
    Application,
    ApplicationEvent,
    ApplicationStatus,
    Consent,
    NeedsRegistration,
    Notice,
    Opportunity,
    Profile,
    Role,
    User,
)
from webapp.models.applying.application import AWAITING_DECISION, PLACED

TINY = SIZES["tiny"]


def _load(app, *args):
    result = app.test_cli_runner().invoke(args=["bench-data", "--size", "tiny", *args])
    db.session.expire_all()
    return result


def _count(statement) -> int:
    return db.session.scalar(select(func.count()).select_from(statement.subquery()))


def _sign_in(app, phone):
    browser = app.test_client()
    browser.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    response = browser.post("/auth/login", data={"phone": phone, "password": BENCH_PASSWORD})
    assert response.status_code == 303, response.get_data(as_text=True)
    return browser


def _indexes_and_keys() -> dict:
    found = inspect(db.engine)
    return {table: (sorted((index["name"], tuple(index["column_names"]), bool(index["unique"]))
                           for index in found.get_indexes(table)),
                    sorted((key["name"] or "", tuple(key["constrained_columns"]), key["referred_table"])
                           for key in found.get_foreign_keys(table)))
            for table in found.get_table_names()}


def test_loads_the_demo_then_bench_rows_that_keep_the_apps_rules(app):
    indexes = _indexes_and_keys()
    result = _load(app)
    assert result.exit_code == 0, result.output
    assert "Bench data (tiny) loaded" in result.output and BENCH_PASSWORD in result.output
    assert db.session.scalar(select(User.id).where(User.phone == "13800000001")) is not None  # the demo first

    bench_people = select(User.id).where(User.role == Role.APPLICANT,
                                         User.phone.like("186%") | (User.phone == BENCH_APPLICANT))
    assert _count(bench_people) == TINY.applicants
    # Every applicant has consent, a submitted profile in a district and a needs registration.
    applicants = select(User.id).where(User.role == Role.APPLICANT)
    assert _count(applicants.join(Profile, Profile.user_id == User.id).where(
        Profile.district.is_not(None), Profile.submitted_at.is_not(None), Profile.id_hash.is_not(None))) == \
        _count(applicants)
    assert _count(select(Consent.user_id).where(Consent.user_id.in_(bench_people)).distinct()) == TINY.applicants
    assert _count(select(NeedsRegistration.id).where(NeedsRegistration.user_id.in_(bench_people))) == TINY.applicants

    bench_apps = select(Application.id).where(Application.applicant_id.in_(bench_people))
    written = _count(bench_apps)
    assert TINY.applications * 0.9 <= written <= TINY.applications
    assert ["applications", f"{written:,}"] in [line.split() for line in result.output.splitlines()]
    # One open application per person and item.
    assert not db.session.execute(
        select(Application.applicant_id, Application.opportunity_id)
        .where(Application.status != ApplicationStatus.WITHDRAWN)
        .group_by(Application.applicant_id, Application.opportunity_id).having(func.count() > 1)).all()
    # Places taken never above the capacity, and for the bench items exactly the applications holding one.
    assert not db.session.scalars(select(Opportunity.id).where(Opportunity.taken > Opportunity.capacity)).all()
    bench_admin = select(User.id).where(User.phone == "18700000002").scalar_subquery()
    placed = (select(func.count()).where(Application.opportunity_id == Opportunity.id, Application.status.in_(PLACED))
              .scalar_subquery())
    assert not db.session.execute(select(Opportunity.id).where(
        Opportunity.created_by_id == bench_admin, Opportunity.taken != placed)).all()
    assert db.session.scalar(select(func.sum(Opportunity.taken)).where(Opportunity.created_by_id == bench_admin)) > 0
    # Approvals only for people whose identity was checked.
    assert not db.session.scalars(select(Application.id).join(Profile, Profile.user_id == Application.applicant_id)
                                  .where(Application.status.in_({*PLACED, ApplicationStatus.APPROVED}),
                                         Profile.identity_status.is_(None))).all()
    # Each application's last event is where it is; its notices go to its applicant.
    last = select(ApplicationEvent.application_id, func.max(ApplicationEvent.id).label("id")) \
        .group_by(ApplicationEvent.application_id).subquery()
    mismatched = select(Application.id).join(last, last.c.application_id == Application.id) \
        .join(ApplicationEvent, ApplicationEvent.id == last.c.id) \
        .where(ApplicationEvent.to_status != Application.status)
    assert _count(mismatched) == 0
    assert _count(select(Application.id).join(last, last.c.application_id == Application.id)
                  .where(Application.id.in_(bench_apps))) == written
    assert _count(select(Notice.id).join(Application, Application.id == Notice.application_id)
                  .where(Notice.user_id != Application.applicant_id)) == 0
    # The indexes and foreign keys set aside during the load are all back.
    assert _indexes_and_keys() == indexes
    # The app can write after the load: the ids go on from the bench rows (PostgreSQL sequences).
    user = User(phone="13912345678", name="新用户", password_hash="x", role=Role.APPLICANT)
    db.session.add(user)
    db.session.commit()
    assert user.id > db.session.scalar(select(func.max(User.id)).where(User.id != user.id))


def test_known_accounts_sign_in_and_see_their_data(app):
    assert _load(app).exit_code == 0
    assert set(KNOWN_ACCOUNTS) >= {BENCH_CASEWORKER, BENCH_APPLICANT}
    for phone in KNOWN_ACCOUNTS:
        _sign_in(app, phone)

    applicant = _sign_in(app, BENCH_APPLICANT)
    references = db.session.scalars(select(Application.reference).join(User, User.id == Application.applicant_id)
                                    .where(User.phone == BENCH_APPLICANT)).all()
    assert len(references) == TINY.known_applications
    page = applicant.get("/me/applications").get_data(as_text=True)
    assert sum(reference in page for reference in references) >= min(len(references), 5)
    assert applicant.get(f"/me/applications/{references[0]}").status_code == 200
    assert applicant.get("/me/notices").status_code == 200

    worker = _sign_in(app, BENCH_CASEWORKER)
    queue = worker.get("/casework")
    assert queue.status_code == 200
    in_queue = db.session.scalars(
        select(Application.reference).join(Profile, Profile.user_id == Application.applicant_id)
        .where(Profile.district == "chengqu", Application.status.in_(AWAITING_DECISION))
        .order_by(Application.submitted_at, Application.id).limit(1)).all()  # the first in the queue
    assert in_queue and in_queue[0] in queue.get_data(as_text=True)
    # The application page shows the masked ID number, so the encrypted numbers are readable.
    case = worker.get(f"/casework/applications/{in_queue[0]}")
    assert case.status_code == 200 and "****" in case.get_data(as_text=True)


def test_refuses_production_without_yes_and_a_second_load(app):
    app.config["APP_ENV"] = "production"
    try:
        refused = _load(app)
        assert refused.exit_code != 0 and "APP_ENV=production" in refused.output and "--yes" in refused.output
        assert _count(select(User.id)) == 0
        assert _load(app, "--yes").exit_code == 0
    finally:
        app.config["APP_ENV"] = "testing"
    users = _count(select(User.id))
    again = _load(app)
    assert again.exit_code != 0 and "already holds bench data" in again.output
    assert _count(select(User.id)) == users
