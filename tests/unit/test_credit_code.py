"""统一社会信用代码 (GB 32100-2015): the check character, what is accepted, and one message per mistake."""
import pytest

from webapp.services.common.errors import DomainError
from webapp.services.employers.credit_code import CHARACTERS, FIELD, check, check_character, normalise

pytestmark = pytest.mark.usefixtures("english")

# Published on the companies' own business licences (国家企业信用信息公示系统).
PUBLISHED = (
    "91110000802100433B",  # 中国石油天然气股份有限公司
    "91440300708461136T",  # 腾讯科技（深圳）有限公司
    "914403001922038216",  # 华为技术有限公司
    "91330100799655058B",  # 阿里巴巴（中国）有限公司
)


def with_check(body: str) -> str:
    """Append the MOD 31-3 check character, worked out here independently of the module."""
    weights = [3 ** i % 31 for i in range(17)]
    assert weights[:5] == [1, 3, 9, 27, 19]
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    total = sum(alphabet.index(char) * weight for char, weight in zip(body, weights, strict=True))
    return body + alphabet[-total % 31]


# Made here: a state body, a public institution, a social organisation, a village collective and 其他.
MADE = tuple(with_check(body) for body in ("11140300012345678", "12140302MB1234567", "51140300MJ0000001",
                                           "N2140321MF0000003", "Y1140300000000001", "93140322MA0XYW123"))


def error_of(text) -> str:
    with pytest.raises(DomainError) as caught:
        check(text)
    assert caught.value.field == FIELD
    return str(caught.value.message)


@pytest.mark.parametrize("code", PUBLISHED + MADE)
def test_valid_codes_pass_unchanged(code):
    assert check(code) == code
    assert check_character(code[:17]) == code[17]


def test_a_check_value_of_31_is_the_character_0():
    body = next(body for body in (f"9114030000000{n:04d}" for n in range(10000))
                if sum(CHARACTERS.index(c) * 3 ** i % 31 for i, c in enumerate(body)) % 31 == 0)
    assert check_character(body) == "0"
    assert check(body + "0") == body + "0"


@pytest.mark.parametrize("typed", [" 9111 0000 8021 0043 3B ", "91110000802100433b", "９１１１００００８０２１００４３３Ｂ",
                                   "９１１１００００８０２１００４３３ｂ", "9111\u30000000802100433B"])
def test_spaces_full_width_and_lower_case_are_accepted(typed):
    assert normalise(typed) == "91110000802100433B"
    assert check(typed) == "91110000802100433B"


@pytest.mark.parametrize(("typed", "words"), [
    ("", "Enter the unified social credit code"),
    ("   ", "Enter the unified social credit code"),
    (None, "Enter the unified social credit code"),
    ("9111000080210043", "You entered 16 characters; the unified social credit code has 18"),
    ("91110000802100433B1", "You entered 19 characters"),
    ("110000802100433", "You entered 15 characters"),  # the old 15-digit registration number
    ("9111000O802100433B", "Character 8 is the letter O, which credit codes never use: did you mean 0?"),
    ("91110000802100433I", "Character 18 is the letter I"),
    ("9111-0000802100433B", "Character 5, “-”, cannot be in a credit code"),
    ("91110000802100433B。", "Character 19, “。”, cannot be in a credit code"),
    ("B1110000802100433B", "The first character, B, is not a registration authority code"),
    ("94110000802100433B", "The second character, 4, is not a type of organisation registered under 9"),
    ("Y2140300000000001X", "The second character, 2, is not a type of organisation registered under Y"),
    ("9111A000802100433B", "Characters 3 to 8 are the region code and must be six digits"),
    ("91110000802100433C", "does not add up"),
    ("91110000802100434B", "a character may be mistyped"),  # one digit wrong
    ("91110000801200433B", "does not add up"),  # two digits swapped
])
def test_each_mistake_has_its_own_message(typed, words):
    assert words in error_of(typed)


def test_every_character_has_a_value_and_the_unused_letters_none():
    assert len(CHARACTERS) == 31
    assert not set("IOZSV") & set(CHARACTERS)
