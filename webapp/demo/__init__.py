"""Demo data for `flask demo-data` and the browser tests: accounts, an applicant's story, published
items with applications in several states, and a caseworker's queue. Safe to run again (each
part finds before it creates). Not domain code: it only calls the services, as a person would."""
from ..extensions import db
from ..models import User
from ..services.accounts.passwords import hash_password
from ..services.accounts.users import find_by_phone
from ..services.audit import log as audit
from . import (applicant, casework, employers, fairs, feedback, hiring, jobs, moving, opportunities, stall_draw,
               subsidies)

DEMO_PASSWORD = "yangquan2026"
DEMO_ACCOUNTS = (
    # phone, name, role, district
    ("13800000001", "张明", "applicant", None),
    ("13800000002", "李芳", "caseworker", "chengqu"),
    ("13800000003", "王强", "admin", None),
    ("13800000004", "张丽", "helper", None),
)
APPLICANT, CASEWORKER, ADMIN, HELPER = (phone for phone, *_rest in DEMO_ACCOUNTS)


def load(accounts_spec=DEMO_ACCOUNTS, password: str = DEMO_PASSWORD) -> int:
    """Create what is missing; return how many accounts were new."""
    created = 0
    for phone, name, role, district in accounts_spec:
        if find_by_phone(phone):
            continue
        user = User(phone=phone, name=name, role=role, district=district, password_hash=hash_password(password))
        db.session.add(user)
        db.session.flush()
        audit.record("demo.account_created", subject=user, role=role)
        created += 1
    db.session.commit()
    applicant.load(find_by_phone(APPLICANT), find_by_phone(HELPER))
    admin = find_by_phone(ADMIN)
    if admin is not None:
        opportunities.load(admin, find_by_phone(APPLICANT), find_by_phone(CASEWORKER))
    casework.load(find_by_phone(CASEWORKER), find_by_phone(APPLICANT), password)
    stall_draw.load(find_by_phone(CASEWORKER), password)
    employers.load(find_by_phone(ADMIN), password)
    jobs.load(password)
    fairs.load(find_by_phone(CASEWORKER), find_by_phone(APPLICANT))
    hiring.load(find_by_phone(APPLICANT), password)
    subsidies.load(find_by_phone(ADMIN), find_by_phone(APPLICANT), find_by_phone(CASEWORKER))
    moving.load(find_by_phone(CASEWORKER), password)
    feedback.load(find_by_phone(APPLICANT), find_by_phone(CASEWORKER))
    applicant.load_screener_answers(find_by_phone(APPLICANT))
    return created
