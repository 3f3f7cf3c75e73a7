"""The one place that knows APScheduler: the clock process's jobs and their time zones."""

from __future__ import annotations

import logging
import threading
from datetime import timedelta
from zoneinfo import ZoneInfo

from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot import jobs, logtext
from bot.clock import Clock
from bot.leader import Leadership, wait_until_leader
from bot.register import Register
from bot.schedule import ScheduleSettings
from config.settings import Settings
from storage.register import programmes

HEARTBEAT_EVERY = timedelta(minutes=1)
TICK_EVERY = timedelta(minutes=1)
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

log = logging.getLogger(__name__)


def schedule(
    scheduler: BaseScheduler, register: Register, settings: Settings, clock: Clock
) -> None:
    """Add the clock's jobs; each runs once at a time and missed runs collapse into one."""
    common = {"replace_existing": True, "coalesce": True, "max_instances": 1}
    scheduler.add_job(
        jobs.heartbeat,
        IntervalTrigger(seconds=HEARTBEAT_EVERY.total_seconds(), timezone=settings.zone),
        args=(register, clock, jobs.holder_name()),
        id="heartbeat",
        next_run_time=clock.now(),
        **common,
    )
    scheduler.add_job(
        jobs.tick,
        IntervalTrigger(seconds=TICK_EVERY.total_seconds(), timezone=settings.zone),
        args=(register, clock),
        id="tick",
        next_run_time=clock.now(),
        **common,
    )
    # Digests missed while the clock was down are caught up once at start.
    scheduler.add_job(jobs.digests_due, args=(register, clock), id="digest-catch-up", **common)
    with register.sessions() as session:
        for programme in programmes(session):
            settings_ = ScheduleSettings.from_json(programme.schedule)
            scheduler.add_job(
                jobs.digest,
                CronTrigger(
                    day_of_week=DAYS[settings_.digest_weekday],
                    hour=settings_.digest_time.hour,
                    minute=settings_.digest_time.minute,
                    timezone=ZoneInfo(programme.timezone),
                ),
                args=(register, clock, programme.id),
                id=f"digest:{programme.key}",
                misfire_grace_time=int(jobs.DIGEST_GRACE.total_seconds()),
                **common,
            )


def run_clock(register: Register, settings: Settings, clock: Clock) -> None:
    """Stand by until this process leads, then block running the jobs until stopped."""
    leadership = Leadership(register.engine, "voortgang-clock")
    stop = threading.Event()
    if not leadership.acquire():
        log.info(logtext.CLOCK_STANDBY)
        if not wait_until_leader(leadership, stop.wait):
            return
    log.info(logtext.CLOCK_LEADING)
    scheduler = BlockingScheduler(timezone=settings.zone)
    schedule(scheduler, register, settings, clock)
    try:
        scheduler.start()
    finally:
        leadership.release()
