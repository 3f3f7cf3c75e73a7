"""A period: a run of calendar days, the default one, and how it is said."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Final
from zoneinfo import ZoneInfo

from words.catalogue import t
from words.dates import long_date

DEFAULT_DAYS: Final = 7  # a summary without a period looks back a week


@dataclass(frozen=True, slots=True)
class Period:
    """A run of calendar days, both ends inclusive."""

    start: date
    end: date

    def bounds(self, zone: ZoneInfo) -> tuple[datetime, datetime]:
        """The period as moments: from its first midnight up to (not including) the next one
        after its last day, in ``zone``: what happened "on 1 November" happened there."""
        first = datetime.combine(self.start, time(), tzinfo=zone)
        after = datetime.combine(self.end + timedelta(days=1), time(), tzinfo=zone)
        return first, after

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def describe(period: Period, lang: str) -> str:
    """'maandag 16 november 2026 t/m zondag 22 november 2026', or the one day."""
    if period.start == period.end:
        return long_date(period.start, lang)
    return t(
        "commands.period.range",
        lang,
        start=long_date(period.start, lang),
        end=long_date(period.end, lang),
    )


def last_days(today: date, days: int = DEFAULT_DAYS) -> Period:
    """The last ``days`` days, today included."""
    return Period(today - timedelta(days=days - 1), today)
