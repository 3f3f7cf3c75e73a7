"""Why words are no period, and years outside the range deadlines allow too."""

from __future__ import annotations

import re
from typing import Final

from words.catalogue import t
from words.dates import long_date
from words.deadlines.model import FIRST_YEAR, LAST_YEAR
from words.errors import VoortgangError
from words.periods.model import Period


class PeriodError(VoortgangError, ValueError):
    """A period that cannot be read (``reason`` "unreadable"), names a year outside
    FIRST_YEAR..LAST_YEAR ("out_of_range") or ends before it starts ("order").
    ``message(lang)`` is the explanation a person reads."""

    def __init__(self, text: str, reason: str, period: Period | None = None) -> None:
        self.text = text
        self.reason = reason
        self.period = period
        super().__init__(self.message())

    def message(self, lang: str | None = None) -> str:
        if self.reason == "order" and self.period is not None:
            return t(
                "commands.period.order",
                lang,
                start=long_date(self.period.start, lang or "nl"),
                end=long_date(self.period.end, lang or "nl"),
            )
        if self.reason == "out_of_range":
            return t(
                "commands.period.out_of_range",
                lang,
                text=self.text,
                first=FIRST_YEAR,
                last=LAST_YEAR,
            )
        return t("commands.period.unreadable", lang, text=self.text)


class YearOutOfRangeError(VoortgangError, ValueError):
    """A year written outside FIRST_YEAR..LAST_YEAR; ``parse_period`` says so."""


def read_year(digits: str) -> int:
    year = int(digits)  # at most four ASCII digits, as every pattern here has them
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise YearOutOfRangeError(digits)
    return year


_WRITTEN_YEAR: Final = re.compile(r"(?<![0-9])[0-9]{4}(?![0-9])")


def names_year_outside(text: str) -> bool:
    """Whether ``text`` writes a year outside FIRST_YEAR..LAST_YEAR (four digits on their
    own): why a day in it could not be read, for an answer that says so."""
    return any(not FIRST_YEAR <= int(found) <= LAST_YEAR for found in _WRITTEN_YEAR.findall(text))
