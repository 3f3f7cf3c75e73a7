"""The one place that knows APScheduler: the clock process's jobs and their time zones."""

from __future__ import annotations

import logging
import threading
from datetime import timedelta
from typing import Protocol
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
from bot.worker import InboxWorker
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
    """Stand by until this process leads, then block running the jobs until stopped.

    Every clock process, leading or standing by, also handles the chat events the web process
    stored and delivers the outbox to the chat platform: both are safe to run in several.
    """
    workers = _chat_workers(register, settings, clock)
    workers.start()
    try:
        _lead(register, settings, clock)
    finally:
        workers.stop()


def _chat_workers(register: Register, settings: Settings, clock: Clock) -> Workers:
    if settings.slack is not None:
        from bot.slack.web import SlackWorkers  # noqa: PLC0415 - only with Slack configured

        return SlackWorkers(register, clock, settings)
    if settings.teams is not None:
        from bot.teams.web import TeamsWorkers  # noqa: PLC0415 - only with Teams configured

        return TeamsWorkers(register, clock, settings)
    return PlainWorker(register, clock, settings)


class Workers(Protocol):
    def start(self) -> None: ...

    def stop(self) -> None: ...


class PlainWorker:
    """The inbox worker alone, for events of platforms that need nothing before handling."""

    def __init__(self, register: Register, clock: Clock, settings: Settings) -> None:
        self.worker = InboxWorker(register, clock, settings.zone)
        self.stop_event = threading.Event()
        self.thread = threading.Thread(
            target=self.worker.run_forever, args=(self.stop_event,), daemon=True
        )

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.stop_event.set()
        self.thread.join(timeout=10)


def _lead(register: Register, settings: Settings, clock: Clock) -> None:
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
