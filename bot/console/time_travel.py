"""Where the console's ``/tijd`` goes: a step ('+3d'), a day ('maandag 10:00', 'morgen') or a
date ('2026-12-01 09:30'), in the person's zone, and the moves it refuses (back in time, nowhere,
further than a few years, a clock time that does not exist)."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta

from config.settings import Settings
from words.checkin_settings import WEEKDAY_NUMBERS
from words.errors import VoortgangError

STEP = re.compile(r"^\+(\d+)\s*([mhudw])$")
CLOCK_TIME = re.compile(r"(\d{1,2})[:.](\d{2})$")
# How far /tijd goes at once: every due moment on the way is run, so years take a while, and
# a step of billions of weeks would run off the calendar.
MAX_YEARS = 5
MAX_MOVE = timedelta(days=365 * MAX_YEARS + 2)
STEP_UNITS = {
    "m": timedelta(minutes=1),
    "h": timedelta(hours=1),
    "u": timedelta(hours=1),
    "d": timedelta(days=1),
    "w": timedelta(weeks=1),
}

DAY_AND_TIME = re.compile(r"^([a-z]+)(?:\s+(\d{1,2})[:.](\d{2}))?$")


def _day_word(text: str, local: datetime) -> datetime | None:
    # "maandag 10:00", "morgen", "tomorrow 9:30": the next such day, at that time (or now's).
    found = DAY_AND_TIME.match(text)
    if found is None:
        return None
    word, hours, minutes = found.groups()
    at = local.time() if hours is None else time(int(hours), int(minutes))
    if word in {"morgen", "tomorrow"}:
        days = 1
    elif word in WEEKDAY_NUMBERS:
        days = (WEEKDAY_NUMBERS[word] - local.weekday()) % 7 or 7
    else:
        return None
    return datetime.combine(local.date() + timedelta(days=days), at, tzinfo=local.tzinfo)


class TimeRefusedError(VoortgangError, ValueError):
    """A time that reads but that the console does not go to; ``key`` is the catalogue text
    saying why, with ``params``."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


def _clock_time(text: str) -> None:
    """Refuse a clock time that does not exist ("25:00", "9:75")."""
    found = CLOCK_TIME.search(text)
    if found is not None and (int(found.group(1)) > 23 or int(found.group(2)) > 59):
        raise TimeRefusedError("chat.time_bad_clock", time=found.group(0))


def parse_when(text: str, now: datetime, settings: Settings) -> datetime | None:
    """'+3d', '+2w', '+4u', '+30m', 'maandag 10:00', 'morgen', '2026-12-01 [09:30]' (local).

    None when it does not read as a time; TimeRefusedError for a clock time that does not exist or
    a step further than MAX_MOVE (worked out before it can overflow).
    """
    text = text.strip().lower()
    step = STEP.match(text)
    if step is not None:
        count, unit = int(step.group(1)), STEP_UNITS[step.group(2)]
        if count > MAX_MOVE // unit:
            raise TimeRefusedError("chat.time_too_far", years=MAX_YEARS)
        return now + count * unit
    _clock_time(text)
    local = now.astimezone(settings.zone)
    if text[:1].isalpha():
        try:
            return _day_word(text, local)
        except ValueError:  # a day that does not exist, past the calendar's end
            return None
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    if len(text) <= 10:  # a date alone keeps the time of day
        parsed = datetime.combine(parsed.date(), local.time().replace(tzinfo=None))
    return parsed.replace(tzinfo=settings.zone) if parsed.tzinfo is None else parsed


def check_move(now: datetime, target: datetime) -> None:
    """Refuse a move back, a move that goes nowhere, and one further than MAX_MOVE."""
    if target < now:
        raise TimeRefusedError("chat.time_backwards")
    if target == now:
        raise TimeRefusedError("chat.time_same")
    if target - now > MAX_MOVE:
        raise TimeRefusedError("chat.time_too_far", years=MAX_YEARS)
