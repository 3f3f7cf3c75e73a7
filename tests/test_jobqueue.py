"""The clock's job queue: which jobs, when, in which zone. No sleeping: jobs are called."""

from __future__ import annotations

from datetime import timedelta

from apscheduler.schedulers.background import BackgroundScheduler

from bot.clock import FixedClock
from bot.jobqueue import HEARTBEAT_EVERY, schedule
from bot.jobs import CLOCK, heartbeat
from bot.register import Register
from config.settings import Settings
from storage.heartbeat import last_beat


def test_heartbeat_job_runs_every_minute_in_the_programme_zone(
    register: Register, settings: Settings, clock: FixedClock
) -> None:
    scheduler = BackgroundScheduler(timezone=settings.zone)
    schedule(scheduler, register, settings, clock)
    (job,) = scheduler.get_jobs()
    assert job.id == "heartbeat"
    assert job.trigger.interval == HEARTBEAT_EVERY
    assert str(job.trigger.timezone) == "Europe/Amsterdam"
    assert job.coalesce
    assert job.max_instances == 1


def test_heartbeat_records_the_moment_and_the_holder(register: Register, clock: FixedClock) -> None:
    heartbeat(register, clock, "a:1")
    clock.advance(timedelta(minutes=1))
    heartbeat(register, clock, "b:2")
    with register.sessions() as session:
        beat = last_beat(session, CLOCK)
    assert beat is not None
    assert (beat.holder, beat.last_seen) == ("b:2", clock.now())
