"""One day in words: "morgen", "vorige maandag", "1 december", "2026-11-01"."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Final

from words.periods.error import YearOutOfRangeError, read_year
from words.periods.vocabulary import (
    MONTHS,
    NEXT_WORDS,
    PREVIOUS_WORDS,
    RELATIVE_DAYS,
    WEEKDAYS,
    normalise,
)


def _in_year(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _yearless(month: int, day: int, anchor: date, forward: bool) -> date | None:
    """The first such day on or after ``anchor`` (forward), or the last on or before it."""
    step = 1 if forward else -1
    # Eight years always reach a 29 February; other impossible days never resolve.
    for offset in range(9):
        found = _in_year(anchor.year + step * offset, month, day)
        if found is not None and (found >= anchor if forward else found <= anchor):
            return found
    return None


def _weekday(words: list[str], anchor: date, forward: bool) -> date | None:
    strict = len(words) == 2 and words[0] in NEXT_WORDS | PREVIOUS_WORDS
    if strict:
        forward = words[0] in NEXT_WORDS
        words = words[1:]
    if len(words) != 1 or words[0] not in WEEKDAYS:
        return None
    target = WEEKDAYS[words[0]]
    if forward:
        ahead = (target - anchor.weekday()) % 7
        return anchor + timedelta(days=ahead if ahead or not strict else 7)
    back = (anchor.weekday() - target) % 7
    return anchor - timedelta(days=back if back or not strict else 7)


NUMERIC_DAY: Final = re.compile(r"^([0-9]{1,2})[-/.]([0-9]{1,2})(?:[-/.]([0-9]{4}))?$")
ISO_DAY: Final = re.compile(r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$")
WORDS_DAY: Final = re.compile(
    r"^([0-9]{1,2})(?:e|ste|de|st|nd|rd|th)? ([a-z]+)\.?(?: ([0-9]{4}))?$"
)
WORDS_DAY_EN: Final = re.compile(r"^([a-z]+)\.? ([0-9]{1,2})(?:st|nd|rd|th)?(?: ([0-9]{4}))?$")


def _day_parts(text: str) -> tuple[int | None, int, int] | None:
    """(year or None, month, day) of a written date, or None."""
    if match := ISO_DAY.match(text):
        return read_year(match[1]), int(match[2]), int(match[3])
    if match := NUMERIC_DAY.match(text):
        return (read_year(match[3]) if match[3] else None), int(match[2]), int(match[1])
    if (match := WORDS_DAY.match(text)) and match[2] in MONTHS:
        return (read_year(match[3]) if match[3] else None), MONTHS[match[2]], int(match[1])
    if (match := WORDS_DAY_EN.match(text)) and match[1] in MONTHS:
        return (read_year(match[3]) if match[3] else None), MONTHS[match[1]], int(match[2])
    return None


def parse_day(
    text: str, today: date, *, anchor: date | None = None, forward: bool, grace: int = 0
) -> date | None:
    """One day in words, or None.

    "vandaag", "morgen", "overmorgen", "gisteren" count from ``today``. A weekday or a date
    without a year is the first such day on or after ``anchor`` (default today) when
    ``forward``, else the last on or before it; "komende maandag" / "vorige maandag" are
    strictly after / before. Reading forward, a date without a year may lie up to ``grace``
    days before the anchor ("1 december" said on 5 December is this year's, for an absence
    that has begun). A weekday written before a date must match it. A year outside
    FIRST_YEAR..LAST_YEAR is no day either.
    """
    try:
        return read_day(text, today, anchor=anchor, forward=forward, grace=grace)
    except YearOutOfRangeError:
        return None


def read_day(
    text: str, today: date, *, anchor: date | None, forward: bool, grace: int
) -> date | None:
    """``parse_day``, raising YearOutOfRangeError for a year outside the range."""
    norm = normalise(text)
    base = today if anchor is None else anchor
    if norm in RELATIVE_DAYS:
        return today + timedelta(days=RELATIVE_DAYS[norm])
    words = norm.split()
    if words and words[0] in WEEKDAYS and len(words) > 1:
        named = WEEKDAYS[words[0]]
        rest = " ".join(words[1:])
        found = read_day(rest, today, anchor=anchor, forward=forward, grace=grace)
        return found if found is not None and found.weekday() == named else None
    by_weekday = _weekday(words, base, forward)
    if by_weekday is not None:
        return by_weekday
    parts = _day_parts(norm)
    if parts is None:
        return None
    year, month, day = parts
    if year is None:
        return _yearless(month, day, base - timedelta(days=grace) if forward else base, forward)
    return _in_year(year, month, day)
