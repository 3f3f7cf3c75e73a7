"""Check-in rules a programme may use, and a tick that never runs away on one it may not."""

from __future__ import annotations

import logging
import time
from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import update

from bot.engine.opening import Register
from handlers.programme_file.read import parse_programme_text
from storage.db import transaction
from storage.models import Programme
from tests.checkin_world import SUNDAY, WEEKLY, make_world, utc
from tests.conftest import TODAY
from tests.programme_files import MINIMAL
from words import checkin_limits
from words.checkin_limits import MAX_PER_YEAR, RuleProblem, rule_problem
from words.domain import PingRule
from words.programme.doc import ProgrammeFileError
from words.rules import MAX_EXPANDED, RuleRefusedError, checkin_occurrences

AMS = ZoneInfo("Europe/Amsterdam")


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;BYHOUR=9;BYMINUTE=0",
        "FREQ=MONTHLY;BYDAY=1TU;BYHOUR=10;BYMINUTE=0",
        "RRULE:FREQ=WEEKLY;BYDAY=MO",
        "FREQ=DAILY;BYHOUR=9;BYMINUTE=0;BYSECOND=0",
        "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU",
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
        "FREQ=WEEKLY;BYDAY=MO;COUNT=3",
        "FREQ=DAILY;UNTIL=20270101",
        "freq=weekly;byday=mo",
    ],
)
def test_rules_a_programme_needs_are_allowed(rule: str) -> None:
    assert rule_problem(rule) is None


@pytest.mark.parametrize(
    ("rule", "problem"),
    [
        ("FREQ=SECONDLY", RuleProblem.TOO_OFTEN),
        ("FREQ=MINUTELY;BYMINUTE=0;BYSECOND=0", RuleProblem.TOO_OFTEN),
        ("FREQ=HOURLY", RuleProblem.TOO_OFTEN),
        ("FREQ=DAILY;BYHOUR=9,14", RuleProblem.SEVERAL_A_DAY),
        ("FREQ=WEEKLY;BYDAY=MO;BYMINUTE=0,30", RuleProblem.SEVERAL_A_DAY),
        ("FREQ=DAILY;BYSECOND=" + ",".join(map(str, range(60))), RuleProblem.SEVERAL_A_DAY),
        ("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", RuleProblem.NEVER),
        ("FREQ=YEARLY;BYYEARDAY=400", RuleProblem.NEVER),
        ("FREQ=WEEKLY;INTERVAL=0", RuleProblem.INVALID),
        ("FREQ=WEEKLY;INTERVAL=-1", RuleProblem.INVALID),
        ("FREQ=WEEKLY;COUNT=-1", RuleProblem.INVALID),
        ("FREQ=DAILY;BYHOUR=9;BYHOUR=10", RuleProblem.INVALID),
        ("FREQ=MONTHLY;BYDAY=+60MO", RuleProblem.INVALID),
        ("FREQ=YEARLY;BYEASTER=1000000", RuleProblem.INVALID),
        ("DTSTART:20260101T000000\nRRULE:FREQ=DAILY", RuleProblem.INVALID),
        ("FREQ=WEEKLY;BYDAY=MO\nRDATE:20260101", RuleProblem.INVALID),
        ("FREQ=WEEKLY;UNTIL=20270101T000000Z", RuleProblem.INVALID),
        ("elke maandag", RuleProblem.INVALID),
        ("", RuleProblem.INVALID),
    ],
)
def test_rules_beyond_what_a_programme_needs_are_refused_quickly(
    rule: str, problem: RuleProblem
) -> None:
    rule_problem.cache_clear()
    started = time.thread_time()
    assert rule_problem(rule) is problem
    # "Never" means searching to the year 9999 for dateutil from 2026: seconds. Not here.
    assert time.thread_time() - started < 0.1


def test_the_yearly_count_is_bounded_and_counts_a_leap_year(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert MAX_PER_YEAR == 366
    rule_problem.cache_clear()
    monkeypatch.setattr(checkin_limits, "MAX_PER_YEAR", 365)
    assert rule_problem("FREQ=DAILY") is RuleProblem.TOO_MANY
    assert rule_problem("FREQ=WEEKLY;BYDAY=MO") is None
    rule_problem.cache_clear()


def test_planning_refuses_a_rule_a_file_may_not_hold() -> None:
    with pytest.raises(RuleRefusedError) as caught:
        checkin_occurrences("FREQ=SECONDLY", AMS, utc(2026, 11, 22), utc(2026, 12, 6))
    assert caught.value.reason == "too_often"


def test_planning_walks_no_more_than_its_limit_from_the_anchor() -> None:
    # Daily since 1900: more than MAX_EXPANDED occurrences before the window is reached.
    started = time.thread_time()
    with pytest.raises(RuleRefusedError) as caught:
        checkin_occurrences(
            "FREQ=DAILY;BYHOUR=9", AMS, utc(2026, 11, 22), utc(2026, 12, 6), date(1900, 1, 1)
        )
    assert caught.value.reason.startswith(f"over {MAX_EXPANDED} occurrences")
    assert time.thread_time() - started < 1.0
    # Anchored this century, the same rule is planned as always.
    found = checkin_occurrences(
        "FREQ=DAILY;BYHOUR=9", AMS, utc(2026, 11, 22), utc(2026, 11, 25), date(2000, 1, 1)
    )
    assert found == [utc(2026, 11, 22, 8), utc(2026, 11, 23, 8), utc(2026, 11, 24, 8)]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("  name: Mini\n", "  name: Mini\n  checkin: FREQ=SECONDLY\n"),
            (
                "mini.yaml:4: programme.checkin: 'FREQ=SECONDLY' vraagt vaker dan eens per dag; "
                "een check-in is hoogstens dagelijks"
            ),
        ),
        (
            ("    status: op schema\n", "    status: op schema\n    checkin: FREQ=MINUTELY\n"),
            "mini.yaml:21: actions[0].checkin: 'FREQ=MINUTELY' vraagt vaker dan eens per dag",
        ),
        (
            (
                "    status: op schema\n",
                "    status: op schema\n    checkin: FREQ=DAILY;BYMINUTE=0,30\n",
            ),
            (
                "mini.yaml:21: actions[0].checkin: 'FREQ=DAILY;BYMINUTE=0,30' noemt meer dan één "
                "tijdstip per dag"
            ),
        ),
        (
            ("  name: Mini\n", "  name: Mini\n  checkin: FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30\n"),
            (
                "mini.yaml:4: programme.checkin: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30' valt in een "
                "jaar geen enkele keer"
            ),
        ),
        (
            ("  name: Mini\n", "  name: Mini\n  checkin: elke maandag\n"),
            "mini.yaml:4: programme.checkin: 'elke maandag' is geen geldige herhaalregel",
        ),
    ],
)
def test_a_programme_file_with_a_runaway_rule_is_refused_with_its_line(
    change: tuple[str, str], expected: str
) -> None:
    with pytest.raises(ProgrammeFileError) as caught:
        parse_programme_text(MINIMAL.replace(*change), "mini.yaml", TODAY)
    found = [str(p) for p in caught.value.problems]
    assert any(p.startswith(expected) for p in found), found


def test_the_refusal_says_what_is_allowed_in_english() -> None:
    text = MINIMAL.replace("  name: Mini\n", "  name: Mini\n  checkin: FREQ=HOURLY\n")
    with pytest.raises(ProgrammeFileError) as caught:
        parse_programme_text(text, "mini.yaml", TODAY, "en")
    assert [str(p) for p in caught.value.problems] == [
        (
            "mini.yaml:4: programme.checkin: 'FREQ=HOURLY' asks more often than once a day; a "
            "check-in is at most daily: FREQ=DAILY, WEEKLY, MONTHLY or YEARLY, for example "
            "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9"
        )
    ]


@pytest.mark.parametrize(
    "rule", ["FREQ=SECONDLY", "FREQ=MINUTELY", "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30"]
)
def test_a_tick_skips_a_stored_runaway_rule_with_a_log_line(
    register: Register, caplog: pytest.LogCaptureFixture, rule: str
) -> None:
    # Stored before the programme file's checks existed: the tick must not run away on it.
    world = make_world(register)
    runaway = world.action(1, rule=rule)
    ordinary = world.action(2)
    caplog.set_level(logging.WARNING, logger="handlers.checkins.schedule")
    started = time.thread_time()
    world.tick(SUNDAY)
    world.tick(SUNDAY + timedelta(minutes=1))
    assert time.thread_time() - started < 2.0
    checkins = world.pings(rule=PingRule.CHECKIN)
    assert {p.action_id for p in checkins} == {ordinary}
    assert len(checkins) == 2
    assert runaway not in {p.action_id for p in world.pings()}
    skipped = [r.getMessage() for r in caplog.records if "skipped" in r.getMessage()]
    assert skipped
    assert skipped[0].startswith(f"programme test: check-in rule {rule!r} skipped: ")


def test_a_tick_skips_a_stored_runaway_programme_rule(
    register: Register, caplog: pytest.LogCaptureFixture
) -> None:
    world = make_world(register, rule="FREQ=MINUTELY")
    world.action(1, due=SUNDAY.date() + timedelta(days=7))
    caplog.set_level(logging.WARNING, logger="handlers.checkins.schedule")
    world.tick(SUNDAY)
    assert world.pings(rule=PingRule.CHECKIN) == []
    # The deadline's own pings are planned as always.
    assert world.pings(rule=PingRule.BEFORE)
    assert any("'FREQ=MINUTELY' skipped: too_often" in r.getMessage() for r in caplog.records)


def test_a_tick_skips_a_rule_anchored_too_far_back(
    register: Register, caplog: pytest.LogCaptureFixture
) -> None:
    world = make_world(register, rule=WEEKLY)
    world.action(1, rule="FREQ=DAILY;BYHOUR=9;BYMINUTE=0")
    with transaction(register.sessions) as session:
        session.execute(update(Programme).values(period_start=date(1900, 1, 1)))
    caplog.set_level(logging.WARNING, logger="handlers.checkins.schedule")
    started = time.thread_time()
    world.tick(SUNDAY)
    assert time.thread_time() - started < 2.0
    assert any(f"over {MAX_EXPANDED} occurrences" in r.getMessage() for r in caplog.records)
