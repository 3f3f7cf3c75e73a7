"""What the commands share: the error a person can fix, the clock ``--today`` sets and the
letter's formats."""

from __future__ import annotations

import argparse
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING

from words.clock import Clock, FixedClock, SystemClock
from words.errors import VoortgangError

if TYPE_CHECKING:
    from bot.letter.formats import Format
    from config.settings import Settings

# What ``voortgang brief --format`` offers; here, so the parser needs no letter renderer.
BRIEF_FORMATS: tuple[Format, ...] = ("md", "html", "docx", "pdf")


class CliError(VoortgangError):
    """A problem the person can fix, already worded in their language."""


def clock_of(args: argparse.Namespace, settings: Settings) -> Clock:
    today: date | None = getattr(args, "today", None)
    if today is None:
        return SystemClock()
    # Noon local time: "today" stays the same day in every zone people may be in.
    return FixedClock(datetime.combine(today, time(12), settings.zone).astimezone(UTC))
