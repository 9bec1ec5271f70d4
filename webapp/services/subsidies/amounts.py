"""Amounts of money typed by staff or applicants: whole yuan in figures, bounded.

Full-width digits (１０００), as Chinese keyboards type them, are read like ASCII ones, as every
number field of the service reads them; so are thousands separators and a trailing 元.
"""
import re

from flask_babel import lazy_gettext as _l

from ..common.errors import DomainError
from ..common.text import ascii_digits, plain

# No single subsidy, grant or recommended loan of this service comes near ten million yuan.
MAX_AMOUNT = 10_000_000
_SIGNED = re.compile(r"([-+]?)([0-9]+)")


def read_amount(text, field: str, *, minimum: int = 1, maximum: int = MAX_AMOUNT, missing=None) -> int:
    """The whole number of yuan typed, or DomainError on `field` saying what to type instead."""
    typed = ascii_digits(plain(text)).replace("－", "-").replace("＋", "+")
    typed = typed.replace(",", "").replace("，", "").replace(" ", "").removesuffix("元")
    if not typed:
        raise DomainError(missing or _l("Enter the amount in yuan, for example 3000."), field)
    matched = _SIGNED.fullmatch(typed)
    if matched is None:
        raise DomainError(_l("Enter a whole number of yuan in figures, for example 3000."), field)
    sign, digits = matched.groups()
    digits = digits.lstrip("0") or "0"
    if sign == "-" and digits != "0":
        raise DomainError(_l("Enter an amount of %(minimum)d yuan or more.", minimum=minimum), field)
    if len(digits) > len(str(maximum)) or int(digits) > maximum:  # the length first: no huge int is made
        raise DomainError(_l("Enter %(maximum)d yuan or less.", maximum=maximum), field)
    number = int(digits)
    if number < minimum:
        raise DomainError(_l("Enter an amount of %(minimum)d yuan or more.", minimum=minimum), field)
    return number
