"""A deadline as a phrase that carries its year, and that names the same day ever after."""

from __future__ import annotations

from datetime import date

import pytest

from tests.words.deadlines.reading import (
    DAY,
    HALF,
    MONTH,
    QUARTER,
    SEASON,
    TODAY,
    WEEK,
    YEAR,
)
from words.deadlines.absolute import absolute, absolute_phrase
from words.deadlines.model import Deadline, Precision
from words.deadlines.parse import parse_deadline


@pytest.mark.parametrize(
    ("typed", "nl", "en", "precision"),
    [
        # The typed words where they already carry their year.
        ("Q3 2025", "Q3 2025", "Q3 2025", QUARTER),
        ("uiterlijk 1 oktober 2024", "uiterlijk 1 oktober 2024", "1 October 2024", DAY),
        ("1-10-2024", "1-10-2024", "1 October 2024", DAY),
        ("2024-10-01", "2024-10-01", "1 October 2024", DAY),
        ("medio 2027", "medio 2027", "first half of 2027", HALF),
        # The typed words with their year added, where that reads the same.
        ("eind maart", "eind maart 2027", "end of March 2027", MONTH),
        ("in maart", "in maart 2027", "end of March 2027", MONTH),
        ("uiterlijk 15 maart", "uiterlijk 15 maart 2027", "15 March 2027", DAY),
        ("1 oktober", "1 oktober 2027", "1 October 2027", DAY),
        ("Q1", "Q1 2027", "Q1 2027", QUARTER),
        ("voor de zomer", "voor de zomer 2027", "before the summer of 2027", SEASON),
        ("na de zomer", "na de zomer 2027", "after the summer of 2027", SEASON),
        ("winter", "winter 2026", "winter 2026", SEASON),  # the winter that ends in 2027
        ("week 5", "week 5 2027", "week 5 of 2027", WEEK),
        ("begin oktober", "begin oktober 2027", "early October 2027", MONTH),
        ("half oktober", "half oktober 2027", "mid October 2027", MONTH),
        ("H2", "H2 2026", "second half of 2026", HALF),
        ("voor de kerst", "voor de kerst 2026", "24 December 2026", DAY),
        # Built from the date and the precision.
        ("volgende maand", "eind december 2026", "end of December 2026", MONTH),
        ("deze maand", "eind november 2026", "end of November 2026", MONTH),
        ("eind dit jaar", "eind 2026", "end of 2026", YEAR),
        ("volgend jaar", "eind 2027", "end of 2027", YEAR),
        ("in de loop van volgend jaar", "eind 2027", "end of 2027", YEAR),
        ("vrijdag", "27 november 2026", "27 November 2026", DAY),
        ("morgen", "23 november 2026", "23 November 2026", DAY),
        ("volgende week", "week 48 van 2026", "week 48 of 2026", WEEK),
        ("dit kwartaal", "Q4 2026", "Q4 2026", QUARTER),
        ("volgend kwartaal", "Q1 2027", "Q1 2027", QUARTER),
        ("tweede helft", "tweede helft 2026", "second half of 2026", HALF),
        ("15-3", "15 maart 2027", "15 March 2027", DAY),
        ("over tien werkdagen", "4 december 2026", "4 December 2026", DAY),
        ("rond de jaarwisseling", "rond de jaarwisseling 2026", "end of 2026", YEAR),
    ],
)
def test_the_phrase_kept_for_a_deadline(typed: str, nl: str, en: str, precision: Precision) -> None:
    deadline = parse_deadline(typed, TODAY)
    for lang, expected in (("nl", nl), ("en", en)):
        kept = absolute(deadline, lang)
        assert (kept.text, kept.due, kept.precision) == (expected, deadline.due, precision), lang


@pytest.mark.parametrize(
    ("typed", "nl", "en"),
    [
        ("end of March", "eind maart 2027", "end of March 2027"),
        ("March 31, 2027", "31 maart 2027", "March 31, 2027"),
        ("3/31/2025", "31 maart 2025", "31 March 2025"),  # no digits a reader must guess at
        ("next week", "week 48 van 2026", "week 48 of 2026"),
        ("before Christmas", "24 december 2026", "before Christmas 2026"),
        ("by the end of the year", "eind 2026", "end of 2026"),
    ],
)
def test_english_typed_kept_in_the_register_language(typed: str, nl: str, en: str) -> None:
    deadline = parse_deadline(typed, TODAY, "en")
    assert (absolute_phrase(deadline, "nl"), absolute_phrase(deadline, "en")) == (nl, en)


@pytest.mark.parametrize(
    ("typed", "text"),
    [("over twee weken", "6 december 2026"), ("over 3 maanden", "22 februari 2027")],
)
def test_a_count_that_ends_inside_a_period_is_kept_as_its_date(typed: str, text: str) -> None:
    # "week 49" would mean Friday 4 December, not Sunday 6 December: the exact date is kept,
    # and the precision says so.
    kept = absolute(parse_deadline(typed, TODAY))
    assert (kept.text, kept.precision) == (text, DAY)


PHRASES = (
    "vandaag", "morgen", "overmorgen", "vrijdag", "maandag a.s.", "volgende week", "deze week",
    "volgende week dinsdag", "over 3 dagen", "over twee weken", "over 5 maanden", "over 2 jaar",
    "over tien werkdagen", "1 oktober", "29 februari", "15-3", "oktober", "eind oktober",
    "begin oktober", "medio oktober", "ultimo februari", "primo maart", "deze maand",
    "volgende maand", "Q1", "Q4", "begin Q3", "eind Q2", "dit kwartaal", "volgend kwartaal",
    "H1", "H2", "tweede helft", "medio volgend jaar", "begin volgend jaar", "voorjaar", "zomer",
    "najaar", "winter", "voor de zomer", "na de zomer", "voor de kerst", "dit jaar",
    "volgend jaar", "eind dit jaar", "rond de jaarwisseling", "in de loop van volgend jaar",
    "tegen het einde van Q3", "week 1", "week 53", "1 januari a.s.",
)  # fmt: skip
DAYS = (
    TODAY,
    date(2026, 12, 31),
    date(2027, 1, 1),
    date(2027, 6, 30),
    date(2028, 2, 29),
    date(2026, 12, 28),  # in ISO week 53 of 2026
    date(2027, 10, 15),
)


@pytest.mark.parametrize("today", DAYS)
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_kept_phrase_reads_as_the_same_deadline_years_later(today: date, lang: str) -> None:
    for typed in PHRASES:
        try:
            deadline = parse_deadline(typed, today)
        except ValueError:
            continue  # week 53 in a year without one
        kept = absolute(deadline, lang)
        assert kept.due == deadline.due, typed
        assert kept.precision in {deadline.precision, DAY}, typed
        for later in (today, date(today.year + 3, 7, 1), date(2150, 1, 1)):
            again = parse_deadline(kept.text, later, lang)
            assert (again.due, again.precision) == (kept.due, kept.precision), (typed, kept)


def test_a_deadline_whose_words_no_longer_read_is_built_from_its_date() -> None:
    # Stored long ago in words the readers do not know: the date and precision still speak.
    kept = absolute(Deadline(date(2027, 6, 30), Precision.HALF, "na de verkiezingen"))
    assert (kept.text, kept.precision) == ("eerste helft 2027", HALF)
