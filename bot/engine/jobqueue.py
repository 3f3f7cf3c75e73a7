"""The one place that knows APScheduler: the clock process's jobs, their time zones, and the
scheduler that runs them while this process leads."""

from __future__ import annotations

import logging
import threading
from datetime import timedelta
from zoneinfo import ZoneInfo

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot.engine import clock_jobs as jobs
from bot.engine.leader import Leadership, wait_until_leader
from bot.engine.liveness import HEARTBEAT_EVERY
from bot.engine.opening import Register
from config.settings import Settings
from storage.register import programmes
from words import logtext
from words.checkin_settings import ScheduleSettings
from words.clock import Clock

TICK_EVERY = timedelta(minutes=1)
TIDY_EVERY = timedelta(hours=1)
STOP_CHECK = 1.0  # seconds; a signal wakes the wait at once, this is only a backstop
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
    scheduler.add_job(
        jobs.tidy,
        IntervalTrigger(seconds=TIDY_EVERY.total_seconds(), timezone=settings.zone),
        args=(register, clock),
        id="tidy",
        **common,
    )
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
                args=(register, clock, programme.id, settings.email is not None),
                id=f"digest:{programme.key}",
                misfire_grace_time=int(jobs.DIGEST_GRACE.total_seconds()),
                **common,
            )


def _catch_up(register: Register, clock: Clock, mail: bool) -> None:
    """Digests missed while the clock was down, once at start. Here, not as a one-off job of
    the scheduler: a stop while the scheduler removed such a job made it fail noisily."""
    try:
        jobs.digests_due(register, clock, mail=mail)
    except Exception:  # the process's guard: the weekly jobs go on regardless
        log.exception(logtext.CATCH_UP_FAILED)


def lead(register: Register, settings: Settings, clock: Clock, stopping: threading.Event) -> None:
    """Stand by until this process leads, then run the jobs until ``stopping`` is set."""
    leadership = Leadership(register.engine, "voortgang-clock")
    if not leadership.acquire():
        log.info(logtext.CLOCK_STANDBY)
        if not wait_until_leader(leadership, stopping.wait):
            return
    try:
        if stopping.is_set():
            return
        log.info(logtext.CLOCK_LEADING)
        # The jobs run in the scheduler's threads; this one waits to be told to stop, and a
        # signal that comes at any moment, even while the scheduler starts, is seen.
        scheduler = BackgroundScheduler(timezone=settings.zone)
        schedule(scheduler, register, settings, clock)
        scheduler.start()
        try:
            _catch_up(register, clock, settings.email is not None)
            while not stopping.wait(STOP_CHECK):
                pass
        finally:
            scheduler.shutdown(wait=True)
    finally:
        leadership.release()
