"""When weekly digests fall due: each programme's day and time, in its own time zone."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from storage.models import Programme
from words.checkin_settings import ScheduleSettings
from words.rules import to_utc


def occurrence_on(day: date, settings: ScheduleSettings, zone: ZoneInfo) -> datetime:
    # A wall-clock time, resolved across daylight saving time the same way as pings.
    return to_utc(datetime.combine(day, settings.digest_time), zone)


def latest_digest(programme: Programme, now: datetime) -> datetime:
    """The newest digest moment at or before ``now``."""
    settings = ScheduleSettings.from_json(programme.schedule)
    zone = ZoneInfo(programme.timezone)
    local = now.astimezone(zone)
    back = (local.weekday() - settings.digest_weekday) % 7
    moment = occurrence_on(local.date() - timedelta(days=back), settings, zone)
    if moment > now:
        moment = occurrence_on(local.date() - timedelta(days=back + 7), settings, zone)
    return moment


def next_digest(programme: Programme, now: datetime) -> datetime:
    """The first digest moment after ``now``."""
    latest = latest_digest(programme, now)
    zone = ZoneInfo(programme.timezone)
    settings = ScheduleSettings.from_json(programme.schedule)
    return occurrence_on(latest.astimezone(zone).date() + timedelta(days=7), settings, zone)


def mark_name(programme: Programme, moment: datetime) -> str:
    local = moment.astimezone(ZoneInfo(programme.timezone))
    return f"digest:{programme.key}:{local.date().isoformat()}"
