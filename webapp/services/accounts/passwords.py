"""Password rules (at least 8 characters, not one everyone tries first) and hashing."""
from flask import current_app
from flask_babel import lazy_gettext as _l
from werkzeug.security import generate_password_hash

from ..common.errors import DomainError

MIN_LENGTH = 8

# The most common passwords in published leak studies, Chinese sites included.
COMMON = frozenset("""
12345678 123456789 1234567890 87654321 11111111 00000000 88888888 66666666 12341234
11223344 12344321 123123123 147258369 123456abc abc12345 abcd1234 a1234567 a12345678
aa123456 qq123456 password password1 password123 passw0rd iloveyou iloveyou1 qwertyui
qwerty123 1qaz2wsx zxcvbnm123 woaini1314 woaini520 5201314520 1314520520 qazwsxedc
asdfghjkl 123qweasd admin123 administrator welcome1 12qwaszx 1q2w3e4r 1q2w3e4r5t
yangquan yangquan123 shanxi123
""".split())


def check_password(password: str, phone: str = "") -> None:
    if not password:
        raise DomainError(_l("Enter a password."), "password")
    if len(password) < MIN_LENGTH:
        raise DomainError(_l("Your password must be at least 8 characters."), "password")
    if password.lower() in COMMON or password == phone or len(set(password)) == 1:
        raise DomainError(_l("This password is too easy to guess. Choose one that others would not think of."), "password")


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])
