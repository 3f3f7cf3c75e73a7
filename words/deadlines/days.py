"""Readers of one day or week: "morgen", "vrijdag", "volgende week", "over 3 weken", "1 oktober"."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from functools import partial
from typing import Final

from dateutil.parser import isoparser, parse
from dateutil.relativedelta import MO, relativedelta

from words.deadlines.model import Precision, Reading
from words.deadlines.reckoning import ReadingError, checked, next_unended, shift, year_number
from words.deadlines.vocabulary import (
    DAY_OFFSETS,
    DAY_WORDS,
    FULL_DAY_ALT,
    INFO,
    MONTH_ALT,
    NUMBER_WORDS,
    UNITS,
    alternatives,
    month_number,
    weekday_number,
)

_LEAP_YEAR: Final = 2000  # stands in for a missing year, so that 29 February can be checked


def relative_day(phrase: str, today: date) -> Reading | None:
    offset = DAY_OFFSETS.get(phrase)
    if offset is None:
        return None
    return shift(today, relativedelta(days=offset)), Precision.DAY


# A lone weekday needs its full name: "zo" and "do" are ordinary Dutch words.
_NEXT_WEEKDAY: Final = re.compile(
    rf"^(?:(?:komende|aanstaande) )?(?P<day>{FULL_DAY_ALT})(?: (?:aanstaande|a\.?s))?$"
)


def next_weekday(phrase: str, today: date) -> Reading | None:
    match = _NEXT_WEEKDAY.match(phrase)
    if match is None:
        return None
    # Strictly after today: on a Friday, "vrijdag" means next week's Friday.
    delta = relativedelta(days=1, weekday=weekday_number(match["day"]))
    return shift(today, delta), Precision.DAY


_WEEK_OFFSETS: Final = {"deze": 0, "volgende": 1, "komende": 1}
_RELATIVE_WEEK: Final = re.compile(
    rf"^(?:(?P<before>{FULL_DAY_ALT}) )?(?:(?P<end>eind|einde) (?:van )?)?"
    rf"(?P<which>deze|volgende|komende) week(?: (?P<after>{FULL_DAY_ALT}))?$"
)


def relative_week(phrase: str, today: date) -> Reading | None:
    match = _RELATIVE_WEEK.match(phrase)
    if match is None:
        return None
    days = [word for word in (match["before"], match["after"]) if word]
    if len(days) > 1 or (days and match["end"]):
        return None
    # ISO weeks run Monday to Sunday; MO(-1) is the Monday on or before the shifted day.
    weeks = _WEEK_OFFSETS[match["which"]]
    monday = shift(today, relativedelta(weeks=weeks, weekday=MO(-1)))
    if days:
        return shift(monday, relativedelta(days=weekday_number(days[0]))), Precision.DAY
    # A week as a whole is due on its Friday, the last working day.
    return shift(monday, relativedelta(days=4)), Precision.WEEK


_MAX_COUNT_DIGITS: Final = 6  # anything longer is far beyond LAST_YEAR in any unit
_IN_UNITS: Final = re.compile(
    rf"^(?:over|binnen|in) (?P<count>[0-9]+|{alternatives(NUMBER_WORDS)}) "
    rf"(?P<unit>{alternatives(UNITS)})$"
)


def in_units(phrase: str, today: date) -> Reading | None:
    match = _IN_UNITS.match(phrase)
    if match is None:
        return None
    count_text = match["count"]
    if len(count_text) > _MAX_COUNT_DIGITS:
        raise ReadingError("out_of_range")
    count = NUMBER_WORDS.get(count_text) or int(count_text)
    days, months, precision = UNITS[match["unit"]]
    return shift(today, relativedelta(days=count * days, months=count * months)), precision


_WEEKDAY_PREFIX: Final = rf"(?:(?P<weekday>{alternatives(DAY_WORDS)})\.? )?"
_ISO_DAY: Final = re.compile(
    rf"^{_WEEKDAY_PREFIX}(?P<body>(?P<year>[0-9]{{4}})-(?P<month>[0-9]{{2}})-(?P<day>[0-9]{{2}}))$"
)
_NUMERIC_DAY: Final = re.compile(
    rf"^{_WEEKDAY_PREFIX}(?P<body>(?P<day>[0-9]{{1,2}})(?P<sep>[-/.])(?P<month>[0-9]{{1,2}})"
    rf"(?:(?P=sep)(?P<year>[0-9]{{4,9}}))?)$"
)
_NAMED_DAY: Final = re.compile(
    rf"^{_WEEKDAY_PREFIX}(?P<body>(?P<day>[0-9]{{1,2}}) (?P<month>{MONTH_ALT})\.?"
    rf"(?: (?P<year>[0-9]{{4,9}}|'[0-9]{{2}}))?)$"
)


def _confirm_with_dateutil(match: re.Match[str], year: int | None) -> None:
    """Let dateutil read the day, and accept only a reading of the numbers as written."""
    day, month = int(match["day"]), month_number(match["month"])
    expected_year = _LEAP_YEAR if year is None else year
    if match.re is _NUMERIC_DAY and year is None:
        # dateutil reads "15.3" as a time of day; digits alone need no second opinion.
        checked(expected_year, month, day)
        return
    try:
        if match.re is _ISO_DAY:
            read: date = isoparser().parse_isodate(match["body"])
        else:
            read = parse(match["body"], INFO, default=datetime(expected_year, 1, 1, tzinfo=UTC))
    except (ValueError, OverflowError):  # ParserError is a ValueError
        raise ReadingError("impossible_date") from None
    # dayfirst still swaps "1-13-2025" into 13 January; such a rescue is not what was written.
    if (read.year, read.month, read.day) != (expected_year, month, day):
        raise ReadingError("impossible_date")


def absolute_day(phrase: str, today: date) -> Reading | None:
    match = _ISO_DAY.match(phrase) or _NUMERIC_DAY.match(phrase) or _NAMED_DAY.match(phrase)
    if match is None:
        return None
    year = None if match["year"] is None else year_number(match["year"])
    _confirm_with_dateutil(match, year)
    due_in = partial(checked, month=month_number(match["month"]), day=int(match["day"]))
    # Without a year: the next such day on or after today (not dateutil's current year).
    due = next_unended(due_in, today) if year is None else due_in(year)
    if match["weekday"] is not None:
        claimed = weekday_number(match["weekday"])
        if claimed != due.weekday():
            raise ReadingError("weekday_mismatch", actual=due, weekday=claimed)
    return due, Precision.DAY
