"""The Dutch families added to the named periods: ultimo and primo, the beginning of a quarter,
"in de loop van" and "tegen het einde van", "a.s." after a date, Christmas and the turn of the
year, and a day and month written in digits."""

from __future__ import annotations

from datetime import date

import pytest

from tests.words.deadlines.reading import (
    DAY,
    MONTH,
    QUARTER,
    SEASON,
    TODAY,
    WEEK,
    YEAR,
    assert_reads,
    reason_of,
)
from words.deadlines.model import Precision


@pytest.mark.parametrize(
    ("text", "today", "due", "precision"),
    [
        ("ultimo maart", TODAY, date(2027, 3, 31), MONTH),
        ("Ultimo maart 2026", TODAY, date(2026, 3, 31), MONTH),
        ("ultimo november", TODAY, date(2026, 11, 30), MONTH),  # not over yet
        ("ultimo februari", TODAY, date(2027, 2, 28), MONTH),
        ("ultimo februari 2028", TODAY, date(2028, 2, 29), MONTH),  # a leap year
        ("ultimo volgende maand", TODAY, date(2026, 12, 31), MONTH),
        ("ultimo Q3 2025", TODAY, date(2025, 9, 30), QUARTER),
        ("ultimo Q1", TODAY, date(2027, 3, 31), QUARTER),
        ("ultimo het derde kwartaal", TODAY, date(2027, 9, 30), QUARTER),
        ("ultimo 2026", TODAY, date(2026, 12, 31), YEAR),
        ("ultimo dit jaar", TODAY, date(2026, 12, 31), YEAR),
        ("uiterlijk ultimo december", TODAY, date(2026, 12, 31), MONTH),
        ("primo april", TODAY, date(2027, 4, 10), MONTH),
        ("primo april 2026", TODAY, date(2026, 4, 10), MONTH),
        ("primo november", TODAY, date(2027, 11, 10), MONTH),  # 10 November 2026 is over
        ("primo december", TODAY, date(2026, 12, 10), MONTH),
        ("primo 2026", TODAY, date(2026, 3, 31), QUARTER),
        ("primo volgend jaar", TODAY, date(2027, 3, 31), QUARTER),
        ("primo Q3", TODAY, date(2027, 7, 31), MONTH),
        ("primo januari", date(2026, 12, 31), date(2027, 1, 10), MONTH),
    ],
)
def test_ultimo_and_primo(text: str, today: date, due: date, precision: Precision) -> None:
    assert_reads(text, due, precision, today)


@pytest.mark.parametrize(
    ("text", "today", "due"),
    [
        ("begin Q3", TODAY, date(2027, 7, 31)),
        ("begin Q3 2025", TODAY, date(2025, 7, 31)),
        ("begin Q1", TODAY, date(2027, 1, 31)),
        ("begin Q4", TODAY, date(2027, 10, 31)),  # October 2026 is over
        ("begin Q4", date(2026, 10, 31), date(2026, 10, 31)),
        ("begin van het derde kwartaal", TODAY, date(2027, 7, 31)),
        ("begin derde kwartaal 2028", TODAY, date(2028, 7, 31)),
        ("begin volgend kwartaal", TODAY, date(2027, 1, 31)),
        ("begin van dit kwartaal", TODAY, date(2026, 10, 31)),
        ("begin Q1 '27", TODAY, date(2027, 1, 31)),
    ],
)
def test_the_beginning_of_a_quarter_is_the_end_of_its_first_month(
    text: str, today: date, due: date
) -> None:
    assert_reads(text, due, MONTH, today)


@pytest.mark.parametrize(
    ("text", "today", "due", "precision"),
    [
        ("in de loop van 2027", TODAY, date(2027, 12, 31), YEAR),
        ("in de loop van het jaar", TODAY, date(2026, 12, 31), YEAR),
        ("in de loop van volgend jaar", TODAY, date(2027, 12, 31), YEAR),
        ("in de loop van maart", TODAY, date(2027, 3, 31), MONTH),
        ("in de loop van de maand", TODAY, date(2026, 11, 30), MONTH),
        ("in de loop van Q2 2027", TODAY, date(2027, 6, 30), QUARTER),
        ("in de loop van het tweede kwartaal", TODAY, date(2027, 6, 30), QUARTER),
        ("in de loop van volgende week", TODAY, date(2026, 11, 27), WEEK),
        ("in de loop van het voorjaar", TODAY, date(2027, 5, 31), SEASON),
        ("gedurende 2027", TODAY, date(2027, 12, 31), YEAR),
        ("tegen het eind van het jaar", TODAY, date(2026, 12, 31), YEAR),
        ("tegen het einde van het jaar", TODAY, date(2026, 12, 31), YEAR),
        ("tegen het einde van Q3", TODAY, date(2027, 9, 30), QUARTER),
        ("tegen het einde van de maand", TODAY, date(2026, 11, 30), MONTH),
        ("tegen eind maart", TODAY, date(2027, 3, 31), MONTH),
        ("tegen het einde van 2027", TODAY, date(2027, 12, 31), YEAR),
        ("tegen het einde van volgend jaar", date(2027, 12, 31), date(2028, 12, 31), YEAR),
    ],
)
def test_in_the_course_of_and_towards_the_end_of_a_period_are_its_end(
    text: str, today: date, due: date, precision: Precision
) -> None:
    assert_reads(text, due, precision, today)


@pytest.mark.parametrize(
    ("text", "today", "due", "precision"),
    [
        ("1 oktober a.s.", TODAY, date(2027, 10, 1), DAY),
        ("1 december a.s.", TODAY, date(2026, 12, 1), DAY),
        ("15 januari aanstaande", TODAY, date(2027, 1, 15), DAY),
        ("uiterlijk 1 okt. a.s.", TODAY, date(2027, 10, 1), DAY),
        ("1-12 a.s.", TODAY, date(2026, 12, 1), DAY),
        ("22 november a.s.", TODAY, TODAY, DAY),  # today is still to come
        ("vrijdag aanstaande", TODAY, date(2026, 11, 27), DAY),
        ("vrijdag a.s.", TODAY, date(2026, 11, 27), DAY),
        ("Vrijdag A.S.", TODAY, date(2026, 11, 27), DAY),
        ("aanstaande vrijdag", TODAY, date(2026, 11, 27), DAY),
        ("maart aanstaande", TODAY, date(2027, 3, 31), MONTH),
        ("in maart a.s.", TODAY, date(2027, 3, 31), MONTH),
        ("29 februari a.s.", TODAY, date(2028, 2, 29), DAY),
    ],
)
def test_aanstaande_after_a_date_or_weekday(
    text: str, today: date, due: date, precision: Precision
) -> None:
    assert_reads(text, due, precision, today)


@pytest.mark.parametrize(
    ("text", "today", "due", "precision"),
    [
        ("voor de kerst", TODAY, date(2026, 12, 24), DAY),
        ("voor kerst", TODAY, date(2026, 12, 24), DAY),
        ("Vóór de Kerst", TODAY, date(2026, 12, 24), DAY),
        ("uiterlijk voor de kerst", TODAY, date(2026, 12, 24), DAY),
        ("voor de kerstdagen", TODAY, date(2026, 12, 24), DAY),
        ("voor het kerstreces", TODAY, date(2026, 12, 24), DAY),
        ("voor kerstmis 2027", TODAY, date(2027, 12, 24), DAY),
        ("voor de kerst van 2028", TODAY, date(2028, 12, 24), DAY),
        ("voor de kerst", date(2026, 12, 24), date(2026, 12, 24), DAY),
        ("voor de kerst", date(2026, 12, 25), date(2027, 12, 24), DAY),
        ("rond de jaarwisseling", TODAY, date(2026, 12, 31), YEAR),
        ("voor de jaarwisseling", TODAY, date(2026, 12, 31), YEAR),
        ("rond de jaarwisseling", date(2026, 12, 31), date(2026, 12, 31), YEAR),
        ("rond de jaarwisseling", date(2027, 1, 1), date(2027, 12, 31), YEAR),
        ("rond de jaarwisseling van 2027", TODAY, date(2027, 12, 31), YEAR),
        ("tegen de jaarwisseling", TODAY, date(2026, 12, 31), YEAR),
        ("voor oud en nieuw", TODAY, date(2026, 12, 31), YEAR),
        ("rond oud en nieuw 2027", TODAY, date(2027, 12, 31), YEAR),
    ],
)
def test_christmas_and_the_turn_of_the_year(
    text: str, today: date, due: date, precision: Precision
) -> None:
    assert_reads(text, due, precision, today)


@pytest.mark.parametrize(
    ("text", "today", "due"),
    [
        ("15-3", TODAY, date(2027, 3, 15)),
        ("15/3", TODAY, date(2027, 3, 15)),
        ("15.3", TODAY, date(2027, 3, 15)),
        ("uiterlijk 15/3", TODAY, date(2027, 3, 15)),
        ("01-12", TODAY, date(2026, 12, 1)),
        ("22-11", TODAY, TODAY),
        ("21-11", TODAY, date(2027, 11, 21)),
        ("31-12", date(2026, 12, 31), date(2026, 12, 31)),
        ("1-1", date(2026, 12, 31), date(2027, 1, 1)),
        ("29-2", TODAY, date(2028, 2, 29)),
        ("vrijdag 27-11", TODAY, date(2026, 11, 27)),
        ("vr 27/11", TODAY, date(2026, 11, 27)),
    ],
)
def test_a_day_and_month_in_digits_is_the_next_such_day(text: str, today: date, due: date) -> None:
    assert_reads(text, due, DAY, today)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("3-15", "impossible_date"),  # the day comes first in Dutch
        ("31-4", "impossible_date"),
        ("32/1", "impossible_date"),
        ("0-3", "impossible_date"),
        ("15.13", "impossible_date"),
        ("za 27-11", "weekday_mismatch"),
        ("1 oktober 2025 a.s.", "unreadable"),
        ("volgende week a.s.", "unreadable"),
        ("in de loop van 1 oktober", "unreadable"),
        ("in de loop van binnenkort", "unreadable"),
        ("rond de kerst", "vague"),
        ("rond kerst", "vague"),
        ("kerst", "unreadable"),
        ("voor de kerst van 2201", "out_of_range"),
        ("begin H2", "unreadable"),
        ("medio Q3", "unreadable"),
        ("ultimo", "unreadable"),
        ("primo vrijdag", "unreadable"),
    ],
)
def test_what_the_new_families_do_not_read(text: str, reason: str) -> None:
    assert reason_of(text) == reason
