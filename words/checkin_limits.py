"""Which check-in rules a programme may use: at most one moment a day, 366 a year.

A check-in rule is an RFC 5545 RRULE, and planning expands it from the programme's anchor. A
rule that asks every second or minute makes a tick plan millions of pings; one that never
asks (BYMONTH=2;BYMONTHDAY=30) makes dateutil search day by day to the year 9999, seconds of
work in every tick. ``rule_problem`` tells both apart from a rule a programme needs, cheaply
and with bounded work, for the programme file's check and for the tick alike.

It reads the rule's parts, then counts one year of it. The year counted is 9996, late in
dateutil's calendar: its search ends with the year 9999 whatever the rule, so counting takes
at most four years of days even for a rule that never fires. A leap year, so a daily rule
counts its 366.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from enum import StrEnum
from functools import lru_cache

from dateutil.rrule import rrule, rrulestr

# A check-in at most once a day: a year has at most this many.
MAX_PER_YEAR = 366
# Each part NAME=VALUE, separated by semicolons: one rule, without DTSTART or RDATE lines.
_PARTS = re.compile(r"^[A-Za-z]+=[^;\s]+(;[A-Za-z]+=[^;\s]+)*$")
_MORE_THAN_DAILY = ("HOURLY", "MINUTELY", "SECONDLY")
# Parts whose several values would each give a moment of the same day.
_WITHIN_A_DAY = ("BYHOUR", "BYMINUTE", "BYSECOND")
_COUNTED_YEAR = 9996


class RuleProblem(StrEnum):
    INVALID = "invalid"  # not an RRULE dateutil reads
    TOO_OFTEN = "too_often"  # FREQ=HOURLY, MINUTELY or SECONDLY
    SEVERAL_A_DAY = "several_a_day"  # BYHOUR, BYMINUTE or BYSECOND with several values
    TOO_MANY = "too_many"  # more than MAX_PER_YEAR in a year
    NEVER = "never"  # not once in a year


def _parts(rule: str) -> dict[str, list[str]]:
    """The rule's parts by name, each a list of values; ValueError when it is not one RRULE
    with every part once and a positive INTERVAL and COUNT."""
    text = rule.strip().removeprefix("RRULE:")
    if not _PARTS.match(text):
        raise ValueError(f"not a single RRULE: {rule!r}")
    pairs = [part.partition("=") for part in text.split(";")]
    parts = {name.upper(): value.split(",") for name, _, value in pairs}
    if len(parts) != len(pairs):
        raise ValueError(f"a part given twice: {rule!r}")
    for name in ("INTERVAL", "COUNT"):
        values = parts.get(name, ["1"])
        if len(values) != 1 or not values[0].isdigit() or int(values[0]) < 1:
            raise ValueError(f"{name} must be a positive number: {rule!r}")
    return parts


def parse_rule(rule: str, start: datetime) -> rrule:
    """The recurrence of ``rule`` from ``start``; ValueError when it is not one RRULE."""
    text = rule.strip().removeprefix("RRULE:")
    _parts(rule)
    try:
        found = rrulestr(text, dtstart=start)
    except (TypeError, OverflowError, IndexError, KeyError) as err:
        # dateutil lets some malformed values through as other errors than ValueError.
        raise ValueError(str(err)) from err
    if isinstance(found, rrule):
        return found
    raise ValueError(f"not a single RRULE: {rule!r}")


def _in_a_year(recurrence: rrule) -> int:
    """Occurrences in the counted year, counting no further than one past the limit."""
    first = datetime.combine(date(_COUNTED_YEAR, 1, 1), time())
    counted = recurrence.replace(dtstart=first, until=None, count=None)
    found = 0
    try:
        for moment in counted:
            if moment.year > _COUNTED_YEAR or found > MAX_PER_YEAR:
                break
            found += 1
    except (ValueError, OverflowError):
        pass  # the search ran past the year 9999, after the counted year: the count stands
    except (IndexError, KeyError, TypeError) as err:
        raise ValueError(f"dateutil cannot expand it: {err}") from err
    return found


@lru_cache(maxsize=256)
def rule_problem(rule: str) -> RuleProblem | None:
    """What is wrong with ``rule`` as a check-in rule, or None when a programme may use it."""
    try:
        recurrence = parse_rule(rule, datetime.combine(date(2026, 1, 1), time()))
        parts = _parts(rule)
        if parts["FREQ"][0].upper() in _MORE_THAN_DAILY:
            return RuleProblem.TOO_OFTEN
        if any(len(parts.get(name, ())) > 1 for name in _WITHIN_A_DAY):
            return RuleProblem.SEVERAL_A_DAY
        found = _in_a_year(recurrence)
    except ValueError:
        return RuleProblem.INVALID
    if found > MAX_PER_YEAR:
        return RuleProblem.TOO_MANY
    if found == 0:
        return RuleProblem.NEVER
    return None
