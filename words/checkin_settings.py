"""A programme's check-in settings: when owners are asked, reminded and escalated.

The programme file's ``programme.schedule`` block is read into ``ScheduleSettings``; the
register stores it as JSON (``Programme.schedule``) and every consumer reads it back through
``ScheduleSettings.from_json``, so defaults live in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from enum import StrEnum
from typing import Any

DEFAULT_BEFORE = (7, 1)


class WhenAbsent(StrEnum):
    DEPUTY = "deputy"  # ask the deputy instead; wait when there is none
    WAIT = "wait"  # hold the ping until the owner is back


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DUTCH_WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
# A weekday's number (0 = Monday) by its Dutch or English name, as people write it.
WEEKDAY_NUMBERS = {name: i for names in (WEEKDAYS, DUTCH_WEEKDAYS) for i, name in enumerate(names)}


@dataclass(frozen=True, slots=True)
class ScheduleSettings:
    # Days before the deadline on which owners are asked, largest first.
    before_deadline: tuple[int, ...] = DEFAULT_BEFORE
    # Ask the day after the deadline while the action is still open.
    after_deadline: bool = True
    # Local time of deadline pings and reminders (check-ins carry their own time).
    ping_time: time = time(9, 0)
    # Working days without an answer before one reminder.
    reminder_after: int = 2
    # Working days after the reminder before the sponsor and director are told.
    escalate_after: int = 2
    when_absent: WhenAbsent = WhenAbsent.DEPUTY
    # Weekly digest: weekday (0 = Monday) and local time.
    digest_weekday: int = 0
    digest_time: time = time(9, 0)
    # Country (and optional subdivision, "NL" or "DE-NW") whose public holidays have no
    # pings; empty for none.
    holidays: str = "NL"

    def to_json(self) -> dict[str, Any]:
        return {
            "before_deadline": list(self.before_deadline),
            "after_deadline": self.after_deadline,
            "ping_time": self.ping_time.strftime("%H:%M"),
            "reminder_after": self.reminder_after,
            "escalate_after": self.escalate_after,
            "when_absent": self.when_absent.value,
            "digest_weekday": self.digest_weekday,
            "digest_time": self.digest_time.strftime("%H:%M"),
            "holidays": self.holidays,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> ScheduleSettings:
        """Settings from stored JSON; absent fields take the defaults."""
        if not data:
            return cls()
        base = cls()
        return cls(
            before_deadline=tuple(data.get("before_deadline", base.before_deadline)),
            after_deadline=bool(data.get("after_deadline", base.after_deadline)),
            ping_time=_time(data.get("ping_time"), base.ping_time),
            reminder_after=int(data.get("reminder_after", base.reminder_after)),
            escalate_after=int(data.get("escalate_after", base.escalate_after)),
            when_absent=WhenAbsent(data.get("when_absent", base.when_absent.value)),
            digest_weekday=int(data.get("digest_weekday", base.digest_weekday)),
            digest_time=_time(data.get("digest_time"), base.digest_time),
            holidays=str(data.get("holidays", base.holidays)),
        )


def _time(value: object, default: time) -> time:
    if value is None:
        return default
    hours, minutes = str(value).split(":")
    return time(int(hours), int(minutes))
