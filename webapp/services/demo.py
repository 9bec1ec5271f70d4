"""Demo records for `flask demo-data`; safe to run again (finds before it creates)."""
from ..extensions import db
from ..models import User
from . import accounts, audit


def load(accounts_spec, password: str) -> int:
    created = 0
    for phone, name, role, district in accounts_spec:
        if accounts.find_by_phone(phone):
            continue
        user = User(phone=phone, name=name, role=role, district=district,
                    password_hash=accounts.hash_password(password))
        db.session.add(user)
        db.session.flush()
        audit.record("demo.account_created", subject=user, role=role)
        created += 1
    db.session.commit()
    return created
