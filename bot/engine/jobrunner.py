"""The job runner: does the work chat events queued (storage.jobs) outside their transaction.

For each due job: claim it (a short transaction, with a lease), let its kind do the work
through ``Steps`` (read one snapshot; compile and render without the database; write the
result and the answers in one short transaction that also marks the job done), and record a
failure as an attempt. After the last attempt the job is set aside and the person who asked
gets an apology, once. One job's failure never stops the runner or the jobs behind it.

The clock process runs ``run_forever`` in a thread; the console runs ``run_once`` after every
line and on every step of ``/tijd`` (bot.engine.runner), so its answers come right after the
command.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from typing import Final, TypeVar

from sqlalchemy.orm import Session

from bot.engine.liveness import JOB_RUNNER, Liveness
from bot.engine.opening import Register
from bot.letter.formats import document
from handlers.brief import work as brief_jobs
from handlers.handoff import Work, origin_of
from storage.db import transaction
from storage.jobs import MAX_ATTEMPTS, Claimed, claim, fail, finish, release
from storage.models import JobState
from storage.outbox import OutboxWriter
from storage.snapshot import snapshot
from words import logtext
from words.catalogue import t
from words.chat.messages import Message
from words.chat.outgoing import Outgoing
from words.clock import Clock
from words.errors import VoortgangError

# A claimed job is someone else's to take over only after this: far longer than the largest
# letter takes (10,000 actions with the Word document: under a minute), so a slow job is not
# done twice, and short enough that a job whose runner died is picked up the same hour.
LEASE: Final = timedelta(minutes=15)
POLL: Final = 1.0  # seconds between looks for due jobs, by default
STOP_CHECK: Final = 0.05  # seconds: how soon a waiting runner notices ``stop``

T = TypeVar("T")
log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Kind:
    work: Work
    apology: str  # the catalogue text for the person who asked, when the job is set aside


# Every kind of job, by the name it is queued with.
KINDS: Final[Mapping[str, Kind]] = {
    brief_jobs.CONCEPT: Kind(partial(brief_jobs.concept, render=document), brief_jobs.APOLOGY),
    brief_jobs.REMIND: Kind(partial(brief_jobs.remind, render=document), brief_jobs.APOLOGY),
    brief_jobs.FINAL: Kind(partial(brief_jobs.final, render=document), brief_jobs.APOLOGY),
}


class ClaimLostError(VoortgangError):
    """The job's lease ran out and another runner took it over: this one writes nothing."""


class UnknownKindError(VoortgangError, LookupError):
    pass


class TooManyAttemptsError(VoortgangError, RuntimeError):
    """Claimed once more after runners stopped mid-way on it each time: not run again."""


class _Steps:
    """``handlers.handoff.Steps`` for one claimed job."""

    def __init__(self, runner: JobRunner, job: Claimed, now: datetime) -> None:
        self._runner = runner
        self._job = job
        self._now = now
        self.written = False
        self.read_ms = 0.0  # time spent in snapshots and in the write: what others may wait on
        self.write_ms = 0.0

    @property
    def now(self) -> datetime:
        return self._now

    def read(self, work: Callable[[Session], T]) -> T:
        started = time.perf_counter()
        try:
            with snapshot(self._runner.register.engine) as session:
                return work(session)
        finally:
            self.read_ms += (time.perf_counter() - started) * 1000

    def write(self, work: Callable[[Session, Outgoing], T]) -> T:
        if self.written:
            raise RuntimeError(f"job {self._job.id} writes its result once")
        runner = self._runner
        started = time.perf_counter()
        try:
            with transaction(runner.register.sessions) as session:
                # Marked done first: a runner that lost its claim writes nothing, and on
                # SQLite this takes the write lock, so ``work`` checks the newest state.
                if not finish(session, self._job.id, runner.holder, runner.clock.now()):
                    raise ClaimLostError(self._job.id)
                result = work(session, OutboxWriter(session, self._now, self._job.programme_id))
        finally:
            self.write_ms += (time.perf_counter() - started) * 1000
        self.written = True
        return result


class JobRunner:
    def __init__(
        self,
        register: Register,
        clock: Clock,
        holder: str,
        *,
        kinds: Mapping[str, Kind] = KINDS,
        lease: timedelta = LEASE,
        poll: float = POLL,
        done: Callable[[], None] | None = None,
    ) -> None:
        self.register = register
        self.clock = clock
        self.holder = holder
        self.kinds = kinds
        self.lease = lease
        self.poll = poll  # seconds between looks for due jobs when nobody wakes the runner
        self.done = done  # called after each job: wakes the sender for its answers
        self.liveness = Liveness(register, clock, JOB_RUNNER, holder)

    def release_held(self) -> int:
        """Hand back the job this runner is in the middle of (the process is stopping), so
        another runner takes it at once instead of after the lease; the work under way can
        then no longer write its result (its claim is gone)."""
        with transaction(self.register.sessions) as session:
            return release(session, self.holder, self.clock.now())

    def run_once(self) -> int:
        """Claim and run every job due now, one at a time; returns how many ran."""
        ran = 0
        while self._run_next():
            ran += 1
        return ran

    def run_forever(self, stop: threading.Event, wake: threading.Event | None = None) -> None:
        """Run jobs as they fall due until ``stop``; ``wake`` cuts a wait short (a handler
        queued one). ``stop`` is noticed between jobs and within STOP_CHECK while waiting."""
        log.info(logtext.JOB_RUNNER_STARTED, self.holder)
        while not stop.is_set():
            self.liveness.beat()
            try:
                while not stop.is_set() and self._run_next():
                    self.liveness.beat()
            except Exception:  # the database is away: logged, and the thread outlives it
                log.exception(logtext.JOB_RUNNER_FAILED, self.holder)
            _idle(stop, wake, self.poll)
        log.info(logtext.JOB_RUNNER_STOPPED, self.holder)

    def _run_next(self) -> bool:
        with transaction(self.register.sessions) as session:
            claimed = claim(session, self.clock.now(), self.holder, self.lease)
        if not claimed:
            return False
        self._run(claimed[0])
        if self.done is not None:
            self.done()
        return True

    def _run(self, job: Claimed) -> None:
        kind = self.kinds.get(job.kind)
        started = time.perf_counter()
        try:
            work = _runnable(job, kind)
            steps = _Steps(self, job, self.clock.now())
            work(job, steps)
            if not steps.written:  # work with no result to write is done all the same
                steps.write(lambda _session, _out: None)
        except ClaimLostError:
            log.warning(logtext.JOB_CLAIM_LOST, job.id, job.kind)
            return
        except Exception as err:  # whatever a job raises: recorded as an attempt, next job runs
            log.exception(logtext.JOB_FAILED, job.id, job.kind, job.attempts)
            self._failed(job, kind, f"{type(err).__name__}: {err}")
            return
        took = (time.perf_counter() - started) * 1000
        log.info(logtext.JOB_DONE, job.id, job.kind, took, steps.read_ms, steps.write_ms)

    def _failed(self, job: Claimed, kind: Kind | None, error: str) -> None:
        now = self.clock.now()
        with transaction(self.register.sessions) as session:
            state = fail(session, job.id, self.holder, now, error)
            if state is JobState.PENDING:
                log.info(logtext.JOB_RETRY, job.id, job.kind)
            elif state is JobState.SET_ASIDE:
                log.error(logtext.JOB_SET_ASIDE, job.id, job.kind, job.attempts, error)
                if kind is not None:
                    _apologise(OutboxWriter(session, now, job.programme_id), job, kind)


def _runnable(job: Claimed, kind: Kind | None) -> Work:
    if job.attempts > MAX_ATTEMPTS:
        raise TooManyAttemptsError(f"claimed {job.attempts} times")
    if kind is None:
        raise UnknownKindError(job.kind)
    return kind.work


def _apologise(out: Outgoing, job: Claimed, kind: Kind) -> None:
    """Tell the person who asked, in their language, that it did not work: once, since the
    key derives from the job, and in the transaction that set the job aside."""
    try:
        origin = origin_of(job)
    except (KeyError, TypeError, ValueError):
        log.exception(logtext.JOB_SET_ASIDE, job.id, job.kind, job.attempts, "no one to tell")
        return
    out.send(f"{job.key}:sorry", origin.reply_to, Message(t(kind.apology, origin.lang)))


def _idle(stop: threading.Event, wake: threading.Event | None, poll: float) -> None:
    """Wait up to ``poll`` seconds, less when woken or stopped."""
    if wake is None:
        stop.wait(poll)
        return
    deadline = time.monotonic() + poll
    while not stop.is_set():
        left = deadline - time.monotonic()
        if left <= 0:
            return
        if wake.wait(min(left, STOP_CHECK)):
            wake.clear()
            return
