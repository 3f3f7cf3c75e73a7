"""A worker's sign of life: written now and then to the heartbeat table, read by /healthz.

A thread that died is restarted by its supervisor (bot.engine.supervisor); one that is stuck cannot
be, and shows as stale on /healthz because it stops beating. Beats are throttled so a busy
loop does not write several times a second, and a beat that cannot be written is logged and
given up: a worker never fails because its heartbeat did.
"""

from __future__ import annotations

import logging
import time
from datetime import timedelta
from typing import Final

from sqlalchemy.exc import SQLAlchemyError

from bot.engine.opening import Register
from storage.db import transaction
from storage.heartbeat import beat
from words import logtext
from words.clock import Clock

# The clock process's own heartbeat: a job of its scheduler writes it every HEARTBEAT_EVERY.
CLOCK: Final = "clock"
HEARTBEAT_EVERY: Final = timedelta(minutes=1)

# The workers of the clock process, by their heartbeat's name; /healthz reports each.
INBOX_WORKER: Final = "inbox-worker"
SENDER: Final = "sender"
JOB_RUNNER: Final = "job-runner"
WORKERS: Final = (INBOX_WORKER, SENDER, JOB_RUNNER)

BEAT_EVERY: Final = timedelta(seconds=15)

log = logging.getLogger(__name__)


class Liveness:
    def __init__(
        self,
        register: Register,
        clock: Clock,
        name: str,
        holder: str,
        every: timedelta = BEAT_EVERY,
    ) -> None:
        self.register = register
        self.clock = clock
        self.name = name
        self.holder = holder
        self.every = every.total_seconds()
        self._last: float | None = None

    def beat(self) -> None:
        """Record that the worker is alive, unless it did so less than ``every`` ago."""
        started = time.monotonic()
        if self._last is not None and started - self._last < self.every:
            return
        self._last = started
        try:
            with transaction(self.register.sessions) as session:
                beat(session, self.name, self.holder, self.clock.now())
        except SQLAlchemyError as err:
            log.warning(logtext.HEARTBEAT_FAILED, self.name, err)
