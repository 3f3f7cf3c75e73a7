"""The clock process's threads: the inbox worker, the sender, and a chore now and then.

Slack and Teams run the same things in threads of their own: the inbox worker that handles
the events the web process stored (it wakes the sender when it queued answers), the sender
that delivers the outbox through the platform's port, and a chore between sends that keeps
the platform's directory fresh (Slack: people found by email; Teams: channel lists and people
the app was installed for). A platform can add threads of its own (Teams: file uploads).
Beside them runs the job runner, which makes what a chat event asked for that is too long for
the event's transaction (a voortgangsbrief). Without a chat platform only the inbox worker
and the job runner run (``PlainWorkers``).

Every thread is supervised: each loop guards its own rounds, and a thread that ends anyway
(a bug that escaped, an exception raised into it) is started again within a second by the
``Supervisor``, so a worker never stays dead until the next deploy.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import traceback
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final

from sqlalchemy.exc import SQLAlchemyError

from bot.engine.jobrunner import JobRunner
from bot.engine.liveness import SENDER, Liveness
from bot.engine.opening import Register
from bot.engine.sender import Sender
from bot.engine.worker import InboxWorker
from config.settings import Settings
from words import logtext
from words.clock import Clock

log = logging.getLogger(__name__)

JOIN_TIMEOUT: Final = 10.0  # seconds the threads are given, together, to finish on stop
JOB_PATIENCE: Final = 1.0  # seconds the job runner gets, its job handed back already
CHECK_EVERY: Final = 1.0  # how often the supervisor looks whether its threads still run


@dataclass
class _Supervised:
    name: str
    target: Callable[[], None]
    thread: threading.Thread | None = None
    restarts: int = 0


@dataclass
class Supervisor:
    """Runs named threads until ``stop`` and starts again each one that ends before it."""

    stop: threading.Event
    check_every: float = CHECK_EVERY
    _entries: list[_Supervised] = field(default_factory=list)
    _monitor: threading.Thread | None = None

    def add(self, name: str, target: Callable[[], None]) -> None:
        self._entries.append(_Supervised(name, target))

    def start(self) -> None:
        for entry in self._entries:
            self._start(entry)
        self._monitor = threading.Thread(target=self._watch, name="supervisor", daemon=True)
        self._monitor.start()

    def _start(self, entry: _Supervised) -> None:
        entry.thread = threading.Thread(
            target=_guarded, args=(entry.name, entry.target), name=entry.name, daemon=True
        )
        entry.thread.start()

    def _watch(self) -> None:
        while not self.stop.wait(self.check_every):
            self.check()

    def check(self) -> int:
        """Start again every thread that ended while not stopping; how many were."""
        started = 0
        for entry in self._entries:
            if self.stop.is_set():
                break
            if entry.thread is not None and not entry.thread.is_alive():
                entry.restarts += 1
                log.error(logtext.THREAD_RESTARTED, entry.name, entry.restarts)
                self._start(entry)
                started += 1
        return started

    def threads(self) -> dict[str, threading.Thread | None]:
        return {entry.name: entry.thread for entry in self._entries}

    def restarts(self) -> dict[str, int]:
        return {entry.name: entry.restarts for entry in self._entries}

    def join(self, timeout: float, patience: Mapping[str, float] | None = None) -> None:
        """Wait, at most ``timeout`` seconds in all, for the threads to end (after ``stop``);
        ``patience`` gives some threads less (a job mid-render that has been handed back)."""
        deadline = time.monotonic() + timeout
        shorter = {} if patience is None else patience
        named = [(e.name, e.thread) for e in self._entries] + [("supervisor", self._monitor)]
        for name, thread in named:
            if thread is None:
                continue
            left = max(0.0, deadline - time.monotonic())
            thread.join(timeout=min(left, shorter.get(name, left)))


def _guarded(name: str, target: Callable[[], None]) -> None:
    """Run a supervised thread's loop; whatever ends it is logged as text and dropped here.

    Dropped with its traceback, at once: the frames of the dead loop, and a database
    connection they may hold mid-transaction (on SQLite, the write lock), are freed now, not
    whenever a thread exception hook or a kept log record lets go of them. The supervisor
    starts the thread again.
    """
    try:
        target()
    except BaseException:  # noqa: BLE001 - the thread's last guard: it ends either way
        log.error(logtext.THREAD_DIED, name, traceback.format_exc())  # noqa: TRY400 - text only


class ChatWorkers:
    """Subclasses set ``worker`` (made with ``done=self.handled``) and may set ``sender``,
    override ``chore`` and ``more_threads``."""

    name = "chat"
    chore_every = 3600.0  # seconds between chores, after the one at the start

    sender: Sender | None = None
    worker: InboxWorker

    def __init__(self) -> None:
        self.wake = threading.Event()  # the sender's: answers were queued
        self.jobs_wake = threading.Event()  # the job runner's: a job may have been queued
        self.stop_event = threading.Event()
        self.supervisor = Supervisor(self.stop_event)
        self._started = False
        self._job_runner: JobRunner | None = None

    def handled(self) -> None:
        """The inbox worker handled events: answers and maybe jobs were queued."""
        self.wake.set()
        self.jobs_wake.set()

    @property
    def job_runner(self) -> JobRunner:
        if self._job_runner is None:
            holder = f"{self.name}:{socket.gethostname()}:{os.getpid()}"
            self._job_runner = JobRunner(
                self.worker.register, self.worker.clock, holder, done=self.wake.set
            )
        return self._job_runner

    def chore(self) -> None:
        """What to do now and then between sends; nothing by default."""

    def more_threads(self) -> Sequence[tuple[str, Callable[[], None]]]:
        return ()

    def threads(self) -> list[tuple[str, Callable[[], None]]]:
        threads: list[tuple[str, Callable[[], None]]] = [
            ("inbox-worker", self._handle),
            ("job-runner", self._jobs),
        ]
        if self.sender is not None:
            threads.append((f"{self.name}-sender", self._send))
        return threads + list(self.more_threads())

    def start(self) -> None:
        for name, target in self.threads():
            self.supervisor.add(name, target)
        self.supervisor.start()
        self._started = True

    def _handle(self) -> None:
        self.worker.run_forever(self.stop_event)

    def _jobs(self) -> None:
        self.job_runner.run_forever(self.stop_event, self.jobs_wake)

    def _send(self) -> None:
        sender = self.sender
        if sender is None:
            return
        liveness = Liveness(sender.register, sender.clock, SENDER, sender.holder)
        liveness.beat()
        done_at = time.monotonic()
        self._chore()

        def wait(seconds: float) -> bool:
            # Woken early when handled events queued answers; stops when told to.
            nonlocal done_at
            self.wake.wait(seconds)
            self.wake.clear()
            liveness.beat()
            if time.monotonic() - done_at > self.chore_every:
                done_at = time.monotonic()
                self._chore()
            return self.stop_event.is_set()

        sender.run_forever(self.stop_event, wait)

    def _chore(self) -> None:
        try:
            self.chore()
        except Exception:  # the worker's guard: the chore is tried again next time
            log.exception(logtext.CHORE_FAILED, self.name)

    def stop(self) -> None:
        """Stop claiming, let what is in flight finish and hand back the rest (the sender
        releases its claim), then end the threads: all within ``JOIN_TIMEOUT``."""
        self.stop_event.set()
        self.wake.set()
        self.jobs_wake.set()
        if self._started:
            # A letter still being made is handed back at once for the next clock process;
            # rendering cannot be cut short, and its result can no longer be written.
            try:
                self.job_runner.release_held()
            except SQLAlchemyError as err:
                log.warning(logtext.JOBS_NOT_RELEASED, err)
            self.supervisor.join(JOIN_TIMEOUT, {"job-runner": JOB_PATIENCE})


class PlainWorkers(ChatWorkers):
    """The inbox worker alone, for events of platforms that need nothing before handling."""

    name = "plain"

    def __init__(self, register: Register, clock: Clock, settings: Settings, holder: str) -> None:
        super().__init__()
        self.worker = InboxWorker(register, clock, settings.zone, done=self.handled, holder=holder)
