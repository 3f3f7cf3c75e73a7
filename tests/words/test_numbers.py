"""words.numbers: a number a person typed is ASCII digits and no more than a row can have."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from words.numbers import MAX_ROW_NUMBER, is_digits, row_number


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
