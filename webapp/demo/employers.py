"""The demo employers (用人单位), each with its own account (password DEMO_PASSWORD): two verified by
the demo administrator, one waiting. Made like the other demo accounts, then verified and given
their numbers through the services. (13800000005 and 13800000006 are the casework demo's applicants,
so the employers start at 13800000021.)"""
from ..extensions import db
from ..models import Employer, EmployerStatus, Role, User
from ..services.accounts.passwords import hash_password
from ..services.accounts.users import find_by_phone
from ..services.audit import log as audit
from ..services.employers import accounts, verification
from ..services.employers.credit_code import check_character

# phone, organisation, type, credit code without its check character, verified, staff, disabled staff
DEMO_EMPLOYERS = (
    ("13800000021", "阳泉市城区人民政府办公室", "state_body", "11140302MB0123456", True, 120, 1),
    ("13800000022", "阳泉恒达物流有限公司", "private_firm", "91140300MA0HD0001", True, 80, 2),
    ("13800000023", "阳泉新锐电商科技有限公司", "private_firm", "91140300MA0XR0002", False, None, None),
)
CONTACT = "王经理"


def load(admin, password: str) -> int:
    """Create the demo employers that are missing; return how many were new."""
    created = 0
    for phone, name, org_type, body, verified, staff, disabled in DEMO_EMPLOYERS:
        if find_by_phone(phone):
            continue
        user = User(phone=phone, name=CONTACT, role=Role.EMPLOYER, password_hash=hash_password(password))
        db.session.add(user)
        db.session.flush()
        row = Employer(user_id=user.id, name=name, org_type=org_type, credit_code=body + check_character(body),
                       district="chengqu", contact_name=CONTACT, contact_phone=phone, status=EmployerStatus.PENDING)
        db.session.add(row)
        audit.record("demo.account_created", subject=user, role=Role.EMPLOYER)
        db.session.commit()
        if staff is not None:
            accounts.declare_numbers(row, str(staff), str(disabled))
        if verified and admin is not None:
            verification.verify(admin, row)
        created += 1
    return created
