"""Dates as people type them on a phone or a Chinese keyboard."""
from datetime import date

import pytest

from webapp.services.common.dates import NotARealDate, NotYearMonthDay, read_date


@pytest.mark.parametrize("typed", ["2026-03-05", "2026/3/5", "2026.3.5", "2026年3月5日", "20260305",
                                   "２０２６－０３－０５", " 2026 - 03 - 05 "])
def test_the_usual_ways_of_writing_a_date(typed):
    assert read_date(typed) == date(2026, 3, 5)


def test_nothing_typed_is_no_date():
    assert read_date("") is None and read_date(None) is None and read_date("  ") is None


@pytest.mark.parametrize("typed, error", [("5 March", NotYearMonthDay), ("2026-3", NotYearMonthDay),
                                          ("2026-02-30", NotARealDate), ("2026-13-01", NotARealDate)])
def test_what_is_wrong_is_said(typed, error):
    with pytest.raises(error):
        read_date(typed)
