"""The programme file's field types: limits, key patterns and the converters its schema uses."""

from __future__ import annotations

import re
from datetime import date, time
from typing import Annotated, Any

from pydantic import BeforeValidator, StringConstraints
from pydantic_core import PydanticCustomError

from words import action_keys
from words.checkin_limits import MAX_PER_YEAR, rule_problem
from words.domain import STATUS_NAMES, Cadence, Status, fold

DEFAULT_CHECKIN = "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;BYHOUR=9;BYMINUTE=0"
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

CADENCE_NAMES = {
    "month": Cadence.MONTH,
    "maand": Cadence.MONTH,
    "quarter": Cadence.QUARTER,
    "kwartaal": Cadence.QUARTER,
    "half": Cadence.HALF,
    "halfjaar": Cadence.HALF,
    "half year": Cadence.HALF,
    "year": Cadence.YEAR,
    "jaar": Cadence.YEAR,
}


def named(table: dict[str, Any], what: str) -> Any:
    """A validator accepting the names people use (Dutch or English) for an enum value."""

    def convert(value: object) -> object:
        if isinstance(value, str):
            found = table.get(fold(value))
            if found is None:
                names = ", ".join(sorted({fold(k) for k in table}))
                raise PydanticCustomError("choice", what, {"value": value, "allowed": names})
            return found
        return value

    return BeforeValidator(convert)


def as_text(value: object) -> object:
    # YAML reads `deadline: 2026-10-01` as a date and `deadline: 2027` as a number; both are
    # deadlines in words all the same.
    if isinstance(value, date | int) and not isinstance(value, bool):
        return value.isoformat() if isinstance(value, date) else str(value)
    return value


def as_list(value: object) -> object:
    return [value] if isinstance(value, str) else value


# The longest text per kind of field: far beyond what a real programme writes, and within
# the database's columns (names and short texts are String(200), titles String(300)).
MAX_NAME = 200
MAX_TITLE = 300
MAX_TEXT = 20_000  # a description, or a paragraph of the letter

KEY_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
# One grammar for action keys, shared with the chat that names them (words.action_keys).
ACTION_KEY_PATTERN = action_keys.KEY_PATTERN
Key = Annotated[str, StringConstraints(pattern=KEY_PATTERN, max_length=64)]
ActionKey = Annotated[
    str, StringConstraints(pattern=ACTION_KEY_PATTERN, max_length=action_keys.MAX_KEY_LENGTH)
]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_NAME)]
# Text that may be empty: a short one (a channel, a heading, a line) or a long one.
Short = Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_NAME)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_TEXT)]
# Values the bot reads itself, as written: a time or a zone (Word), a check-in rule or a
# deadline in words (Rule).
Word = Annotated[str, StringConstraints(max_length=64)]
Rule = Annotated[str, StringConstraints(max_length=MAX_NAME)]
KeyList = Annotated[list[Key], BeforeValidator(as_list)]
StatusName = Annotated[Status, named(STATUS_NAMES, "status")]


def check_rrule(value: str | None) -> str | None:
    if value is None:
        return None
    rule = value.strip().removeprefix("RRULE:")
    problem = rule_problem(rule)
    if problem is not None:
        # At most once a day, at least once and at most 366 times a year (words.checkin_limits).
        raise PydanticCustomError(
            f"checkin_{problem.value}", "checkin", {"value": value, "limit": MAX_PER_YEAR}
        )
    return rule


CLOCK_TIME = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")


def clock_time(value: str) -> time:
    found = CLOCK_TIME.match(value.strip())
    if found is None:
        raise PydanticCustomError("clock_time", "time", {"value": value})
    return time(int(found.group(1)), int(found.group(2)))
