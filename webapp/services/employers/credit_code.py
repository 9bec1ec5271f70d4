"""统一社会信用代码 (GB 32100-2015): the 18-character code that names every employer in China.

    1     registration authority (登记管理部门码): 1 机构编制, 5 民政, 9 工商, Y 其他, …
    2     type of organisation under that authority (机构类别码): 91 企业, 12 事业单位, 51 社会团体, …
    3-8   region of registration (登记管理机关行政区划码): six digits
    9-17  organisation code (主体标识码, the old 组织机构代码)
    18    check character, GB/T 17710 MOD 31-3 over the first 17

The characters are the digits and the capital letters without I, O, Z, S and V (they look like
1, 0, 2, 5 and U). People copy the code from a licence, so `normalise` accepts spaces, full-width
characters and lower case, and each kind of mistake has its own message naming what to fix.

Authority and type: the standard fixes the types of authorities 1, 5, 9 and Y; later assignments
(2 外交, 3 司法行政, 4 文化, 6 旅游, 7 宗教, 8 工会, A 中央军委, N 农业农村) keep growing, so for
those any type digit 1-9 is accepted rather than refuse a real code from a table out of date.
"""
import re
import unicodedata

from flask_babel import lazy_gettext as _l

from ..common.errors import DomainError

FIELD = "credit_code"
LENGTH = 18
CHARACTERS = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # value = index
_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
# Authority -> the type characters it may be followed by (GB 32100-2015 table 1 for 1, 5, 9, Y).
TYPES = {"1": "1239", "5": "1239", "9": "123", "Y": "1",
         **dict.fromkeys("234678AN", "123456789")}
# What a letter that is never used was probably meant to be.
_LOOKALIKES = {"I": "1", "O": "0", "Z": "2", "S": "5", "V": "U"}
_SPACES = re.compile(r"\s+")


class CreditCodeError(DomainError):
    """A credit code broke a rule; `field` is the form field."""

    def __init__(self, message):
        super().__init__(message, FIELD)


def normalise(text: str | None) -> str:
    """Without spaces, full-width characters as ASCII (ＡＢ１ → AB1), in capitals."""
    text = unicodedata.normalize("NFKC", text or "")
    return _SPACES.sub("", text).upper()


def check_character(body: str) -> str:
    """The 18th character for the first 17: 31 - (weighted sum mod 31), where 31 counts as 0."""
    total = sum(CHARACTERS.index(char) * weight for char, weight in zip(body, _WEIGHTS, strict=True))
    return CHARACTERS[(31 - total % 31) % 31]


def _bad_character(code: str):
    for position, char in enumerate(code, start=1):
        if char in CHARACTERS:
            continue
        if char in _LOOKALIKES:
            return _l("Character %(position)d is the letter %(char)s, which credit codes never use: "
                      "did you mean %(meant)s?", position=position, char=char, meant=_LOOKALIKES[char])
        return _l("Character %(position)d, “%(char)s”, cannot be in a credit code: it has only the digits "
                  "0-9 and capital letters except I, O, Z, S and V.", position=position, char=char)
    return None


def check(text: str | None) -> str:
    """Return the normalised code, or raise CreditCodeError saying what is wrong with it."""
    code = normalise(text)
    if not code:
        raise CreditCodeError(_l("Enter the unified social credit code (统一社会信用代码)."))
    bad = _bad_character(code)
    if bad:
        raise CreditCodeError(bad)
    if len(code) != LENGTH:
        raise CreditCodeError(_l("You entered %(count)d characters; the unified social credit code has 18. "
                                 "Copy it from the business licence.", count=len(code)))
    authority, kind = code[0], code[1]
    if authority not in TYPES:
        raise CreditCodeError(_l("The first character, %(char)s, is not a registration authority code. "
                                 "Check the code on the business licence.", char=authority))
    if kind not in TYPES[authority]:
        raise CreditCodeError(_l("The second character, %(char)s, is not a type of organisation registered "
                                 "under %(authority)s. Check the first two characters.",
                                 char=kind, authority=authority))
    if not code[2:8].isdigit():
        raise CreditCodeError(_l("Characters 3 to 8 are the region code and must be six digits. "
                                 "Check them on the business licence."))
    if code[-1] != check_character(code[:-1]):
        raise CreditCodeError(_l("This code does not add up: its last character does not match the others, "
                                 "so a character may be mistyped. Check it against the business licence."))
    return code
