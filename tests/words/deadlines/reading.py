"""What the deadline tests share: the day they are read on and how a reading is checked."""

from __future__ import annotations

from datetime import date

import pytest

from words.deadlines.error import DeadlineError
from words.deadlines.model import Precision
from words.deadlines.parse import parse_deadline

TODAY = date(2026, 11, 22)  # a Sunday, late in the year
DAY, WEEK, MONTH = Precision.DAY, Precision.WEEK, Precision.MONTH
QUARTER, HALF, SEASON, YEAR = Precision.QUARTER, Precision.HALF, Precision.SEASON, Precision.YEAR


def assert_reads(
    text: str, due: date, precision: Precision, today: date = TODAY, lang: str = "nl"
) -> None:
    deadline = parse_deadline(text, today, lang)
    assert (deadline.due, deadline.precision) == (due, precision), text
    assert deadline.text == text.strip()


def reason_of(text: str, today: date = TODAY, lang: str = "nl") -> str:
    with pytest.raises(DeadlineError) as caught:
        parse_deadline(text, today, lang)
    return caught.value.reason
