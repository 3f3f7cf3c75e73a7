"""When owners are asked: the check-in rules as pure functions, without a database.

Rules are evaluated in local wall time of the programme's zone and only then turned into UTC,
so a weekly 09:00 check-in stays at 09:00 across daylight saving time. Moments go in and come
out as timezone-aware UTC datetimes; dates (deadlines, absences) are local calendar dates.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from dateutil.rrule import rrule

from words.checkin_limits import parse_rule, rule_problem
from words.checkin_settings import ScheduleSettings, WhenAbsent
from words.domain import PingRule
from words.errors import VoortgangError

# The anchor of a programme without a period start: INTERVAL=2 needs a fixed first week, or
# "every other Monday" would depend on the day the clock happened to start.
DEFAULT_ANCHOR = date(2026, 1, 1)

# Wall-clock margin around a window, so an occurrence that localising moves by an hour or
# two (a nonexistent or repeated time) is still found.
_MARGIN = timedelta(hours=3)
# Chained absences are followed this many times at most: a loop guard, not a real limit.
_MAX_HOPS = 50
# No programme has this many non-working days in a row; the guard ends a bad holiday table.
_MAX_DAYS_OFF = 60
# Occurrences one expansion may walk through, from the anchor to the end of the window: a
# daily rule anchored fifty years back stays within it, a rule stored before the limits of
# words.checkin_limits existed (every second) does not.
MAX_EXPANDED = 20_000


class RuleRefusedError(VoortgangError, ValueError):
    """A check-in rule that is not expanded; ``reason`` says why, for the log."""

    def __init__(self, rule: str, reason: str) -> None:
        super().__init__(f"check-in rule {rule!r} not expanded: {reason}")
        self.rule = rule
        self.reason = reason


def to_utc(local: datetime, zone: ZoneInfo) -> datetime:
    """The UTC moment of a naive local wall time in ``zone``, resolved explicitly.

    - An ordinary local time has one moment.
    - A nonexistent local time (the spring-forward gap, 02:30 on 29 March 2026 in
      Amsterdam) moves forward by the length of the gap: 02:30 becomes 03:30 summer time.
    - A repeated local time (the autumn fall-back, 02:30 on 25 October 2026) takes the first
      instance, still in summer time (00:30 UTC, not 01:30 UTC).
    """
    first = local.replace(tzinfo=zone, fold=0)
    second = local.replace(tzinfo=zone, fold=1)
    before, after = first.utcoffset(), second.utcoffset()
    if before is None or after is None or before == after:
        return first.astimezone(UTC)
    if before > after:
        # Repeated: fold=0 is the earlier instance, with the larger (summer) offset.
        return first.astimezone(UTC)
    # Nonexistent: fold=0 carries the offset before the gap, fold=1 the one after it.
    return (local + (after - before)).replace(tzinfo=zone).astimezone(UTC)


def wall_time(at: datetime, zone: ZoneInfo) -> datetime:
    """The naive local wall time of a UTC moment."""
    return at.astimezone(zone).replace(tzinfo=None)


@lru_cache(maxsize=256)
def _recurrence(rule: str, anchor: date) -> rrule:
    return parse_rule(rule, datetime.combine(anchor, time()))


def _walk(recurrence: rrule, low: datetime, high: datetime) -> list[datetime] | None:
    """The wall times of ``recurrence`` in ``[low, high]``; None when reaching ``high`` takes
    more than MAX_EXPANDED occurrences."""
    found: list[datetime] = []
    try:
        for walked, naive in enumerate(recurrence, start=1):
            if naive > high:
                break
            if walked > MAX_EXPANDED:
                return None
            if naive >= low:
                found.append(naive)
    except (ValueError, OverflowError):
        pass  # the rule ran past the year 9999: what came before is all there is
    return found


def checkin_occurrences(
    rule: str, zone: ZoneInfo, after: datetime, until: datetime, anchor: date | None = None
) -> list[datetime]:
    """The check-in moments of an RRULE in ``(after, until]``, as aware UTC datetimes.

    The rule runs in naive local wall time from ``anchor`` at 00:00 (the programme's period
    start, else 1 January 2026), so "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;BYHOUR=9" is 09:00 local
    time in summer and winter alike and every other Monday counts from a fixed week. Each
    wall time is then localised by ``to_utc``: a nonexistent time moves forward by the gap, a
    repeated time takes its first (summer-time) instance.

    Raises RuleRefusedError for a rule a programme file may not hold (more than daily, more than
    366 a year, never, unreadable: see words.checkin_limits), and for one that would walk
    through more than MAX_EXPANDED occurrences: planning never runs away on a stored rule.
    """
    if until <= after:
        return []
    problem = rule_problem(rule)
    if problem is not None:
        raise RuleRefusedError(rule, problem.value)
    start = anchor if anchor is not None else DEFAULT_ANCHOR
    low = wall_time(after, zone) - _MARGIN
    high = wall_time(until, zone) + _MARGIN
    walked = _walk(_recurrence(rule, start), low, high)
    if walked is None:
        raise RuleRefusedError(rule, f"over {MAX_EXPANDED} occurrences from {start} to {high}")
    found = (to_utc(naive, zone) for naive in walked)
    return sorted({moment for moment in found if after < moment <= until})


def deadline_occurrences(
    due: date, settings: ScheduleSettings, zone: ZoneInfo
) -> list[tuple[PingRule, datetime]]:
    """The deadline pings of a due date: n days before it, and the day after it."""
    found = [
        (
            PingRule.BEFORE,
            to_utc(datetime.combine(due - timedelta(days=n), settings.ping_time), zone),
        )
        for n in settings.before_deadline
    ]
    if settings.after_deadline:
        after = datetime.combine(due + timedelta(days=1), settings.ping_time)
        found.append((PingRule.AFTER, to_utc(after, zone)))
    return found


@lru_cache(maxsize=512)
def _holidays(code: str, year: int) -> frozenset[date]:
    country, _, subdivision = code.strip().upper().partition("-")
    if not country:
        return frozenset()
    table = holidays.country_holidays(country, subdiv=subdivision or None, years=year)
    return frozenset(table.keys())


@dataclass(frozen=True, slots=True)
class Calendar:
    """Working days: Monday to Friday, except the public holidays of ``holidays``.

    ``holidays`` is a country code with an optional subdivision ("NL", "DE-NW"); "" has none.
    """

    holidays: str = "NL"

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and day not in _holidays(self.holidays, day.year)

    def next_working_day(self, day: date) -> date:
        """``day`` itself when it is a working day, else the first working day after it."""
        for _ in range(_MAX_DAYS_OFF):
            if self.is_working_day(day):
                return day
            day += timedelta(days=1)
        raise ValueError(f"no working day within {_MAX_DAYS_OFF} days of {day}")

    def add_working_days(self, day: date, days: int) -> date:
        """The date ``days`` working days after ``day`` (which itself need not be one)."""
        for _ in range(days):
            day = self.next_working_day(day + timedelta(days=1))
        return day


def _on_day(day: date, at: datetime, zone: ZoneInfo) -> datetime:
    """The moment on ``day`` with the same local wall time as ``at``."""
    return to_utc(datetime.combine(day, wall_time(at, zone).time()), zone)


def next_working_moment(at: datetime, zone: ZoneInfo, calendar: Calendar) -> datetime:
    """``at`` on a working day; on a weekend or holiday, the next working day, same local time."""
    day = at.astimezone(zone).date()
    working = calendar.next_working_day(day)
    return at if working == day else _on_day(working, at, zone)


def add_working_days(at: datetime, days: int, zone: ZoneInfo, calendar: Calendar) -> datetime:
    """The moment ``days`` working days after ``at``, at the same local time.

    Sent on Friday 09:00 with two working days: Tuesday 09:00 (Wednesday 09:00 after a
    Monday holiday).
    """
    if days <= 0:
        return at
    day = calendar.add_working_days(at.astimezone(zone).date(), days)
    return _on_day(day, at, zone)


@dataclass(frozen=True, slots=True)
class Started:
    """Which start moments ``s`` have ``add_working_days(s, days) <= now``.

    Every moment at or before ``surely`` does and none after ``at_most`` does; those in
    between are checked one by one. The two differ only when today can be reached from a
    working day and the non-working days after it: a ping sent on Thursday 10:00 is due
    Tuesday 10:00, one sent on Saturday 08:00 (after Good Friday) Tuesday 08:00.
    """

    surely: datetime
    at_most: datetime


def _start_of(day: date, zone: ZoneInfo) -> datetime:
    return to_utc(datetime.combine(day, time()), zone)


def _surely(first: date, now: datetime, days: int, zone: ZoneInfo, calendar: Calendar) -> datetime:
    found = _on_day(first, now, zone)
    if add_working_days(found, days, zone, calendar) <= now:
        return found
    # Now's wall time falls in that day's spring gap and moved past it: take the time with
    # the offset after the gap, an hour early instead of too late.
    wall = datetime.combine(first, wall_time(now, zone).time())
    return wall.replace(tzinfo=zone, fold=1).astimezone(UTC)


def started(now: datetime, days: int, zone: ZoneInfo, calendar: Calendar) -> Started:
    """The moments that are ``days`` working days before ``now`` or earlier, as bounds.

    Lets storage find the pings whose reminder or escalation is due with a comparison
    (``sent_at <= at_most``) instead of a working-day sum over every row.
    """
    if days <= 0:
        return Started(now, now)
    today = now.astimezone(zone).date()
    day = today
    reaching: list[date] = []  # start days that reach exactly today, latest first
    for _ in range(days * 3 + _MAX_DAYS_OFF):
        reached = calendar.add_working_days(day, days)
        if reached < today:
            break
        if reached == today:
            reaching.append(day)
        day -= timedelta(days=1)
    else:
        raise ValueError(f"no start day found for {days} working days before {today}")
    # Every moment of ``day`` and before reaches an earlier day than today.
    whole_days = _start_of(day + timedelta(days=1), zone) - timedelta(microseconds=1)
    if not reaching:
        return Started(whole_days, whole_days)
    surely = _surely(reaching[-1], now, days, zone, calendar)
    # In a repeated autumn hour the same wall time comes twice: the later one bounds.
    wall = datetime.combine(reaching[0], wall_time(now, zone).time())
    at_most = max(to_utc(wall, zone), wall.replace(tzinfo=zone, fold=1).astimezone(UTC))
    return Started(max(surely, whole_days), at_most)


@dataclass(frozen=True, slots=True)
class Away:
    """An absence as the rules need it: first and last day away (inclusive), and the deputy."""

    starts_on: date
    ends_on: date
    deputy_id: int | None = None

    def covers(self, day: date) -> bool:
        return self.starts_on <= day <= self.ends_on


def who_is_asked(
    owner_id: int,
    at: datetime,
    absences: Sequence[Away],
    settings: ScheduleSettings,
    *,
    zone: ZoneInfo,
    calendar: Calendar,
) -> tuple[int, datetime]:
    """Who is asked, and when, for a ping to ``owner_id`` nominally due at ``at``.

    The moment first moves to a working day. If the owner is away that day, the deputy is
    asked at the same moment when ``when_absent`` is deputy and the absence names one;
    otherwise the ping waits until the first working day after the absence ends, at the same
    local time (and again, should the owner be away then too).
    """
    moment = next_working_moment(at, zone, calendar)
    for _ in range(_MAX_HOPS):
        day = moment.astimezone(zone).date()
        away = next((a for a in absences if a.covers(day)), None)
        if away is None:
            return owner_id, moment
        if settings.when_absent is WhenAbsent.DEPUTY and away.deputy_id is not None:
            return away.deputy_id, moment
        back = _on_day(away.ends_on + timedelta(days=1), moment, zone)
        moment = next_working_moment(back, zone, calendar)
    return owner_id, moment
