"""words.numbers: a number a person typed is ASCII digits and no more than a row can have."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from words.numbers import MAX_ROW_NUMBER, format_number, is_digits, percent_of, row_number


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("12", 12),
        (" 12 ", 12),
        ("0", 0),
        ("007", 7),
        ("2147483647", MAX_ROW_NUMBER),
        ("0000000000002147483647", MAX_ROW_NUMBER),  # leading zeros are no bigger number
        ("2147483648", None),  # beyond PostgreSQL's integer
        ("9223372036854775808", None),  # beyond SQLite's 64 bits
        ("99999999999999999999", None),
        ("9" * 5000, None),  # int() itself refuses strings this long
        ("²", None),  # str.isdigit() says yes, int() says no
        ("፩", None),  # an Ethiopic digit: the same
        ("١٢", None),  # Arabic-Indic digits: int() reads 12, which nobody meant here
        ("１２", None),  # full-width digits
        ("-1", None),
        ("+1", None),
        ("1_000", None),  # int() accepts underscores
        ("12a", None),
        ("", None),
        (" ", None),
    ],
)
def test_row_numbers_are_ascii_digits_within_an_integer_column(
    text: str, number: int | None
) -> None:
    assert row_number(text) == number


def test_digits_are_ascii_digits_whatever_their_size() -> None:
    assert is_digits(" 99999999999999999999 ")
    assert not is_digits("²")
    assert not is_digits("١٢")
    assert not is_digits("")


@given(st.text())
def test_any_text_is_a_row_number_or_none_without_raising(text: str) -> None:
    number = row_number(text)
    assert number is None or 0 <= number <= MAX_ROW_NUMBER
    if number is not None:
        assert is_digits(text)


@pytest.mark.parametrize(
    ("value", "dutch", "english"),
    [
        (0, "0", "0"),
        (180, "180", "180"),
        (180.0, "180", "180"),  # a whole float has no decimals
        (1250, "1.250", "1,250"),
        (1234567, "1.234.567", "1,234,567"),
        (12.5, "12,5", "12.5"),
        (0.1, "0,1", "0.1"),
        (1250.75, "1.250,75", "1,250.75"),
        (1 / 3, "0,33", "0.33"),
        (2.675, "2,68", "2.68"),  # half up from the number as written, not its binary 2.67499..
        (0.005, "0,01", "0.01"),
        (0.004, "0", "0"),
        (-0.001, "0", "0"),  # rounds to nothing, which has no sign
        (-1250.5, "-1.250,5", "-1,250.5"),
        (99.999, "100", "100"),
    ],
)
def test_numbers_are_written_the_way_of_the_language(
    value: float, dutch: str, english: str
) -> None:
    assert format_number(value, "nl") == dutch
    assert format_number(value, "en") == english


def test_a_number_that_is_not_finite_is_not_written() -> None:
    for value in (float("nan"), float("inf"), float("-inf")):
        with pytest.raises(ValueError, match="not a number"):
            format_number(value, "nl")


@pytest.mark.parametrize(
    ("part", "whole", "percent"),
    [
        (45, 200, 23),  # 22.5 rounds half up, not to the even 22
        (180, 200, 90),
        (1, 3, 33),
        (2, 3, 67),
        (1, 8, 13),  # 12.5
        (0, 200, 0),
        (200, 200, 100),
        (250, 200, 125),
        (0.5, 4, 13),  # 12.5
        (1, 0, None),
        (0, 0, None),
        (1, float("nan"), None),
        (float("inf"), 5, None),
    ],
)
def test_percentages_are_whole_and_rounded_half_up(
    part: float, whole: float, percent: int | None
) -> None:
    assert percent_of(part, whole) == percent


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12))
def test_a_written_number_reads_back_close_to_the_number(value: float) -> None:
    english = format_number(value, "en")
    assert abs(float(english.replace(",", "")) - value) <= 0.005 + 1e-9
    assert format_number(value, "nl").translate(str.maketrans(",.", ".,")) == english
