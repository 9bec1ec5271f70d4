"""Resident ID (GB 11643-1999) and disability certificate numbers: each rule, its field, its message."""
from datetime import date

import pytest

from webapp import create_app
from webapp.config import TestConfig
from webapp.services.common.dates import today as service_today
from webapp.services.common.errors import DomainError
from webapp.services.identity.numbers import (
    CATEGORY_LABELS,
    LEVEL_LABELS,
    Certificate,
    ResidentId,
    check_certificate,
    check_resident_id,
    describe,
    mask_certificate,
    mask_id,
    normalise,
)

TODAY = date(2025, 6, 1)


def with_check(body: str) -> str:
    """Append the MOD 11-2 check character to a 17-digit body, worked out here independently."""
    assert len(body) == 17 and body.isdigit()
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    assert weights == [2 ** (17 - i) % 11 for i in range(17)]  # ISO 7064 MOD 11-2
    remainder = sum(int(d) * w for d, w in zip(body, weights)) % 11
    return body + "10X98765432"[remainder]


def wrong_check(number: str) -> str:
    """The same number with a check character that is not the right one."""
    return number[:17] + ("0" if number[17] != "0" else "1")


# Published in GB 11643-1999 itself; checked by hand:
# 1*7+1*9+0*10+1*5+0*8+5*4+1*2+9*1+4*6+9*3+1*7+2*9+3*10+1*5+0*8+0*4+2*2 = 167, 167 % 11 = 2 -> X
PUBLISHED_FEMALE_1949 = "11010519491231002X"
# 4*7+4*9+0*10+5*5+2*8+4*4+1*2+8*1+8*6+0*3+0*7+1*9+0*10+1*5+0*8+0*4+1*2 = 195, 195 % 11 = 8 -> 4
# Its check character is right, but it was born in 1880, before the 1900 this service accepts.
PUBLISHED_MALE_1880 = "440524188001010014"
# Yangquan, Chengqu (140302), 1985-06-12, sequence 123; by hand: sum 236, 236 % 11 = 5 -> 7
YANGQUAN_MALE = "140302198506121237"
YANGQUAN_FEMALE = with_check("14032119900101004")  # Pingding county, 17th digit 4
OTHER_PERSON = with_check("14031120000229005")  # born on a leap day
BORN_1900 = with_check("14030219000101001")  # the earliest birth date accepted


@pytest.fixture
def app():
    """These rules need no database, so this app skips the migrated schema of conftest's."""
    app = create_app(TestConfig, {"SQLALCHEMY_DATABASE_URI": "sqlite://"})
    with app.app_context():
        yield app


pytestmark = pytest.mark.usefixtures("english")


def refused(check, *args, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as caught:
        check(*args, **kwargs)
    return caught.value


def test_the_check_characters_computed_here_match_the_published_examples():
    assert with_check(PUBLISHED_FEMALE_1949[:17]) == PUBLISHED_FEMALE_1949
    assert with_check(PUBLISHED_MALE_1880[:17]) == PUBLISHED_MALE_1880
    assert with_check(YANGQUAN_MALE[:17]) == YANGQUAN_MALE


@pytest.mark.parametrize("raw, expected", [
    ("11010519491231002X", "11010519491231002X"),
    ("11010519491231002x", "11010519491231002X"),
    ("110105 19491231 002x", "11010519491231002X"),
    ("110105-19491231-002X", "11010519491231002X"),
    ("110105\u300019491231\u3000002X", "11010519491231002X"),
    ("１１０１０５１９４９１２３１００２Ｘ", "11010519491231002X"),
    ("１１０１０５１９４９１２３１００２ｘ", "11010519491231002X"),
    ("  140302198506121237\n", "140302198506121237"),
    ("", ""),
    (None, ""),
])
def test_numbers_are_normalised_as_people_type_them(raw, expected):
    assert normalise(raw) == expected


@pytest.mark.parametrize("raw, number, birth_date, gender, region", [
    (PUBLISHED_FEMALE_1949, PUBLISHED_FEMALE_1949, date(1949, 12, 31), "female", "110105"),
    ("11010519491231002x", PUBLISHED_FEMALE_1949, date(1949, 12, 31), "female", "110105"),
    ("１１０１０５１９４９１２３１００２Ｘ", PUBLISHED_FEMALE_1949, date(1949, 12, 31), "female", "110105"),
    ("110105 19491231 002x", PUBLISHED_FEMALE_1949, date(1949, 12, 31), "female", "110105"),
    (YANGQUAN_MALE, YANGQUAN_MALE, date(1985, 6, 12), "male", "140302"),
    (YANGQUAN_FEMALE, YANGQUAN_FEMALE, date(1990, 1, 1), "female", "140321"),
    (OTHER_PERSON, OTHER_PERSON, date(2000, 2, 29), "male", "140311"),
    (BORN_1900, BORN_1900, date(1900, 1, 1), "male", "140302"),
])
def test_valid_resident_ids_are_accepted_and_read(raw, number, birth_date, gender, region):
    parsed = check_resident_id(raw, today=TODAY)
    assert parsed == ResidentId(number=number, birth_date=birth_date, gender=gender,
                                region=region)


@pytest.mark.parametrize("digit, gender", [(str(d), "male" if d % 2 else "female") for d in range(10)])
def test_gender_comes_from_the_17th_digit_odd_for_men(digit, gender):
    assert check_resident_id(with_check(f"1403021985061212{digit}"), today=TODAY).gender == gender


def test_a_birth_date_of_today_is_not_in_the_future():
    assert check_resident_id(with_check("14030220250601001"), today=TODAY).birth_date == TODAY


@pytest.mark.parametrize("raw, phrase", [
    ("", "Enter your resident ID number"),
    ("   ", "Enter your resident ID number"),
    (None, "Enter your resident ID number"),
    (PUBLISHED_FEMALE_1949[:17], "must have 18 characters"),
    (PUBLISHED_FEMALE_1949 + "1", "must have 18 characters"),
    (YANGQUAN_MALE[:16], "must have 18 characters"),
    ("1401021985A6121237", "must have 18 characters"),
    ("X40302198506121237", "must have 18 characters"),
    ("14030219850612123Y", "must have 18 characters"),
    ("14030219850612123.", "must have 18 characters"),
    ("١٤٠٣٠٢١٩٨٥٠٦١٢١٢٣٧", "must have 18 characters"),  # Arabic-Indic digits are not ASCII
    (wrong_check(PUBLISHED_FEMALE_1949), "typing mistake"),
    (wrong_check(YANGQUAN_MALE), "typing mistake"),
    ("11010519491231002Y", "must have 18 characters"),
    (PUBLISHED_FEMALE_1949[:17] + "0", "typing mistake"),
    (YANGQUAN_MALE[:17] + "X", "typing mistake"),
    (with_check("14030219990230001"), "not a real date"),
    (with_check("14030219991301001"), "not a real date"),
    (with_check("14030219990100001"), "not a real date"),
    (with_check("14030219990000001"), "not a real date"),
    (with_check("14030219010229001"), "not a real date"),  # 1901 was not a leap year
    (with_check("14030200000101001"), "not a real date"),  # there is no year 0
    (with_check("14030220250602001"), "in the future"),
    (with_check("14030230000101001"), "in the future"),
    (PUBLISHED_MALE_1880, "before 1900"),
    (with_check("14030218991231001"), "before 1900"),
])
def test_invalid_resident_ids_are_refused_on_the_id_number_field(raw, phrase):
    error = refused(check_resident_id, raw, today=TODAY)
    assert error.field == "id_number"
    assert phrase in str(error.message)


def test_the_typing_mistake_message_says_to_check_the_card():
    error = refused(check_resident_id, wrong_check(YANGQUAN_MALE), today=TODAY)
    assert str(error.message) == (
        "Your resident ID number has a typing mistake. Check it against your ID card.")


def test_without_today_the_real_date_is_used():
    assert check_resident_id(YANGQUAN_MALE).birth_date == date(1985, 6, 12)
    error = refused(check_resident_id, with_check(f"140302{service_today().year + 1}0101001"))
    assert "in the future" in str(error.message)


@pytest.mark.parametrize("raw, resident_id, category, level", [
    (PUBLISHED_FEMALE_1949 + "12", PUBLISHED_FEMALE_1949, 1, 2),
    ("11010519491231002x12", PUBLISHED_FEMALE_1949, 1, 2),
    ("110105 19491231 002x 12", PUBLISHED_FEMALE_1949, 1, 2),
    ("１１０１０５１９４９１２３１００２Ｘ１２", PUBLISHED_FEMALE_1949, 1, 2),
    (YANGQUAN_MALE + "41", YANGQUAN_MALE, 4, 1),
    (YANGQUAN_MALE + "74", YANGQUAN_MALE, 7, 4),
])
def test_valid_certificates_are_accepted_and_read(raw, resident_id, category, level):
    certificate = check_certificate(raw, resident_id)
    assert certificate == Certificate(number=resident_id + f"{category}{level}",
                                      category=category, level=level)


def test_a_certificate_is_described_in_words():
    certificate = check_certificate(PUBLISHED_FEMALE_1949 + "12", PUBLISHED_FEMALE_1949)
    assert describe(certificate.category, certificate.level) == "Visual, Level 2"
    assert describe(7, 1) == "Multiple, Level 1 (most severe)"


def test_every_category_and_level_has_a_label():
    assert sorted(CATEGORY_LABELS) == list(range(1, 8))
    assert sorted(LEVEL_LABELS) == list(range(1, 5))
    for category in CATEGORY_LABELS:
        for level in LEVEL_LABELS:
            assert describe(category, level).startswith(str(CATEGORY_LABELS[category]) + ", Level ")


@pytest.mark.parametrize("raw, phrase", [
    ("", "Enter your disability certificate number"),
    (None, "Enter your disability certificate number"),
    (YANGQUAN_MALE + "1", "has 20 characters"),
    (YANGQUAN_MALE + "123", "has 20 characters"),
    (YANGQUAN_MALE, "has 20 characters"),
    (YANGQUAN_MALE + "1A", "has 20 characters"),
    (YANGQUAN_MALE[:17] + "Y12", "has 20 characters"),
    (OTHER_PERSON + "12", "must start with your resident ID number"),
    (wrong_check(YANGQUAN_MALE) + "12", "must start with your resident ID number"),
    (YANGQUAN_MALE + "82", "category"),
    (YANGQUAN_MALE + "92", "category"),
    (YANGQUAN_MALE + "02", "category"),
    (YANGQUAN_MALE + "15", "level"),
    (YANGQUAN_MALE + "19", "level"),
    (YANGQUAN_MALE + "10", "level"),
])
def test_invalid_certificates_are_refused_on_the_certificate_field(raw, phrase):
    error = refused(check_certificate, raw, YANGQUAN_MALE)
    assert error.field == "certificate_number"
    assert phrase in str(error.message)


def test_the_category_and_level_messages_give_the_allowed_range():
    category = refused(check_certificate, YANGQUAN_MALE + "82", YANGQUAN_MALE)
    level = refused(check_certificate, YANGQUAN_MALE + "15", YANGQUAN_MALE)
    assert "must be 1 to 7" in str(category.message)
    assert "must be 1 to 4" in str(level.message)


def test_the_20_character_message_explains_the_format():
    error = refused(check_certificate, YANGQUAN_MALE + "1", YANGQUAN_MALE)
    assert str(error.message) == ("The disability certificate number has 20 characters: "
                                  "your 18-character ID number, then 2 digits.")


@pytest.mark.parametrize("number, masked", [
    ("140302198506121234", "140302********1234"),
    (PUBLISHED_FEMALE_1949, "110105********002X"),
    ("", ""),
    (None, ""),
])
def test_resident_ids_are_masked_to_region_and_last_four(number, masked):
    assert mask_id(number) == masked


@pytest.mark.parametrize("number, masked", [
    ("14030219850612123412", "140302********1234**"),
    (PUBLISHED_FEMALE_1949 + "12", "110105********002X**"),
    ("", ""),
    (None, ""),
])
def test_certificates_are_masked_including_category_and_level(number, masked):
    assert mask_certificate(number) == masked
    assert len(masked) == len(number or "")


def test_a_parsed_number_does_not_show_in_full_when_printed():
    parsed = check_resident_id(YANGQUAN_MALE)
    certificate = check_certificate(YANGQUAN_MALE + "12", YANGQUAN_MALE)
    assert YANGQUAN_MALE not in repr(parsed) and "19850612" not in repr(parsed)
    assert YANGQUAN_MALE not in repr(certificate) and repr(certificate).endswith("**')")
