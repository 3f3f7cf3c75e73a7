"""A deadline read from words: the day it names and how precise that day is."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Final

# The years a deadline may name; periods in words (words.periods) keep to the same range.
FIRST_YEAR: Final = 1900
LAST_YEAR: Final = 2200


class Precision(StrEnum):
    """How exactly the phrase pins down its date."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"
    SEASON = "season"
    YEAR = "year"


@dataclass(frozen=True, slots=True)
class Deadline:
    """A deadline: the (last) day it names, how precise that is, and the phrase itself."""

    due: date
    precision: Precision
    text: str


# What a reader makes of a phrase: the due day and its precision, the text added later.
Reading = tuple[date, Precision]
