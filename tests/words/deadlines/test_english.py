"""English deadlines: the same families as the Dutch ones, read for people whose language is
English; and what a Dutch reader makes of English."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.words.deadlines.reading import (
    DAY,
    HALF,
    MONTH,
    QUARTER,
    SEASON,
    TODAY,
    WEEK,
    YEAR,
    assert_reads,
    reason_of,
)
from words.deadlines.error import DeadlineError
from words.deadlines.find import _is_weak, find_deadline
from words.deadlines.model import Deadline, Precision
from words.deadlines.parse import parse_deadline


@pytest.mark.parametrize(
    ("text", "due", "precision"),
    [
        # Days
        ("March 31, 2025", date(2025, 3, 31), DAY),
        ("march 31 2025", date(2025, 3, 31), DAY),
        ("31 March 2025", date(2025, 3, 31), DAY),
        ("the 31st of March 2025", date(2025, 3, 31), DAY),
        ("Oct. 1st, 2027", date(2027, 10, 1), DAY),
        ("Sept 30 2027", date(2027, 9, 30), DAY),
        ("1 Oct", date(2027, 10, 1), DAY),
        ("December 1", date(2026, 12, 1), DAY),
        ("by 15 March", date(2027, 3, 15), DAY),
        ("no later than 1 October 2027", date(2027, 10, 1), DAY),
        ("Wednesday March 31, 2027", date(2027, 3, 31), DAY),
        ("Wed 31 Mar 2027", date(2027, 3, 31), DAY),
        ("February 29, 2028", date(2028, 2, 29), DAY),
        ("3/31/2025", date(2025, 3, 31), DAY),  # only month first reads
        ("31/3/2025", date(2025, 3, 31), DAY),  # only day first reads
        ("4/4/2025", date(2025, 4, 4), DAY),  # both read the same
        ("12/25", date(2026, 12, 25), DAY),
        ("2025-03-31", date(2025, 3, 31), DAY),
        ("today", TODAY, DAY),
        ("tomorrow", date(2026, 11, 23), DAY),
        ("by tomorrow", date(2026, 11, 23), DAY),
        ("the day after tomorrow", date(2026, 11, 24), DAY),
        ("Friday", date(2026, 11, 27), DAY),
        ("by Friday", date(2026, 11, 27), DAY),
        ("next Friday", date(2026, 11, 27), DAY),
        ("this Friday", date(2026, 11, 27), DAY),
        ("Monday", date(2026, 11, 23), DAY),
        ("Friday next week", date(2026, 11, 27), DAY),
        ("in 3 days", date(2026, 11, 25), DAY),
        ("before Christmas", date(2026, 12, 24), DAY),
        ("before Christmas 2027", date(2027, 12, 24), DAY),
        # Weeks
        ("next week", date(2026, 11, 27), WEEK),
        ("this week", date(2026, 11, 20), WEEK),
        ("by the end of next week", date(2026, 11, 27), WEEK),
        ("in two weeks", date(2026, 12, 6), WEEK),
        ("in a week", date(2026, 11, 29), WEEK),
        ("within 3 weeks", date(2026, 12, 13), WEEK),
        ("week 50", date(2026, 12, 11), WEEK),
        ("week 1 of 2027", date(2027, 1, 8), WEEK),
        # Months
        ("end of March", date(2027, 3, 31), MONTH),
        ("by the end of March", date(2027, 3, 31), MONTH),
        ("at the end of March 2026", date(2026, 3, 31), MONTH),
        ("March", date(2027, 3, 31), MONTH),
        ("in May", date(2027, 5, 31), MONTH),
        ("May 2027", date(2027, 5, 31), MONTH),
        ("early April", date(2027, 4, 10), MONTH),
        ("beginning of April", date(2027, 4, 10), MONTH),
        ("the start of April 2026", date(2026, 4, 10), MONTH),
        ("mid March", date(2027, 3, 15), MONTH),
        ("mid-March", date(2027, 3, 15), MONTH),
        ("the middle of March", date(2027, 3, 15), MONTH),
        ("next month", date(2026, 12, 31), MONTH),
        ("this month", date(2026, 11, 30), MONTH),
        ("end of the month", date(2026, 11, 30), MONTH),
        ("by the end of next month", date(2026, 12, 31), MONTH),
        ("in 3 months", date(2027, 2, 22), MONTH),
        ("in the course of March", date(2027, 3, 31), MONTH),
        # Quarters
        ("Q3 2025", date(2025, 9, 30), QUARTER),
        ("end of Q3", date(2027, 9, 30), QUARTER),
        ("by the end of Q1 2027", date(2027, 3, 31), QUARTER),
        ("the first quarter of 2026", date(2026, 3, 31), QUARTER),
        ("first quarter 2026", date(2026, 3, 31), QUARTER),
        ("the 3rd quarter of 2027", date(2027, 9, 30), QUARTER),
        ("the last quarter of this year", date(2026, 12, 31), QUARTER),
        ("next quarter", date(2027, 3, 31), QUARTER),
        ("this quarter", date(2026, 12, 31), QUARTER),
        ("towards the end of Q3", date(2027, 9, 30), QUARTER),
        ("early 2027", date(2027, 3, 31), QUARTER),
        # Halves
        ("H1 2026", date(2026, 6, 30), HALF),
        ("first half of 2026", date(2026, 6, 30), HALF),
        ("the second half of 2026", date(2026, 12, 31), HALF),
        ("mid-2025", date(2025, 6, 30), HALF),
        ("mid 2027", date(2027, 6, 30), HALF),
        # Seasons
        ("before the summer", date(2027, 6, 30), SEASON),
        ("before the summer recess", date(2027, 6, 30), SEASON),
        ("before the summer of 2028", date(2028, 6, 30), SEASON),
        ("after the summer", date(2027, 9, 30), SEASON),
        ("spring", date(2027, 5, 31), SEASON),
        ("in the spring of 2026", date(2026, 5, 31), SEASON),
        ("summer", date(2027, 8, 31), SEASON),
        ("autumn", date(2026, 11, 30), SEASON),
        ("fall 2027", date(2027, 11, 30), SEASON),
        ("in the fall", date(2026, 11, 30), SEASON),
        ("this summer", date(2027, 8, 31), SEASON),
        ("next spring", date(2027, 5, 31), SEASON),
        ("by this autumn", date(2026, 11, 30), SEASON),
        ("winter", date(2027, 2, 28), SEASON),
        ("winter 2027", date(2028, 2, 29), SEASON),
        # Years
        ("this year", date(2026, 12, 31), YEAR),
        ("next year", date(2027, 12, 31), YEAR),
        ("end of the year", date(2026, 12, 31), YEAR),
        ("by the end of the year", date(2026, 12, 31), YEAR),
        ("by year end", date(2026, 12, 31), YEAR),
        ("year-end", date(2026, 12, 31), YEAR),
        ("end of 2027", date(2027, 12, 31), YEAR),
        ("in 2027", date(2027, 12, 31), YEAR),
        ("in the course of 2025", date(2025, 12, 31), YEAR),
        ("during 2027", date(2027, 12, 31), YEAR),
        ("towards the end of the year", date(2026, 12, 31), YEAR),
        ("toward the end of next year", date(2027, 12, 31), YEAR),
        ("around the turn of the year", date(2026, 12, 31), YEAR),
        ("in two years", date(2028, 11, 22), YEAR),
        # Dutch reads the same for an English speaker
        ("eind maart", date(2027, 3, 31), MONTH),
        ("voor de zomer", date(2027, 6, 30), SEASON),
        ("over twee weken", date(2026, 12, 6), WEEK),
        ("1 oktober 2027", date(2027, 10, 1), DAY),
        ("ultimo maart", date(2027, 3, 31), MONTH),
    ],
)
def test_english_phrases(text: str, due: date, precision: Precision) -> None:
    assert_reads(text, due, precision, lang="en")


@pytest.mark.parametrize(
    ("text", "today", "due"),
    [
        ("December 31", date(2026, 12, 31), date(2026, 12, 31)),
        ("January 1", date(2026, 12, 31), date(2027, 1, 1)),
        ("end of December", date(2026, 12, 31), date(2026, 12, 31)),
        ("end of January", date(2026, 12, 31), date(2027, 1, 31)),
        ("Feb 29", date(2026, 12, 31), date(2028, 2, 29)),
        ("end of February", date(2027, 12, 1), date(2028, 2, 29)),
        ("next year", date(2026, 12, 31), date(2027, 12, 31)),
    ],
)
def test_english_phrases_at_the_year_boundary_and_leap_years(
    text: str, today: date, due: date
) -> None:
    assert_reads(text, due, parse_deadline(text, today, "en").precision, today, lang="en")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("3/4/2025", "ambiguous_date"),  # 4 March or 3 April
        ("1-10-2024", "ambiguous_date"),
        ("5/6", "ambiguous_date"),
        ("13/13/2025", "impossible_date"),
        ("February 30, 2025", "impossible_date"),
        ("February 29, 2027", "impossible_date"),
        ("Friday March 31, 2027", "weekday_mismatch"),  # a Wednesday
        ("soon", "vague"),
        ("ASAP", "vague"),
        ("whenever", "unreadable"),
        ("the second half", "unreadable"),  # an ordinal period needs its year
        ("next decade", "unreadable"),
        ("end of 2201", "out_of_range"),
        ("in 100000 years", "out_of_range"),
    ],
)
def test_english_errors(text: str, reason: str) -> None:
    assert reason_of(text, lang="en") == reason


def test_an_english_error_is_explained_in_english_with_english_examples() -> None:
    with pytest.raises(DeadlineError) as caught:
        parse_deadline("whenever", TODAY, "en")
    message = caught.value.message("en")
    assert "‘whenever’ cannot be read as a deadline" in message
    assert "end of October" in message
    ambiguous = DeadlineError("3/4/2025", "ambiguous_date")
    assert "day or the month comes first" in ambiguous.message("en")
    assert "dag of de maand voorop" in str(ambiguous)


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("March 31, 2025", date(2025, 3, 31)),
        ("31 March 2025", date(2025, 3, 31)),
        ("Oct 1, 2027", date(2027, 10, 1)),
        ("uiterlijk May 3, 2027", date(2027, 5, 3)),
    ],
)
def test_dutch_readers_accept_an_english_full_date(text: str, due: date) -> None:
    assert_reads(text, due, DAY)


@pytest.mark.parametrize(
    "text",
    ["end of March", "next week", "May 2027", "March 31", "tomorrow", "in two weeks", "spring"],
)
def test_dutch_readers_take_no_other_english(text: str) -> None:
    assert reason_of(text) == "unreadable"


def test_numeric_dates_stay_day_first_in_dutch() -> None:
    assert parse_deadline("3/4/2025", TODAY).due == date(2025, 4, 3)
    assert reason_of("3/31/2025") == "impossible_date"


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("We may finish by Friday", "by Friday"),
        ("we expect to be done by the end of March, if all goes well", "by the end of March"),
        ("Expected in May.", "in May"),
        ("done by march 31, 2027 hopefully", "by march 31, 2027"),
        ("we may be done by may 2027", "by may 2027"),
        ("Jan will call tomorrow", "tomorrow"),
        ("within 10 working days we deliver", "within 10 working days"),
        ("delayed until Q2 2027 because of the supplier", "until Q2 2027"),
        ("we aim for the first half of 2027", "the first half of 2027"),
        ("ready in the spring", "in the spring"),
    ],
)
def test_find_an_english_deadline_in_a_sentence(text: str, phrase: str) -> None:
    found = find_deadline(text, TODAY, "en")
    assert found is not None
    assert found.text == phrase


@pytest.mark.parametrize(
    "text",
    [
        "we may finish soon",
        "we may march on regardless",
        "sales fall in march",  # lower case "march" without a year is the verb
        "in the second half of the meeting",
        "a 3/4 majority",
        "spring cleaning first",
        "the sun is out",
        "April will call back",
        "wed the two plans",
        "it may take a while",
    ],
)
def test_english_everyday_words_are_not_deadlines(text: str) -> None:
    assert find_deadline(text, TODAY, "en") is None


def test_english_words_are_not_read_in_a_dutch_sentence() -> None:
    assert find_deadline("we may finish by Friday", TODAY) is None
    found = find_deadline("gepland voor March 31, 2027", TODAY)
    assert found is not None
    assert found.due == date(2027, 3, 31)


def _every_phrase(text: str, today: date) -> Deadline | None:
    """Every phrase of up to eight words read in English, the longest (then the first) that
    reads: what find_deadline must find while it looks only near start and end words."""
    words = [match.span() for match in re.finditer(r"\S+", text)]
    best: tuple[int, Deadline] | None = None
    for first in range(len(words)):
        for last in range(min(len(words), first + 8) - 1, first - 1, -1):
            phrase = text[words[first][0] : words[last][1]].lstrip('([{"“').rstrip(".,;:!?)]}\"'”’")
            if not phrase or _is_weak(phrase, today, "en"):
                continue
            try:
                found = parse_deadline(phrase, today, "en")
            except DeadlineError:
                continue
            if best is None or last - first + 1 > best[0]:
                best = (last - first + 1, found)
            break
    return None if best is None else best[1]


_ENGLISH_BITS = [
    "by", "the", "end", "of", "March", "march", "may", "May", "next", "week", "Friday",
    "in", "two", "weeks", "within", "10", "working", "days", "business", "before", "summer",
    "after", "Christmas", "Q3", "2027", "H1", "first", "half", "quarter", "mid-2025", "mid",
    "early", "April", "spring", "fall", "this", "year", "tomorrow", "today", "towards",
    "course", "3/31/2025", "3/4/2025", "31", "1st", "Oct.", "sun", "we", "will", "finish",
    "no", "later", "than", "eind", "maart", "over", "werkdagen", "year-end", "turn",
]  # fmt: skip
_ENGLISH_SENTENCE = st.builds(
    " ".join,
    st.lists(st.one_of(st.sampled_from(_ENGLISH_BITS), st.integers(0, 2100).map(str)), max_size=30),
)


@settings(max_examples=300, deadline=None)
@given(text=_ENGLISH_SENTENCE, today=st.sampled_from([TODAY, date(2028, 2, 29)]))
def test_find_deadline_in_english_finds_what_reading_every_phrase_finds(
    text: str, today: date
) -> None:
    assert find_deadline(text, today, "en") == _every_phrase(text, today)
