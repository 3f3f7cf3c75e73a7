"""The one place that knows APScheduler: the clock process's jobs and their time zone."""

from __future__ import annotations

from datetime import timedelta

from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.interval import IntervalTrigger

from bot import jobs
from bot.clock import Clock
from bot.register import Register
from config.settings import Settings

HEARTBEAT_EVERY = timedelta(minutes=1)


def schedule(
    scheduler: BaseScheduler, register: Register, settings: Settings, clock: Clock
) -> None:
    """Add the clock's jobs; each runs once at a time and missed runs collapse into one."""
    scheduler.add_job(
        jobs.heartbeat,
        IntervalTrigger(seconds=HEARTBEAT_EVERY.total_seconds(), timezone=settings.zone),
        args=(register, clock, jobs.holder_name()),
        id="heartbeat",
        replace_existing=True,
        coalesce=True,
        max_instances=1,
        next_run_time=clock.now(),
    )


def run_clock(register: Register, settings: Settings, clock: Clock) -> None:
    """Block, running the jobs, until the process is stopped."""
    scheduler = BlockingScheduler(timezone=settings.zone)
    schedule(scheduler, register, settings, clock)
    scheduler.start()
