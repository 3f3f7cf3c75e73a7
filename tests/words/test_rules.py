"""The check-in rules: occurrences across daylight saving time, working days, absences."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from words.checkin_settings import ScheduleSettings, WhenAbsent
from words.domain import PingRule
from words.rules import (
    Away,
    Calendar,
    Started,
    add_working_days,
    checkin_occurrences,
    deadline_occurrences,
    next_working_moment,
    started,
    to_utc,
    who_is_asked,
)

AMS = ZoneInfo("Europe/Amsterdam")
NL = Calendar("NL")
WEEKLY = "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0"
FORTNIGHTLY = "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;BYHOUR=9;BYMINUTE=0"
NIGHTLY = "FREQ=DAILY;BYHOUR=2;BYMINUTE=30"


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def wall(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """A naive local wall time, as rules are evaluated in."""
    return datetime.combine(date(year, month, day), time(hour, minute))


def local(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """A moment given in Amsterdam wall time (unambiguous times only)."""
    return datetime(year, month, day, hour, minute, tzinfo=AMS).astimezone(UTC)


# -- local time to UTC ------------------------------------------------------------------------


def test_ordinary_local_times_in_winter_and_summer() -> None:
    assert to_utc(wall(2026, 1, 12, 9), AMS) == utc(2026, 1, 12, 8)
    assert to_utc(wall(2026, 7, 13, 9), AMS) == utc(2026, 7, 13, 7)


def test_a_nonexistent_time_moves_forward_by_the_gap() -> None:
    # 02:30 does not exist on 29 March 2026: it becomes 03:30 summer time.
    moment = to_utc(wall(2026, 3, 29, 2, 30), AMS)
    assert moment == utc(2026, 3, 29, 1, 30)
    assert moment.astimezone(AMS).replace(tzinfo=None) == wall(2026, 3, 29, 3, 30)


def test_a_repeated_time_takes_its_first_summer_time_instance() -> None:
    # 02:30 happens twice on 25 October 2026: first at 00:30 UTC (summer), then 01:30 UTC.
    assert to_utc(wall(2026, 10, 25, 2, 30), AMS) == utc(2026, 10, 25, 0, 30)


# -- check-in occurrences ---------------------------------------------------------------------


def test_weekly_nine_oclock_stays_nine_across_spring_forward() -> None:
    found = checkin_occurrences(WEEKLY, AMS, utc(2026, 3, 20), utc(2026, 4, 7))
    assert found == [utc(2026, 3, 23, 8), utc(2026, 3, 30, 7), utc(2026, 4, 6, 7)]
    assert {m.astimezone(AMS).time() for m in found} == {time(9)}


def test_weekly_nine_oclock_stays_nine_across_fall_back() -> None:
    found = checkin_occurrences(WEEKLY, AMS, utc(2026, 10, 17), utc(2026, 11, 3))
    assert found == [utc(2026, 10, 19, 7), utc(2026, 10, 26, 8), utc(2026, 11, 2, 8)]


def test_a_nightly_rule_through_the_spring_gap_asks_once_a_night() -> None:
    found = checkin_occurrences(NIGHTLY, AMS, utc(2026, 3, 27, 12), utc(2026, 3, 30, 12))
    assert found == [utc(2026, 3, 28, 1, 30), utc(2026, 3, 29, 1, 30), utc(2026, 3, 30, 0, 30)]


def test_a_nightly_rule_through_the_repeated_hour_asks_once_a_night() -> None:
    found = checkin_occurrences(NIGHTLY, AMS, utc(2026, 10, 23, 12), utc(2026, 10, 26, 12))
    assert found == [utc(2026, 10, 24, 0, 30), utc(2026, 10, 25, 0, 30), utc(2026, 10, 26, 1, 30)]


def test_every_other_week_counts_from_the_anchor_not_from_the_window() -> None:
    # Anchored on 1 January 2026 the BOCE fortnight falls on 16 and 30 November ...
    for start in (utc(2026, 11, 9), utc(2026, 11, 17), utc(2026, 11, 29)):
        found = checkin_occurrences(FORTNIGHTLY, AMS, start, utc(2026, 12, 8))
        assert found[-1] == utc(2026, 11, 30, 8)
        assert utc(2026, 11, 23, 8) not in found
    # ... and anchored on Monday 5 January 2026, on 9 and 23 November and 7 December.
    found = checkin_occurrences(
        FORTNIGHTLY, AMS, utc(2026, 11, 9), utc(2026, 12, 8), date(2026, 1, 5)
    )
    assert found == [utc(2026, 11, 9, 8), utc(2026, 11, 23, 8), utc(2026, 12, 7, 8)]


def test_the_window_excludes_its_start_and_includes_its_end() -> None:
    monday = utc(2026, 11, 23, 8)
    assert checkin_occurrences(WEEKLY, AMS, monday, monday + timedelta(days=6)) == []
    assert checkin_occurrences(WEEKLY, AMS, monday - timedelta(days=1), monday) == [monday]
    assert checkin_occurrences(WEEKLY, AMS, monday, monday) == []


def test_a_rule_may_carry_the_rrule_prefix() -> None:
    found = checkin_occurrences("RRULE:" + WEEKLY, AMS, utc(2026, 11, 22), utc(2026, 11, 24))
    assert found == [utc(2026, 11, 23, 8)]


# -- deadline occurrences ---------------------------------------------------------------------


def test_deadline_pings_before_and_after() -> None:
    found = deadline_occurrences(date(2026, 12, 4), ScheduleSettings(), AMS)
    assert found == [
        (PingRule.BEFORE, utc(2026, 11, 27, 8)),
        (PingRule.BEFORE, utc(2026, 12, 3, 8)),
        (PingRule.AFTER, utc(2026, 12, 5, 8)),
    ]


def test_deadline_pings_follow_the_settings_and_summer_time() -> None:
    settings = ScheduleSettings(before_deadline=(3,), after_deadline=False, ping_time=time(14))
    found = deadline_occurrences(date(2027, 6, 30), settings, AMS)
    assert found == [(PingRule.BEFORE, utc(2027, 6, 27, 12))]


# -- working days -----------------------------------------------------------------------------


def test_a_weekend_moment_moves_to_monday_same_local_time() -> None:
    assert next_working_moment(local(2026, 11, 28, 9), AMS, NL) == local(2026, 11, 30, 9)
    assert next_working_moment(local(2026, 11, 27, 9), AMS, NL) == local(2026, 11, 27, 9)


def test_easter_monday_2027_moves_to_tuesday_in_summer_time() -> None:
    # Tweede Paasdag, the day after the clocks went forward: 09:00 local stays 09:00.
    assert NL.is_working_day(date(2027, 3, 29)) is False
    moved = next_working_moment(local(2027, 3, 29, 9), AMS, NL)
    assert moved == utc(2027, 3, 30, 7)


def test_christmas_and_kings_day_are_not_working_days() -> None:
    assert next_working_moment(local(2026, 12, 25, 9), AMS, NL) == local(2026, 12, 28, 9)
    assert next_working_moment(local(2027, 4, 27, 9), AMS, NL) == local(2027, 4, 28, 9)


def test_without_a_holiday_country_only_weekends_are_off() -> None:
    none = Calendar("")
    assert none.is_working_day(date(2027, 3, 29)) is True
    assert none.is_working_day(date(2027, 3, 27)) is False


def test_a_subdivision_uses_its_own_holidays() -> None:
    # Fronleichnam (Corpus Christi) is a holiday in North Rhine-Westphalia, not in Berlin.
    assert Calendar("DE-NW").is_working_day(date(2026, 6, 4)) is False
    assert Calendar("DE-BE").is_working_day(date(2026, 6, 4)) is True


def test_working_days_skip_weekends_and_holidays() -> None:
    assert add_working_days(local(2026, 11, 27, 9), 2, AMS, NL) == local(2026, 12, 1, 9)
    # Thursday before Easter 2027: Good Friday, the weekend and Easter Monday are skipped,
    # and the clocks go forward on the way.
    assert add_working_days(local(2027, 3, 25, 9), 2, AMS, NL) == utc(2027, 3, 31, 7)
    assert add_working_days(local(2026, 11, 23, 9), 0, AMS, NL) == local(2026, 11, 23, 9)


def test_started_on_a_tuesday_reaches_back_over_the_weekend() -> None:
    # Sent on Friday at nine or earlier, or any time on Monday
    now = local(2026, 12, 1, 9)
    bounds = started(now, 2, AMS, NL)
    assert bounds == Started(local(2026, 11, 27, 9), local(2026, 11, 29, 9))
    assert add_working_days(bounds.surely, 2, AMS, NL) == now
    assert add_working_days(bounds.surely + timedelta(seconds=1), 2, AMS, NL) > now
    # Between the bounds the time of day decides: a Saturday morning counts, Friday noon not.
    assert add_working_days(local(2026, 11, 28, 8), 2, AMS, NL) <= now
    assert add_working_days(local(2026, 11, 27, 12), 2, AMS, NL) > now


def test_started_over_christmas_includes_the_holiday_and_weekend() -> None:
    now = local(2026, 12, 29, 9)  # Tuesday: Thursday 24th to Sunday 27th reach it
    assert started(now, 2, AMS, NL) == Started(local(2026, 12, 24, 9), local(2026, 12, 27, 9))


def test_started_on_a_weekend_takes_whole_days() -> None:
    # On Sunday nothing is due today: everything sent on Wednesday or before is.
    sunday = local(2026, 11, 29, 9)
    end_of_wednesday = local(2026, 11, 26, 0) - timedelta(microseconds=1)
    assert started(sunday, 2, AMS, NL) == Started(end_of_wednesday, end_of_wednesday)


def test_started_is_never_late_when_the_time_falls_in_the_spring_gap() -> None:
    # 02:00 on Tuesday 7 April 2026; five working days back lands on the night the clocks
    # went forward, when 02:00 did not exist.
    now = utc(2026, 4, 7, 0)
    bounds = started(now, 5, AMS, NL)
    assert add_working_days(bounds.surely, 5, AMS, NL) <= now


moments = st.datetimes(
    min_value=wall(2026, 1, 1), max_value=wall(2028, 1, 1), timezones=st.just(UTC)
)


@given(
    now=moments,
    before=st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=14)),
    days=st.integers(min_value=1, max_value=5),
)
def test_started_agrees_with_add_working_days(now: datetime, before: timedelta, days: int) -> None:
    sent = now - before
    bounds = started(now, days, AMS, NL)
    due = add_working_days(sent, days, AMS, NL)
    if sent <= bounds.surely:
        assert due <= now
    if sent > bounds.at_most:
        assert due > now


# -- who is asked -----------------------------------------------------------------------------

OWNER, DEPUTY = 1, 2
AWAY = Away(date(2026, 11, 16), date(2026, 12, 11), DEPUTY)


def ask(at: datetime, absences: list[Away], when: WhenAbsent) -> tuple[int, datetime]:
    settings = ScheduleSettings(when_absent=when)
    return who_is_asked(OWNER, at, absences, settings, zone=AMS, calendar=NL)


def test_an_owner_who_is_in_is_asked() -> None:
    monday = local(2026, 12, 14, 9)
    assert ask(monday, [AWAY], WhenAbsent.DEPUTY) == (OWNER, monday)


def test_a_deputy_is_asked_at_the_same_moment() -> None:
    monday = local(2026, 11, 23, 9)
    assert ask(monday, [AWAY], WhenAbsent.DEPUTY) == (DEPUTY, monday)


def test_the_ping_waits_for_the_owner_when_set_to_wait() -> None:
    # Back on Saturday 12 December: asked on Monday 14 December, same local time.
    assert ask(local(2026, 11, 23, 9), [AWAY], WhenAbsent.WAIT) == (OWNER, local(2026, 12, 14, 9))


def test_without_a_deputy_the_ping_waits() -> None:
    away = Away(date(2026, 11, 16), date(2026, 11, 24), None)
    assert ask(local(2026, 11, 23, 9), [away], WhenAbsent.DEPUTY) == (OWNER, local(2026, 11, 25, 9))


def test_back_to_back_absences_are_waited_out_together() -> None:
    first = Away(date(2026, 11, 16), date(2026, 11, 27), None)
    second = Away(date(2026, 11, 30), date(2026, 12, 2), None)
    result = ask(local(2026, 11, 23, 9), [first, second], WhenAbsent.WAIT)
    assert result == (OWNER, local(2026, 12, 3, 9))


def test_a_weekend_moment_is_moved_before_absence_is_checked() -> None:
    # Saturday's ping moves to Monday 16 November, the first day away: the deputy is asked.
    assert ask(local(2026, 11, 14, 9), [AWAY], WhenAbsent.DEPUTY) == (
        DEPUTY,
        local(2026, 11, 16, 9),
    )


@pytest.mark.parametrize("when", list(WhenAbsent))
def test_no_absences_means_the_owner_on_a_working_day(when: WhenAbsent) -> None:
    assert ask(local(2026, 11, 22, 9), [], when) == (OWNER, local(2026, 11, 23, 9))
