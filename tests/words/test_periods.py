"""Periods and days in words: summaries look back, absences look ahead."""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from words.periods.days import parse_day
from words.periods.error import PeriodError, names_year_outside
from words.periods.model import Period, describe, last_days
from words.periods.parse import parse_period, share_month

TODAY = date(2026, 11, 22)  # a Sunday


def p(start: str, end: str) -> Period:
    return Period(date.fromisoformat(start), date.fromisoformat(end))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the default and stretches back from today
        ("", p("2026-11-16", "2026-11-22")),
        ("  ", p("2026-11-16", "2026-11-22")),
        ("week", p("2026-11-16", "2026-11-22")),
        ("maand", p("2026-10-23", "2026-11-22")),
        ("kwartaal", p("2026-08-23", "2026-11-22")),
        ("halfjaar", p("2026-05-23", "2026-11-22")),
        ("jaar", p("2025-11-23", "2026-11-22")),
        ("afgelopen maand", p("2026-10-23", "2026-11-22")),
        ("de afgelopen 30 dagen", p("2026-10-24", "2026-11-22")),
        ("laatste twee weken", p("2026-11-09", "2026-11-22")),
        ("month", p("2026-10-23", "2026-11-22")),
        ("past month", p("2026-10-23", "2026-11-22")),
        ("the past week", p("2026-11-16", "2026-11-22")),
        ("last 30 days", p("2026-10-24", "2026-11-22")),
        ("year", p("2025-11-23", "2026-11-22")),
        # calendar periods
        ("deze week", p("2026-11-16", "2026-11-22")),
        ("vorige week", p("2026-11-09", "2026-11-15")),
        ("this week", p("2026-11-16", "2026-11-22")),
        ("last week", p("2026-11-09", "2026-11-15")),
        ("deze maand", p("2026-11-01", "2026-11-30")),
        ("vorige maand", p("2026-10-01", "2026-10-31")),
        ("last month", p("2026-10-01", "2026-10-31")),
        ("dit kwartaal", p("2026-10-01", "2026-12-31")),
        ("vorig kwartaal", p("2026-07-01", "2026-09-30")),
        ("previous quarter", p("2026-07-01", "2026-09-30")),
        ("dit jaar", p("2026-01-01", "2026-12-31")),
        ("vorig jaar", p("2025-01-01", "2025-12-31")),
        ("last year", p("2025-01-01", "2025-12-31")),
        ("vorig halfjaar", p("2026-01-01", "2026-06-30")),
        # numbered and named periods
        ("2026-Q4", p("2026-10-01", "2026-12-31")),
        ("Q4 2026", p("2026-10-01", "2026-12-31")),
        ("q1-2027", p("2027-01-01", "2027-03-31")),
        ("Q3", p("2026-07-01", "2026-09-30")),
        ("Q4", p("2026-10-01", "2026-12-31")),
        ("2026-H2", p("2026-07-01", "2026-12-31")),
        ("H1 2026", p("2026-01-01", "2026-06-30")),
        ("2026", p("2026-01-01", "2026-12-31")),
        ("in 2025", p("2025-01-01", "2025-12-31")),
        ("2026-11", p("2026-11-01", "2026-11-30")),
        ("2024-02", p("2024-02-01", "2024-02-29")),
        ("11-2026", p("2026-11-01", "2026-11-30")),
        ("november 2026", p("2026-11-01", "2026-11-30")),
        ("November", p("2026-11-01", "2026-11-30")),
        ("december", p("2025-12-01", "2025-12-31")),  # the latest December that has begun
        ("okt", p("2026-10-01", "2026-10-31")),
        ("week 47", p("2026-11-16", "2026-11-22")),
        ("week 1 2026", p("2025-12-29", "2026-01-04")),
        ("2026-W47", p("2026-11-16", "2026-11-22")),
        # single days
        ("1 november", p("2026-11-01", "2026-11-01")),
        ("gisteren", p("2026-11-21", "2026-11-21")),
        ("vandaag", p("2026-11-22", "2026-11-22")),
        ("maandag", p("2026-11-16", "2026-11-16")),
        ("2026-10-05", p("2026-10-05", "2026-10-05")),
        # since
        ("sinds 1 november", p("2026-11-01", "2026-11-22")),
        ("vanaf maandag", p("2026-11-16", "2026-11-22")),
        ("since 1 November", p("2026-11-01", "2026-11-22")),
        ("since October", p("2026-10-01", "2026-11-22")),
        ("sinds Q3", p("2026-07-01", "2026-11-22")),
        # ranges
        ("1 november t/m 30 november", p("2026-11-01", "2026-11-30")),
        ("1 november tot en met 30 november", p("2026-11-01", "2026-11-30")),
        ("van 1 november tot 15 november", p("2026-11-01", "2026-11-15")),
        ("1 t/m 30 november", p("2026-11-01", "2026-11-30")),
        ("tussen 1 en 5 november", p("2026-11-01", "2026-11-05")),
        ("1 November to 30 November", p("2026-11-01", "2026-11-30")),
        ("from 1 November to 30 November", p("2026-11-01", "2026-11-30")),
        ("November 1 until November 30", p("2026-11-01", "2026-11-30")),
        ("2026-01-01..2026-06-30", p("2026-01-01", "2026-06-30")),
        ("2026-01-01 .. 2026-06-30", p("2026-01-01", "2026-06-30")),
        ("september - november", p("2026-09-01", "2026-11-30")),
        ("september – november", p("2026-09-01", "2026-11-30")),
        ("1-11 t/m 15-11", p("2026-11-01", "2026-11-15")),
        ("van 1 december t/m 3 januari", p("2025-12-01", "2026-01-03")),
        ("2025 t/m 2026", p("2025-01-01", "2026-12-31")),
        ("Q1 2026 t/m Q2 2026", p("2026-01-01", "2026-06-30")),
    ],
)
def test_periods(text: str, expected: Period) -> None:
    assert parse_period(text, TODAY) == expected


@pytest.mark.parametrize(
    "text",
    ["blabla", "2026-13", "Q5 2026", "week 54 2026", "sinds gisteravond", "1 t/m", "31 februari"],
)
def test_unreadable_periods_list_the_accepted_forms(text: str) -> None:
    with pytest.raises(PeriodError) as caught:
        parse_period(text, TODAY)
    assert caught.value.reason == "unreadable"
    dutch = caught.value.message("nl")
    assert dutch.startswith(f"De periode ‘{text}’ begrijp ik niet. Dit werkt:")
    assert "2026-Q4" in dutch
    assert "sinds 1 november" in dutch
    assert "vorige week" in dutch
    english = caught.value.message("en")
    assert english.startswith(f"I don't understand the period ‘{text}’. This works:")
    assert "since 1 November" in english
    assert "last week" in english


def test_a_period_that_ends_before_it_starts_says_so() -> None:
    with pytest.raises(PeriodError) as caught:
        parse_period("2026-06-30..2026-01-01", TODAY)
    assert caught.value.reason == "order"
    assert caught.value.message("nl") == (
        "Die periode eindigt (donderdag 1 januari 2026) voordat hij begint "
        "(dinsdag 30 juni 2026). Zet het begin voorop."
    )
    with pytest.raises(PeriodError):
        parse_period("sinds 1 december 2026", TODAY)  # since a day still to come


def test_describe_and_bounds() -> None:
    period = p("2026-11-16", "2026-11-22")
    assert describe(period, "nl") == "maandag 16 november 2026 t/m zondag 22 november 2026"
    assert describe(period, "en") == "Monday 16 November 2026 to Sunday 22 November 2026"
    assert describe(p("2026-11-01", "2026-11-01"), "nl") == "zondag 1 november 2026"
    start, end = period.bounds(ZoneInfo("Europe/Amsterdam"))
    assert start.isoformat() == "2026-11-16T00:00:00+01:00"
    assert end.isoformat() == "2026-11-23T00:00:00+01:00"
    assert period.days == 7
    assert last_days(TODAY, 30) == p("2026-10-24", "2026-11-22")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("morgen", "2026-11-23"),
        ("tomorrow", "2026-11-23"),
        ("overmorgen", "2026-11-24"),
        ("vandaag", "2026-11-22"),
        ("maandag", "2026-11-23"),
        ("Monday", "2026-11-23"),
        ("zondag", "2026-11-22"),  # today is a Sunday: on or after today
        ("komende zondag", "2026-11-29"),  # strictly after
        ("vrijdag", "2026-11-27"),
        ("1 december", "2026-12-01"),
        ("1 dec.", "2026-12-01"),
        ("December 1", "2026-12-01"),
        ("1-12", "2026-12-01"),
        ("1/12", "2026-12-01"),
        ("2026-12-01", "2026-12-01"),
        ("1-12-2027", "2027-12-01"),
        ("1 november", "2027-11-01"),  # looking ahead, this year's has passed
        ("dinsdag 1 december 2026", "2026-12-01"),
        ("29 februari", "2028-02-29"),
    ],
)
def test_days_ahead(text: str, expected: str) -> None:
    assert parse_day(text, TODAY, forward=True) == date.fromisoformat(expected)


@pytest.mark.parametrize(
    "text",
    ["", "xyz", "31 februari", "32-1", "1-13", "maandag 1 december 2026", "ma", "wim"],
)
def test_not_days(text: str) -> None:
    # "ma" alone is a weekday, so it is a day; the others are not
    found = parse_day(text, TODAY, forward=True)
    assert (found is not None) == (text == "ma")


def test_days_back_and_grace() -> None:
    assert parse_day("maandag", TODAY, forward=False) == date(2026, 11, 16)
    assert parse_day("1 december", TODAY, forward=False) == date(2025, 12, 1)
    # an absence said on 5 December about "1 december" means the one that began
    fifth = date(2026, 12, 5)
    assert parse_day("1 december", fifth, forward=True) == date(2027, 12, 1)
    assert parse_day("1 december", fifth, forward=True, grace=31) == date(2026, 12, 1)
    # relative days count from today whatever the anchor
    assert parse_day("morgen", TODAY, anchor=date(2027, 1, 1), forward=True) == date(2026, 11, 23)
    assert parse_day("maandag", TODAY, anchor=date(2026, 11, 27), forward=True) == date(
        2026, 11, 30
    )


def test_share_month() -> None:
    assert share_month("1", "30 november") == "1 november"
    assert share_month("1", "30 november 2025") == "1 november 2025"
    assert share_month("1 oktober", "30 november") == "1 oktober"
    assert share_month("1", "vrijdag") == "1"


days = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))


@given(days, days)
def test_any_iso_range_reads_exactly(a: date, b: date) -> None:
    first, last = min(a, b), max(a, b)
    assert parse_period(f"{first}..{last}", TODAY) == Period(first, last)
    assert parse_period(f"{first.isoformat()} t/m {last.isoformat()}", TODAY) == Period(first, last)


@given(st.dates(min_value=date(2000, 1, 1), max_value=TODAY))
def test_since_any_day_ends_today(day: date) -> None:
    period = parse_period(f"sinds {day.isoformat()}", TODAY)
    assert period == Period(day, TODAY)


@given(st.integers(min_value=1, max_value=400))
def test_last_n_days_is_n_days(n: int) -> None:
    period = parse_period(f"afgelopen {n} dagen", TODAY) if n <= 100 else last_days(TODAY, n)
    assert period.days == n
    assert period.end == TODAY
    assert period.start == TODAY - timedelta(days=n - 1)


@pytest.mark.parametrize(
    "text",
    [
        "0000",
        "9999",
        "0000-Q1",
        "9999-Q4",
        "0000-01",
        "9999-12",
        "2026-01-01..9999-12-31",
        "0001-01-01..2026-01-01",
        "sinds 0001-01-01",
        "9999-W52",
        "week 52 9999",
        "1 januari 0000",
        "31 december 9999",
        "1899",
        "2201",
    ],
)
def test_a_year_outside_1900_to_2200_is_refused_with_its_reason(text: str) -> None:
    with pytest.raises(PeriodError) as caught:
        parse_period(text, TODAY)
    assert caught.value.reason == "out_of_range"
    assert caught.value.message("nl").startswith(
        f"‘{text}’ ligt buiten de jaren 1900 tot en met 2200."
    )
    assert caught.value.message("en").startswith(f"‘{text}’ lies outside the years 1900 to 2200.")


def test_the_years_1900_and_2200_themselves_are_periods() -> None:
    assert parse_period("1900", TODAY) == p("1900-01-01", "1900-12-31")
    assert parse_period("2200-Q4", TODAY) == p("2200-10-01", "2200-12-31")
    assert parse_period("1900-01-01..2200-12-31", TODAY) == p("1900-01-01", "2200-12-31")


@pytest.mark.parametrize(
    "text", ["laatste ፩ dagen", "laatste 99999999999999999999 dagen", f"laatste {'9' * 5000} dagen"]
)
def test_a_count_that_is_no_ascii_number_is_unreadable(text: str) -> None:
    with pytest.raises(PeriodError) as caught:
        parse_period(text, TODAY)
    assert caught.value.reason == "unreadable"


def test_numbers_are_ascii_digits() -> None:
    # "\d" would take Arabic-Indic digits; int() reads them, so "١٢-٢٠٢٦" was December 2026.
    with pytest.raises(PeriodError):
        parse_period("١٢-٢٠٢٦", TODAY)
    assert parse_day("١ ديسمبر", TODAY, forward=True) is None


@pytest.mark.parametrize("text", ["1-1-0000", "31-12-9999", "9999-12-31", "1 januari 3000"])
def test_a_day_in_a_year_outside_the_range_is_no_day(text: str) -> None:
    assert parse_day(text, TODAY, forward=True) is None
    assert names_year_outside(text)


def test_names_year_outside_only_counts_four_digit_years() -> None:
    assert not names_year_outside("1 januari 2027 t/m 3 januari 2027")
    assert not names_year_outside("12345 en 1-1")  # five digits are no year
    assert names_year_outside("t/m 3 januari 3000 Wim")


@given(st.text(max_size=40))
def test_any_text_is_a_period_or_a_period_error(text: str) -> None:
    try:
        period = parse_period(text, TODAY)
    except PeriodError:
        return
    assert period.start.year >= 1900
    assert period.end.year <= 2201
