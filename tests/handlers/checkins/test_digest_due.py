"""When weekly digests fall due, in the programme's zone, across daylight saving time."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from handlers.checkins.digest_due import latest_digest, mark_name, next_digest
from storage.models import Programme
from words.checkin_settings import ScheduleSettings


def boce(**schedule: object) -> Programme:
    settings = ScheduleSettings.from_json(dict(schedule))
    return Programme(key="boce", timezone="Europe/Amsterdam", schedule=settings.to_json())


@pytest.mark.parametrize(
    ("now", "latest"),
    [
        # Sunday 22 November 2026: the last digest was Monday 16 November, 09:00 CET.
        (datetime(2026, 11, 22, 12, tzinfo=UTC), datetime(2026, 11, 16, 8, tzinfo=UTC)),
        # Monday 23 November 08:59 CET is still before this week's.
        (datetime(2026, 11, 23, 7, 59, tzinfo=UTC), datetime(2026, 11, 16, 8, tzinfo=UTC)),
        (datetime(2026, 11, 23, 8, 0, tzinfo=UTC), datetime(2026, 11, 23, 8, tzinfo=UTC)),
        # Summer time: 09:00 CEST is 07:00 UTC.
        (datetime(2026, 6, 10, 12, tzinfo=UTC), datetime(2026, 6, 8, 7, tzinfo=UTC)),
    ],
)
def test_latest_digest_is_monday_nine_local(now: datetime, latest: datetime) -> None:
    assert latest_digest(boce(), now) == latest


def test_next_digest_keeps_local_time_across_the_october_switch() -> None:
    # Monday 19 October 2026 09:00 CEST; the clocks go back on Sunday 25 October.
    after = datetime(2026, 10, 19, 7, 30, tzinfo=UTC)
    assert next_digest(boce(), after) == datetime(2026, 10, 26, 8, tzinfo=UTC)


def test_another_day_and_time() -> None:
    programme = boce(digest_weekday=4, digest_time="16:30")  # Friday 16:30
    now = datetime(2026, 11, 22, 12, tzinfo=UTC)
    assert latest_digest(programme, now) == datetime(2026, 11, 20, 15, 30, tzinfo=UTC)
    assert next_digest(programme, now) == datetime(2026, 11, 27, 15, 30, tzinfo=UTC)


def test_mark_names_the_local_day() -> None:
    # 23:30 UTC on Sunday is already Monday in Amsterdam.
    assert mark_name(boce(), datetime(2026, 11, 22, 23, 30, tzinfo=UTC)) == "digest:boce:2026-11-23"
