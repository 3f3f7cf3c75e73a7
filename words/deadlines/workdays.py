"""Working days: "over tien werkdagen", "binnen 5 werkdagen", skipping weekends and holidays."""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import cache
from typing import Final

import holidays
from dateutil.easter import easter

from words.deadlines.model import Precision, Reading
from words.deadlines.reckoning import ReadingError, in_range
from words.deadlines.vocabulary import NUMBER_WORDS, WORKING_DAY_UNITS, alternatives

# A count beyond this is no longer a number of working days anyone counts (about ten years).
_MAX_WORKING_DAYS: Final = 2_600
_SATURDAY: Final = 5

_IN_WORKING_DAYS: Final = re.compile(
    rf"^(?:over|binnen|in) (?P<count>[0-9]+|{alternatives(NUMBER_WORDS)}) "
    rf"(?P<unit>{alternatives(WORKING_DAY_UNITS)})$"
)


@cache
def days_off(year: int) -> frozenset[date]:
    """The public holidays of a year on which Dutch public bodies are closed.

    The Netherlands calendar of the ``holidays`` package, with two corrections that follow the
    collective agreements of municipalities and the state: Good Friday is a normal working day
    there (the package lists it because some employers give it), and Liberation Day (5 May) is
    a day off every year, not only in lustrum years, so a count of working days never ends on
    it.
    """
    official = holidays.country_holidays("NL", years=year)
    good_friday = easter(year) - timedelta(days=2)
    return frozenset(official) - {good_friday} | {date(year, 5, 5)}


def is_working_day(day: date) -> bool:
    return day.weekday() < _SATURDAY and day not in days_off(day.year)


def add_working_days(start: date, count: int) -> date:
    """The ``count``-th working day after ``start`` (``start`` itself does not count)."""
    day = start
    remaining = count
    while remaining > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    in_range(day.year)
    return day


def in_working_days(phrase: str, today: date) -> Reading | None:
    match = _IN_WORKING_DAYS.match(phrase)
    if match is None:
        return None
    count_text = match["count"]
    if len(count_text) > len(str(_MAX_WORKING_DAYS)):  # int() of a huge string is slow
        raise ReadingError("out_of_range")
    count = NUMBER_WORDS[count_text] if count_text in NUMBER_WORDS else int(count_text)
    if count > _MAX_WORKING_DAYS:
        raise ReadingError("out_of_range")
    return add_working_days(today, count), Precision.DAY
