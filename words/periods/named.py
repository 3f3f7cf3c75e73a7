"""Periods by name, number or length: months, quarters, halves, years, ISO weeks, the last days."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import Final

from dateutil.relativedelta import relativedelta

from words.numbers import is_digits, row_number
from words.periods.error import read_year
from words.periods.model import Period
from words.periods.vocabulary import (
    MAX_COUNT,
    MONTHS,
    NUMBER_WORDS,
    PREVIOUS_PERIOD_WORDS,
    ROLLING_PREFIXES,
    ROLLING_PREFIXES_EN,
    THIS_WORDS,
    UNITS,
)


def _month(year: int, month: int) -> Period:
    start = date(year, month, 1)
    return Period(start, start + relativedelta(months=1) - timedelta(days=1))


def _quarter(year: int, quarter: int) -> Period:
    start = date(year, 3 * quarter - 2, 1)
    return Period(start, start + relativedelta(months=3) - timedelta(days=1))


def _half(year: int, half: int) -> Period:
    start = date(year, 6 * half - 5, 1)
    return Period(start, start + relativedelta(months=6) - timedelta(days=1))


def _year(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31))


def _iso_week(year: int, week: int) -> Period | None:
    try:
        start = date.fromisocalendar(year, week, 1)
    except ValueError:
        return None
    return Period(start, start + timedelta(days=6))


def _pick_year(make: Callable[[int], Period], anchor: date, forward: bool) -> Period:
    """A period named without its year: the latest begun (back) or first not ended (ahead)."""
    same = make(anchor.year)
    if forward:
        return same if same.end >= anchor else make(anchor.year + 1)
    return same if same.start <= anchor else make(anchor.year - 1)


def _containing(unit: str, day: date) -> Period:
    if unit == "week":
        start = day - timedelta(days=day.weekday())
        return Period(start, start + timedelta(days=6))
    if unit == "month":
        return _month(day.year, day.month)
    if unit == "quarter":
        return _quarter(day.year, (day.month - 1) // 3 + 1)
    if unit == "half":
        return _half(day.year, 1 if day.month <= 6 else 2)
    return _year(day.year)


def _back(unit: str, count: int, today: date) -> Period:
    """The last ``count`` units up to today: "maand" on 22 November is 23 October on."""
    lengths = {
        "day": relativedelta(days=count),
        "week": relativedelta(weeks=count),
        "month": relativedelta(months=count),
        "quarter": relativedelta(months=3 * count),
        "half": relativedelta(months=6 * count),
        "year": relativedelta(years=count),
    }
    return Period(today - lengths[unit] + timedelta(days=1), today)


def rolling_period(text: str, today: date) -> Period | None:
    """'maand', 'afgelopen maand', 'past 30 days', 'laatste 2 weken'."""
    rest = text
    for prefix in ROLLING_PREFIXES + ROLLING_PREFIXES_EN:
        if rest.startswith(prefix):
            rest = rest[len(prefix) :]
            break
    else:
        if text not in UNITS:
            return None
    count: int | None = 1
    first, _, unit = rest.partition(" ")
    if unit and (is_digits(first) or first in NUMBER_WORDS):
        count = row_number(first) if is_digits(first) else NUMBER_WORDS[first]
    else:
        unit = rest
    if unit not in UNITS or count is None or not 1 <= count <= MAX_COUNT:
        return None
    return _back(UNITS[unit], count, today)


def calendar_period(text: str, today: date) -> Period | None:
    """'deze week', 'vorige maand', 'last quarter', 'dit jaar'."""
    first, _, unit_word = text.partition(" ")
    unit = UNITS.get(unit_word)
    if unit is None or unit == "day":
        return None
    if first in THIS_WORDS:
        return _containing(unit, today)
    if first in PREVIOUS_PERIOD_WORDS:
        return _containing(unit, _containing(unit, today).start - timedelta(days=1))
    return None


QUARTER: Final = re.compile(r"^(?:([0-9]{4})[- ]?q([1-4])|q([1-4])(?:[- ]([0-9]{4}))?)$")
HALF: Final = re.compile(r"^(?:([0-9]{4})[- ]?h([12])|h([12])(?:[- ]([0-9]{4}))?)$")
YEAR: Final = re.compile(r"^(?:in )?([0-9]{4})$")
YEAR_MONTH: Final = re.compile(r"^([0-9]{4})-([0-9]{1,2})$|^([0-9]{1,2})-([0-9]{4})$")
MONTH_WORDS: Final = re.compile(r"^(?:in )?([a-z]+)\.?(?: ([0-9]{4}))?$")
WEEK: Final = re.compile(
    r"^(?:([0-9]{4})-?w([0-9]{1,2})|(?:week|wk) ([0-9]{1,2})(?: ([0-9]{4}))?)$"
)


def _by_number(
    make: Callable[[int, int], Period], number: int, year: str | None, anchor: date, forward: bool
) -> Period:
    if year:
        return make(read_year(year), number)
    return _pick_year(lambda y: make(y, number), anchor, forward)


def _quarter_match(match: re.Match[str], anchor: date, forward: bool) -> Period | None:
    return _by_number(_quarter, int(match[2] or match[3]), match[1] or match[4], anchor, forward)


def _half_match(match: re.Match[str], anchor: date, forward: bool) -> Period | None:
    return _by_number(_half, int(match[2] or match[3]), match[1] or match[4], anchor, forward)


def _year_match(match: re.Match[str], _anchor: date, _forward: bool) -> Period | None:
    return _year(read_year(match[1]))


def _year_month_match(match: re.Match[str], _anchor: date, _forward: bool) -> Period | None:
    year, month = (match[1], match[2]) if match[1] else (match[4], match[3])
    return _month(read_year(year), int(month)) if 1 <= int(month) <= 12 else None


def _month_words_match(match: re.Match[str], anchor: date, forward: bool) -> Period | None:
    if match[1] not in MONTHS:
        return None
    return _by_number(_month, MONTHS[match[1]], match[2], anchor, forward)


def _week_match(match: re.Match[str], anchor: date, forward: bool) -> Period | None:
    week, year = int(match[2] or match[3]), match[1] or match[4]
    if year:
        return _iso_week(read_year(year), week)
    return _pick_week(week, anchor, forward)


NUMBERED: Final = (
    (QUARTER, _quarter_match),
    (HALF, _half_match),
    (YEAR, _year_match),
    (YEAR_MONTH, _year_month_match),
    (MONTH_WORDS, _month_words_match),
    (WEEK, _week_match),
)


def numbered_period(text: str, anchor: date, forward: bool) -> Period | None:
    """Quarters, halves, years, months and weeks by number or name."""
    for pattern, read in NUMBERED:
        match = pattern.match(text)
        found = read(match, anchor, forward) if match else None
        if found is not None:
            return found
    return None


def _pick_week(week: int, anchor: date, forward: bool) -> Period | None:
    for year in (anchor.year, anchor.year + (1 if forward else -1)):
        found = _iso_week(year, week)
        if found is not None and (found.end >= anchor if forward else found.start <= anchor):
            return found
    return None
