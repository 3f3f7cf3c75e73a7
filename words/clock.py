"""Time as a dependency: code asks a Clock, so tests and the console can move it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo


class Clock(Protocol):
    def now(self) -> datetime:
        """The current moment, timezone-aware UTC."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


@dataclass
class FixedClock:
    """A clock that stands still until moved: for tests and the console's simulated time."""

    moment: datetime

    def __post_init__(self) -> None:
        if self.moment.tzinfo is None:
            raise ValueError("FixedClock needs a timezone-aware moment")
        self.moment = self.moment.astimezone(UTC)

    def now(self) -> datetime:
        return self.moment

    def advance(self, delta: timedelta) -> None:
        self.moment += delta


def local_today(clock: Clock, zone: ZoneInfo) -> date:
    """Today's date where the people are, not in UTC: just after midnight it differs."""
    return clock.now().astimezone(zone).date()
