"""The clock process's threads together: an event handled by the inbox worker queues a job,
and the job runner, woken at once, makes the letter; every worker beats for /healthz; a stop
hands back a job still under way."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import timedelta
from typing import cast

import pytest
from sqlalchemy import select

from bot.engine.handle import Inbox
from bot.engine.jobrunner import KINDS, Kind
from bot.engine.liveness import INBOX_WORKER, JOB_RUNNER
from bot.engine.opening import Register, import_file
from bot.engine.supervisor import PlainWorkers
from config.settings import Settings
from handlers.handoff import Steps
from storage.db import transaction
from storage.heartbeat import beats
from storage.jobs import Claimed, NewJob, claim, queue, release
from storage.models import Job, JobState, OutboxMessage
from storage.people import person_by_email
from tests.conftest import BOCE
from words.chat.inbound import MessageIn
from words.clock import SystemClock
from words.domain import Source


def wait_for(condition: Callable[[], bool], seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "waited in vain"
        time.sleep(0.05)


def test_a_letter_asked_for_in_chat_is_made_by_the_clock_process_job_runner(
    register: Register, settings: Settings
) -> None:
    clock = SystemClock()
    import_file(register, BOCE, settings, clock)
    with register.sessions() as session:
        director = person_by_email(session, "m.hoekstra@emmen.example")
        assert director is not None
    Inbox(register, clock, settings.zone).receive(
        MessageIn(
            platform=Source.CONSOLE,
            event_id="c-brief",
            user_id=str(director.id),
            received_at=clock.now(),
            text="brief concept",
        )
    )
    workers = PlainWorkers(register, clock, settings, "host:1")
    workers.start()
    try:

        def letter_made() -> bool:
            with register.sessions() as session:
                files = session.scalars(
                    select(OutboxMessage.key).where(OutboxMessage.is_file.is_(True))
                ).all()
            return any(key.startswith("in:console:c-brief:") for key in files)

        wait_for(letter_made)
        with register.sessions() as session:
            beaten = beats(session, (INBOX_WORKER, JOB_RUNNER))
        assert set(beaten) == {INBOX_WORKER, JOB_RUNNER}
    finally:
        workers.stop()


def test_a_job_under_way_is_handed_back_when_its_runner_stops(register: Register) -> None:
    clock = SystemClock()
    with transaction(register.sessions) as session:
        queue(session, NewJob("j1", "brief.draft", None, None, {}), clock.now())
        [claimed] = claim(session, clock.now(), "dying", timedelta(minutes=15))
        assert claimed.attempts == 1
    with transaction(register.sessions) as session:
        assert release(session, "dying", clock.now()) == 1
        job = session.scalars(select(Job)).one()
        assert (job.state, job.claimed_by, job.attempts) == (JobState.PENDING, None, 0)
        # Another runner takes it at once, not after the lease of the one that stopped.
        assert [c.key for c in claim(session, clock.now(), "next", timedelta(minutes=15))] == ["j1"]


def test_stopping_hands_back_a_job_under_way_within_seconds(
    register: Register, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = SystemClock()
    started, release_render = threading.Event(), threading.Event()

    def slow(_job: Claimed, _steps: Steps) -> None:
        started.set()
        release_render.wait(30)  # a letter that takes long to render

    monkeypatch.setitem(cast(dict[str, Kind], KINDS), "slow", Kind(slow, "inbox.sorry"))
    with transaction(register.sessions) as session:
        queue(session, NewJob("slow-1", "slow", None, None, {}), clock.now())
    workers = PlainWorkers(register, clock, settings, "host:1")
    workers.start()
    workers.jobs_wake.set()
    assert started.wait(10)
    began = time.monotonic()
    workers.stop()
    took = time.monotonic() - began
    release_render.set()
    assert took < 3
    with register.sessions() as session:
        job = session.scalars(select(Job)).one()
        assert (job.state, job.claimed_by) == (JobState.PENDING, None)


def test_a_thread_that_dies_is_logged_as_text_and_started_again(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from bot.engine.supervisor import Supervisor

    runs: list[int] = []
    stop = threading.Event()

    def dies_once() -> None:
        runs.append(1)
        if len(runs) == 1:
            raise SystemExit  # as a thread killed from outside would
        stop.wait()

    supervisor = Supervisor(stop, check_every=0.01)
    supervisor.add("dying", dies_once)
    with caplog.at_level("ERROR"):
        supervisor.start()
        deadline = time.monotonic() + 5
        while len(runs) < 2 and time.monotonic() < deadline:
            time.sleep(0.01)
        stop.set()
        supervisor.join(2)
    assert len(runs) == 2
    assert supervisor.restarts() == {"dying": 1}
    [died] = [r for r in caplog.records if "ended by an error" in r.getMessage()]
    # The traceback is text in the message; no record keeps the dead thread's frames alive.
    assert "SystemExit" in died.getMessage()
    assert died.exc_info is None
