import pytest

from webapp.services.accounts.passwords import check_password
from webapp.services.common.errors import DomainError
from webapp.services.common.phone import normalise_phone


@pytest.mark.parametrize("raw", ["13812345678", "138 1234 5678", "138-1234-5678", "+8613812345678",
                                 "008613812345678", "１３８１２３４５６７８", " 13812345678 "])
def test_phone_numbers_are_normalised(raw):
    assert normalise_phone(raw) == "13812345678"


@pytest.mark.parametrize("raw", ["", "1381234567", "138123456789", "12812345678", "23812345678",
                                 "1381234567a", "010-12345678"])
def test_bad_phone_numbers_are_refused_on_the_phone_field(app, raw):
    with pytest.raises(DomainError) as caught:
        normalise_phone(raw)
    assert caught.value.field == "phone"


@pytest.mark.parametrize("password", ["", "short7!", "12345678", "PASSWORD", "woaini1314", "aaaaaaaaaa",
                                      "13812345678"])
def test_weak_passwords_are_refused(app, password):
    with pytest.raises(DomainError) as caught:
        check_password(password, phone="13812345678")
    assert caught.value.field == "password"


def test_a_long_uncommon_password_is_accepted(app):
    check_password("lantern-river-42", phone="13812345678")
