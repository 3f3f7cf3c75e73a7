"""Runs what falls due at the clock's moment: queued jobs, pings, reminders, digests, then
sending.

The clock process does this every minute in real time (bot.run.clock_process), its job runner in a
thread of its own; the console does it after every line and, with ``/tijd``, on every due
moment between now and the new time, so a quarter can be replayed in seconds with the same
code the clock process runs. Jobs run first, so a letter asked for on the line before comes
right after it, as if the command had made it.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.engine import clock_jobs as jobs
from bot.engine.jobrunner import JobRunner
from bot.engine.opening import Register
from bot.engine.sender import Sender
from bot.engine.worker import InboxWorker
from storage import jobs as job_table
from storage.inbox import next_retry
from storage.outbox_overview import next_ready
from words.clock import FixedClock

DEFAULT_ZONE = ZoneInfo("Europe/Amsterdam")
# Never jump further than this in one step, so daily work (planning ahead) is not skipped.
MAX_STEP = timedelta(days=1)


class Runner:
    def __init__(
        self,
        register: Register,
        clock: FixedClock,
        sender: Sender | None,
        zone: ZoneInfo = DEFAULT_ZONE,
    ) -> None:
        self.register = register
        self.clock = clock
        self.sender = sender
        self.job_runner = JobRunner(register, clock, "console")
        # Events whose handling failed are tried again when their backoff has passed, as
        # the clock process's inbox worker does.
        self.inbox_worker = InboxWorker(register, clock, zone)

    def run_due(self) -> None:
        """Everything due now: the jobs, the tick, the digests, and delivering what they
        queued."""
        self.inbox_worker.run_once()
        self.job_runner.run_once()
        jobs.tick(self.register, self.clock)
        jobs.digests_due(self.register, self.clock)
        self.send()

    def send(self) -> None:
        if self.sender is not None:
            self.sender.drain()

    def advance_to(self, target: datetime) -> None:
        """Move the simulated clock to ``target``, running each due moment on the way."""
        self.run_due()
        while True:
            step = self._next_moment()
            if step is None or step >= target:
                break
            self.clock.moment = step
            self.run_due()
        self.clock.moment = max(self.clock.moment, target)
        self.run_due()

    def _next_moment(self) -> datetime | None:
        now = self.clock.now()
        with self.register.sessions() as session:
            ready = next_ready(session)
            job_due = job_table.next_due(session)
            retry = next_retry(session)
        candidates = [
            retry,
            jobs.next_tick_at(self.register),
            jobs.next_digest_at(self.register, now),
            ready,
            job_due,
            now + MAX_STEP,
        ]
        later = [c for c in candidates if c is not None and c > now]
        return min(later, default=None)
