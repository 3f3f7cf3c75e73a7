"""Date arithmetic for the readers that fails with a reading error, never silently."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Final

from dateutil.relativedelta import relativedelta

from words.deadlines.model import FIRST_YEAR, LAST_YEAR
from words.errors import VoortgangError

_YEARS_AHEAD: Final = 9  # the next 29 February can be eight years away (2096 -> 2104)


class ReadingError(VoortgangError):
    """Raised inside the readers; parse_deadline turns it into a DeadlineError with the text."""

    def __init__(
        self, reason: str, *, actual: date | None = None, weekday: int | None = None
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.actual = actual
        self.weekday = weekday


def in_range(year: int) -> int:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ReadingError("out_of_range")
    return year


def checked(year: int, month: int, day: int) -> date:
    """The date, or a read error: never a silently corrected one."""
    try:
        return date(in_range(year), month, day)
    except ValueError:
        raise ReadingError("impossible_date") from None


def shift(base: date, delta: relativedelta) -> date:
    # "over 100000 jaar" must be an error, not an OverflowError from the datetime module.
    try:
        shifted: date = base + delta
    except (OverflowError, ValueError):
        raise ReadingError("out_of_range") from None
    in_range(shifted.year)
    return shifted


def month_end(year: int, month: int) -> date:
    return checked(year, month, 1) + relativedelta(day=31)


def next_unended(due_in: Callable[[int], date], today: date) -> date:
    """The first year's due date that is still to come; for periods and days without a year."""
    problem = ReadingError("out_of_range")
    # Starting a year back finds a winter that began last December and is still running.
    for year in range(today.year - 1, today.year + _YEARS_AHEAD):
        try:
            due = due_in(year)
        except ReadingError as error:  # 29 February or week 53 does not exist in every year
            problem = error
            continue
        if due >= today:
            return due
    raise problem


_YEAR_OFFSETS: Final = {"dit jaar": 0, "het jaar": 0, "volgend jaar": 1, "komend jaar": 1}


def year_number(token: str) -> int:
    # "'19" is 2019: policy texts do not abbreviate years of the previous century.
    year = 2000 + int(token[1:]) if token.startswith("'") else int(token)
    return in_range(year)


def resolve_year(token: str, today: date) -> int:
    offset = _YEAR_OFFSETS.get(token)
    if offset is not None:
        return in_range(today.year + offset)
    return year_number(token)


def in_year(due_in: Callable[[int], date], token: str | None, today: date) -> date:
    if token is None:
        return next_unended(due_in, today)
    return due_in(resolve_year(token, today))
