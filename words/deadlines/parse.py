"""Reading one phrase as a deadline: the readers in turn, and parse_deadline."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Final

from words.deadlines.days import absolute_day, in_units, next_weekday, relative_day, relative_week
from words.deadlines.error import DeadlineError
from words.deadlines.model import Deadline, Reading
from words.deadlines.named import named_period, summer_side, year_period
from words.deadlines.normalise import normalise
from words.deadlines.reckoning import ReadingError

_VAGUE: Final = frozenset(
    {
        "binnenkort", "zsm", "z.s.m", "asap", "zo snel mogelijk", "zo spoedig mogelijk",
        "spoedig", "snel", "later", "ooit", "onbekend", "nog onbekend", "nnb", "n.n.b",
        "ntb", "n.t.b", "nader te bepalen", "tbd", "pm", "p.m", "doorlopend", "continu",
    }
)  # fmt: skip


_READERS: Final[tuple[Callable[[str, date], Reading | None], ...]] = (
    relative_day,
    next_weekday,
    relative_week,
    in_units,
    absolute_day,
    summer_side,
    named_period,
    year_period,
)


def read_normalised(phrase: str, today: date) -> Reading:
    """An already normalised phrase read by the first reader that knows it; ReadingError if none."""
    if phrase in _VAGUE:
        raise ReadingError("vague")
    for reader in _READERS:
        reading = reader(phrase, today)
        if reading is not None:
            return reading
    raise ReadingError("unreadable")


def parse_deadline(text: str, today: date) -> Deadline:
    """Read ``text`` as a deadline relative to ``today``; raise DeadlineError if it is not one."""
    phrase = text.strip()
    if not phrase:
        raise DeadlineError(phrase, "empty")
    try:
        due, precision = read_normalised(normalise(phrase), today)
    except ReadingError as error:
        raise DeadlineError(
            phrase, error.reason, actual=error.actual, weekday=error.weekday
        ) from None
    return Deadline(due=due, precision=precision, text=phrase)
