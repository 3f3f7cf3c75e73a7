"""The clock's job queue: which jobs, when, in which zone. No sleeping: jobs are called."""

from __future__ import annotations

from datetime import timedelta

from apscheduler.schedulers.background import BackgroundScheduler

from bot.engine.clock_jobs import heartbeat, tidy
from bot.engine.jobqueue import schedule
from bot.engine.liveness import CLOCK, HEARTBEAT_EVERY
from bot.engine.opening import Register, import_file
from config.settings import Settings
from storage import web_sessions
from storage.db import transaction
from storage.heartbeat import last_beat
from tests.conftest import BOCE, REGIODEAL
from words.clock import FixedClock


def test_heartbeat_and_tick_run_every_minute_in_the_zone(
    register: Register, settings: Settings, clock: FixedClock
) -> None:
    scheduler = BackgroundScheduler(timezone=settings.zone)
    schedule(scheduler, register, settings, clock)
    jobs = {job.id: job for job in scheduler.get_jobs()}
    assert set(jobs) == {"heartbeat", "tick", "tidy"}  # no programmes yet
    assert jobs["tidy"].trigger.interval == timedelta(hours=1)
    for name in ("heartbeat", "tick"):
        job = jobs[name]
        assert job.trigger.interval == HEARTBEAT_EVERY
        assert str(job.trigger.timezone) == "Europe/Amsterdam"
        assert job.coalesce
        assert job.max_instances == 1


def test_each_programme_has_its_digest_cron_in_its_own_zone(
    register: Register, settings: Settings, clock: FixedClock
) -> None:
    import_file(register, BOCE, settings, clock)
    import_file(register, REGIODEAL, settings, clock)
    scheduler = BackgroundScheduler(timezone=settings.zone)
    schedule(scheduler, register, settings, clock)
    digests = {job.id: job for job in scheduler.get_jobs() if job.id.startswith("digest:")}
    assert set(digests) == {"digest:boce", "digest:regiodeal-zod"}
    trigger = digests["digest:boce"].trigger
    assert str(trigger.timezone) == "Europe/Amsterdam"
    fields = {f.name: str(f) for f in trigger.fields}
    assert (fields["day_of_week"], fields["hour"], fields["minute"]) == ("mon", "9", "0")


def test_heartbeat_records_the_moment_and_the_holder(register: Register, clock: FixedClock) -> None:
    heartbeat(register, clock, "a:1")
    clock.advance(timedelta(minutes=1))
    heartbeat(register, clock, "b:2")
    with register.sessions() as session:
        beat = last_beat(session, CLOCK)
    assert beat is not None
    assert (beat.holder, beat.last_seen) == ("b:2", clock.now())


def test_tidying_forgets_sign_in_attempts_older_than_a_day(
    register: Register, clock: FixedClock
) -> None:
    with transaction(register.sessions) as session:
        for hours in (30, 2):
            web_sessions.note_attempt(session, "e", "a", clock.now() - timedelta(hours=hours))
    assert tidy(register, clock) == 1
    with register.sessions() as session:
        assert web_sessions.attempts_since(session, "e", "a", clock.now() - timedelta(days=9)) == (
            1,
            1,
        )
