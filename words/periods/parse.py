"""Reading the period a person named: one term, a range, or "sinds"."""

from __future__ import annotations

from datetime import date

from words.numbers import is_digits
from words.periods.days import read_day
from words.periods.error import PeriodError, YearOutOfRangeError
from words.periods.model import Period, last_days
from words.periods.named import calendar_period, numbered_period, rolling_period
from words.periods.vocabulary import (
    RANGE_PREFIXES,
    RANGE_SEPARATOR,
    SHARED_MONTH,
    SINCE_WORDS,
    normalise,
)


def _term(text: str, today: date, anchor: date, forward: bool) -> Period | None:
    """One period: a day, a named or numbered period, or a stretch back from today."""
    day = read_day(text, today, anchor=anchor, forward=forward, grace=0)
    if day is not None:
        return Period(day, day)
    for reading in (calendar_period(text, today), rolling_period(text, today)):
        if reading is not None:
            return reading
    return numbered_period(text, anchor, forward)


def _since(text: str, today: date, original: str) -> Period | None:
    for word in SINCE_WORDS:
        if text.startswith(word):
            start = _term(text[len(word) :], today, today, forward=False)
            if start is None:
                raise PeriodError(original.strip(), "unreadable")
            return _ordered(Period(start.start, today), original)
    return None


def _range(text: str, today: date, original: str) -> Period | None:
    body = text
    between = False
    for word in RANGE_PREFIXES:
        if body.startswith(word):
            body = body[len(word) :]
            between = word in {"tussen ", "between "}
            break
    for match in RANGE_SEPARATOR.finditer(body):
        if match.group().strip() in {"en", "and"} and not between:
            continue
        left, right = body[: match.start()], body[match.end() :]
        left = share_month(left, right)
        first = _term(left, today, today, forward=False)
        if first is None:
            continue
        last = _term(right, today, first.start, forward=True)
        if last is not None:
            return _ordered(Period(first.start, last.end), original)
    return None


def share_month(first: str, second: str) -> str:
    """'1' before '30 november' means '1 november': a range's first day shares the month."""
    shared = SHARED_MONTH.match(second.strip())
    return first + shared[1] if is_digits(first) and shared else first


def _ordered(period: Period, original: str) -> Period:
    if period.end < period.start:
        raise PeriodError(original, "order", period)
    return period


def parse_period(text: str, today: date) -> Period:
    """The period a person named for a summary; the package's docstring lists the forms.

    Raises ``PeriodError`` when the words are not a period, name a year outside
    FIRST_YEAR..LAST_YEAR, or end before they start.
    """
    try:
        return _parse_period(text, today)
    except YearOutOfRangeError as err:
        raise PeriodError(text.strip(), "out_of_range") from err


def _parse_period(text: str, today: date) -> Period:
    norm = normalise(text)
    if not norm:
        return last_days(today)
    single = _term(norm, today, today, forward=False)
    if single is not None:
        return single
    ranged = _range(norm, today, text)
    if ranged is not None:
        return ranged
    since = _since(norm, today, text)
    if since is not None:
        return since
    raise PeriodError(text.strip(), "unreadable")
