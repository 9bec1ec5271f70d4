"""Mainland mobile numbers as people type them: spaces, dashes, +86, full-width digits."""
import re

from flask_babel import lazy_gettext as _l

from .errors import DomainError

_MOBILE = re.compile(r"1[3-9][0-9]{9}")
_FULL_WIDTH = {ord("０") + i: ord("0") + i for i in range(10)}


def normalise_digits(text: str) -> str:
    """Turn full-width digits into ASCII and drop spaces and dashes."""
    text = (text or "").translate(_FULL_WIDTH)
    return re.sub(r"[\s\-\u3000]", "", text)


def normalise_phone(raw: str, field: str = "phone") -> str:
    """Return the 11-digit number or raise DomainError with a message for the person."""
    phone = normalise_digits(raw)
    if phone.startswith("+86"):
        phone = phone[3:]
    elif phone.startswith("0086"):
        phone = phone[4:]
    if not phone:
        raise DomainError(_l("Enter your mobile phone number."), field)
    if not _MOBILE.fullmatch(phone):
        raise DomainError(
            _l("Enter an 11-digit mainland mobile number starting with 1, like 13812345678."),
            field,
        )
    return phone
