"""Working days: weekends and the public holidays Dutch public bodies are closed on."""

from __future__ import annotations

from datetime import date

import pytest

from tests.words.deadlines.reading import DAY, TODAY, assert_reads, reason_of
from words.deadlines.workdays import add_working_days, days_off, is_working_day


@pytest.mark.parametrize(
    ("text", "today", "due"),
    [
        # Sunday 22 November 2026: Monday 23 November is the first working day.
        ("over tien werkdagen", TODAY, date(2026, 12, 4)),
        ("over 10 werkdagen", TODAY, date(2026, 12, 4)),
        ("binnen 5 werkdagen", TODAY, date(2026, 11, 27)),
        ("in 1 werkdag", TODAY, date(2026, 11, 23)),
        ("binnen een werkdag", date(2026, 11, 27), date(2026, 11, 30)),  # Friday -> Monday
        ("uiterlijk over twee werkdagen", TODAY, date(2026, 11, 24)),
        ("over 0 werkdagen", TODAY, TODAY),
        # Christmas 2026 (Friday 25, Saturday 26) and New Year (Friday 1 January 2027).
        ("over 1 werkdag", date(2026, 12, 24), date(2026, 12, 28)),
        ("binnen 1 werkdag", date(2026, 12, 31), date(2027, 1, 4)),
        ("over 3 werkdagen", date(2026, 12, 23), date(2026, 12, 29)),
        # Christmas 2027 falls on a weekend; the Monday after is a working day.
        ("over 1 werkdag", date(2027, 12, 24), date(2027, 12, 27)),
        # Easter 2027: Good Friday (26 March) is a working day, Easter Monday (29 March) not.
        ("over 1 werkdag", date(2027, 3, 25), date(2027, 3, 26)),
        ("over 2 werkdagen", date(2027, 3, 25), date(2027, 3, 30)),
        # King's Day: Tuesday 27 April 2027; in 2025 (27 April a Sunday) Saturday the 26th.
        ("over 1 werkdag", date(2027, 4, 26), date(2027, 4, 28)),
        ("over 1 werkdag", date(2025, 4, 25), date(2025, 4, 28)),
        # Liberation Day counts every year: 5 May 2027 (no lustrum), then Ascension (6 May).
        ("over 1 werkdag", date(2027, 5, 4), date(2027, 5, 7)),
        ("over 1 werkdag", date(2025, 5, 2), date(2025, 5, 6)),  # a lustrum year, on a Monday
        ("over 1 werkdag", date(2026, 5, 4), date(2026, 5, 6)),
        # Ascension 2026 (Thursday 14 May) and Whit Monday 2026 (25 May) and 2027 (17 May).
        ("over 1 werkdag", date(2026, 5, 13), date(2026, 5, 15)),
        ("over 1 werkdag", date(2026, 5, 22), date(2026, 5, 26)),
        ("over 1 werkdag", date(2027, 5, 14), date(2027, 5, 18)),
        # A leap day is a working day like any other.
        ("over 1 werkdag", date(2028, 2, 28), date(2028, 2, 29)),
        ("over 2 werkdagen", date(2028, 2, 28), date(2028, 3, 1)),
    ],
)
def test_working_days_skip_weekends_and_holidays(text: str, today: date, due: date) -> None:
    assert_reads(text, due, DAY, today)


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("within 10 working days", date(2026, 12, 4)),
        ("in 10 business days", date(2026, 12, 4)),
        ("in ten working days", date(2026, 12, 4)),
        ("within three workdays", date(2026, 11, 25)),
        ("within one business day", date(2026, 11, 23)),
    ],
)
def test_working_days_in_english(text: str, due: date) -> None:
    assert_reads(text, due, DAY, lang="en")


def test_the_days_off_of_a_year() -> None:
    off = days_off(2027)
    assert {date(2027, 1, 1), date(2027, 3, 29), date(2027, 4, 27), date(2027, 5, 5)} <= off
    assert {date(2027, 5, 6), date(2027, 5, 17), date(2027, 12, 25), date(2027, 12, 26)} <= off
    assert date(2027, 3, 26) not in off  # Good Friday
    assert is_working_day(date(2027, 3, 26))
    assert not is_working_day(date(2027, 3, 27))  # a Saturday


def test_a_count_of_working_days_moves_forward_one_working_day_at_a_time() -> None:
    day = date(2026, 12, 20)
    for count in range(1, 40):
        reached = add_working_days(day, count)
        assert is_working_day(reached)
        assert add_working_days(day, count - 1) < reached


@pytest.mark.parametrize("text", ["over 99999 werkdagen", "binnen 1234567890123 werkdagen"])
def test_too_many_working_days_is_out_of_range(text: str) -> None:
    assert reason_of(text) == "out_of_range"
