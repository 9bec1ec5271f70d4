"""Resident ID numbers (GB 11643-1999) and disability certificate numbers (残疾人证号).

People type these from a card, so `normalise` accepts spaces, dashes, full-width digits and
a lower-case x. Each rule has its own message, so the person knows what to fix.

A resident ID is 18 characters: a 6-digit region code, the date of birth as YYYYMMDD, a
3-digit sequence (its last digit is odd for men, even for women) and a check character
worked out by ISO 7064 MOD 11-2. A certificate number is that ID followed by the disability
category (1-7) and level (1-4). Both numbers are personal data, and the category and level
are health data: show them masked (`mask_id`, `mask_certificate`) and store them encrypted.
"""
import re
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..common import dates
from ..common.errors import DomainError

ID_FIELD = "id_number"
CERTIFICATE_FIELD = "certificate_number"

EARLIEST_BIRTH_YEAR = 1900
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARACTERS = "10X98765432"  # indexed by the weighted sum mod 11

_RESIDENT_ID = re.compile(r"[0-9]{17}[0-9X]")
_CERTIFICATE = re.compile(r"[0-9]{17}[0-9X][0-9]{2}")
_SEPARATORS = re.compile(r"[\s\u3000\-\u2010-\u2015\u2212\uff0d]")
_FULL_WIDTH = {ord("０") + i: ord("0") + i for i in range(10)} | {ord("Ｘ"): "X", ord("ｘ"): "X"}

CATEGORY_LABELS = {
    1: _l("Visual"),
    2: _l("Hearing"),
    3: _l("Speech"),
    4: _l("Physical"),
    5: _l("Intellectual"),
    6: _l("Mental"),
    7: _l("Multiple"),
}
LEVEL_LABELS = {
    1: _l("Level 1 (most severe)"),
    2: _l("Level 2"),
    3: _l("Level 3"),
    4: _l("Level 4"),
}


class IdentityError(DomainError):
    """A resident ID or certificate number broke a rule; `field` names the form field."""


@dataclass(frozen=True)
class ResidentId:
    number: str
    birth_date: date
    gender: str  # "male" or "female"
    region: str  # the first 6 digits

    def __repr__(self) -> str:  # keep whole numbers out of logs and tracebacks
        return f"ResidentId({mask_id(self.number)!r})"


@dataclass(frozen=True)
class Certificate:
    number: str
    category: int  # 1-7, see CATEGORY_LABELS
    level: int  # 1-4, see LEVEL_LABELS; 1 is the most severe

    def __repr__(self) -> str:  # category and level are health data
        return f"Certificate({mask_certificate(self.number)!r})"


def normalise(raw: str) -> str:
    """Return upper-case ASCII without spaces or dashes; full-width digits and Ｘ become ASCII."""
    text = (raw or "").translate(_FULL_WIDTH)
    return _SEPARATORS.sub("", text).upper()


def check_character(body: str) -> str:
    """The MOD 11-2 check character for the first 17 digits of a resident ID."""
    total = sum(int(digit) * weight for digit, weight in zip(body, _WEIGHTS, strict=True))
    return _CHECK_CHARACTERS[total % 11]


def check_resident_id(raw: str, today: date | None = None) -> ResidentId:
    """Return the parsed resident ID or raise IdentityError on the id_number field."""
    number = normalise(raw)
    if not number:
        raise IdentityError(_l("Enter your resident ID number."), ID_FIELD)
    if not _RESIDENT_ID.fullmatch(number):
        raise IdentityError(
            _l("Your resident ID number must have 18 characters: 17 digits, then a digit or X."),
            ID_FIELD,
        )
    try:
        birth_date = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise IdentityError(
            _l("The date of birth in your resident ID number (digits 7 to 14) is not a real date. "
               "Check the number against your ID card."),
            ID_FIELD,
        ) from None
    if birth_date > (today or dates.today()):
        raise IdentityError(
            _l("The date of birth in your resident ID number is in the future. "
               "Check the number against your ID card."),
            ID_FIELD,
        )
    if birth_date.year < EARLIEST_BIRTH_YEAR:
        raise IdentityError(
            _l("The date of birth in your resident ID number is before 1900. "
               "Check the number against your ID card."),
            ID_FIELD,
        )
    if check_character(number[:17]) != number[17]:
        raise IdentityError(
            _l("Your resident ID number has a typing mistake. Check it against your ID card."),
            ID_FIELD,
        )
    return ResidentId(
        number=number,
        birth_date=birth_date,
        gender="male" if int(number[16]) % 2 else "female",
        region=number[:6],
    )


def check_certificate(raw: str, resident_id: str) -> Certificate:
    """Return the parsed certificate number or raise IdentityError on certificate_number.

    `resident_id` is the person's valid resident ID number; the certificate must start with it.
    """
    number = normalise(raw)
    if not number:
        raise IdentityError(_l("Enter your disability certificate number."), CERTIFICATE_FIELD)
    if not _CERTIFICATE.fullmatch(number):
        raise IdentityError(
            _l("The disability certificate number has 20 characters: "
               "your 18-character ID number, then 2 digits."),
            CERTIFICATE_FIELD,
        )
    if number[:18] != normalise(resident_id):
        raise IdentityError(
            _l("The disability certificate number must start with your resident ID number."),
            CERTIFICATE_FIELD,
        )
    category, level = int(number[18]), int(number[19])
    if category not in CATEGORY_LABELS:
        raise IdentityError(
            _l("The disability category (digit 19 of the certificate number) must be 1 to 7. "
               "Check the number against your certificate."),
            CERTIFICATE_FIELD,
        )
    if level not in LEVEL_LABELS:
        raise IdentityError(
            _l("The disability level (the last digit of the certificate number) must be 1 to 4. "
               "Check the number against your certificate."),
            CERTIFICATE_FIELD,
        )
    return Certificate(number=number, category=category, level=level)


def describe(category: int, level: int) -> str:
    """The category and level in words, e.g. "Visual, Level 2". KeyError if either is unknown."""
    return _("%(category)s, %(level)s",
             category=str(CATEGORY_LABELS[category]), level=str(LEVEL_LABELS[level]))


def mask_id(number: str | None) -> str:
    """"140302********1234": the region and the last 4 characters, nothing of the birth date."""
    if not number:
        return ""
    if len(number) < 10:
        return "*" * len(number)
    return f"{number[:6]}********{number[-4:]}"


def mask_certificate(number: str | None) -> str:
    """Like mask_id, and the last 2 digits (category and level, health data) masked as well."""
    if not number:
        return ""
    if len(number) < 18:
        return "*" * len(number)
    return f"{number[:6]}********{number[14:18]}**"
