"""How the long-running processes (web, clock) start: wait for the database, then the schema.

A platform often starts the processes and the database together, or restarts the database
under running processes: a web or clock process that finds no database at start waits for it,
trying again with exponential backoff and jitter (capped at 30 s) and saying so in one log
line per attempt, instead of dying with a traceback. What waiting cannot fix (a refused user or
password, a database that does not exist, a SQLite folder that cannot be made) ends the start
at once with the one clear line the commands print. SIGTERM and SIGINT while waiting end the
process promptly.

Once the database answers, the schema is brought to head under the migration lock
(``storage.migrating``), as every command does: a deployment without a release step (the Procfile
under honcho or foreman) starts on a fresh database, and two processes starting at once
migrate once.
"""

from __future__ import annotations

import logging
import random
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from types import FrameType
from typing import Final

from bot.engine.accesslog import redact_logs
from bot.engine.opening import Register, register_on
from config.settings import Settings
from storage.connect import DatabaseUnavailableError, check
from storage.db import make_engine
from storage.encryption import SecretKeysMissingError
from words import logtext

log = logging.getLogger(__name__)

STOP_SIGNALS: Final = (signal.SIGTERM, signal.SIGINT)


@dataclass(frozen=True, slots=True)
class Backoff:
    """Seconds to wait before attempt n + 1: ``first`` doubling up to ``cap``, times a random
    factor between a half and one, so processes that failed together do not retry together."""

    first: float = 0.5
    cap: float = 30.0
    rng: Callable[[], float] = field(default=random.random)

    def delay(self, attempt: int) -> float:
        full = min(self.cap, self.first * 2.0 ** min(attempt - 1, 32))
        return full * (0.5 + float(self.rng()) / 2)


def wait_for_database(
    check_once: Callable[[], None],
    *,
    backoff: Backoff,
    stop: threading.Event,
) -> bool:
    """Call ``check_once`` until it passes (True) or ``stop`` is set while waiting (False).

    ``check_once`` raises DatabaseUnavailableError; one that retrying cannot fix is raised on.
    """
    attempt = 0
    while True:
        attempt += 1
        try:
            check_once()
        except DatabaseUnavailableError as err:
            if not err.transient:
                raise
            delay = backoff.delay(attempt)
            log.warning(logtext.DATABASE_WAITING, err.where, err.failure.value, attempt, delay)
            if stop.wait(delay):
                return False
            continue
        if attempt > 1:
            log.info(logtext.DATABASE_REACHED, attempt)
        return True


class SignalStop(threading.Event):
    """Set by SIGTERM or SIGINT while installed (``stop_on_signals``); says which."""

    signal_name = ""

    def handle(self, signum: int, _frame: FrameType | None) -> None:
        # Only note it here: logging from a signal handler could meet the log's own lock.
        self.signal_name = signal.Signals(signum).name
        self.set()


@contextmanager
def stop_on_signals() -> Iterator[SignalStop]:
    """A SignalStop for the block's SIGTERM and SIGINT; the former handlers after it."""
    stop = SignalStop()
    former = {sig: signal.signal(sig, stop.handle) for sig in STOP_SIGNALS}
    try:
        yield stop
    finally:
        for sig, handler in former.items():
            signal.signal(sig, handler)


def start_register(
    settings: Settings, *, backoff: Backoff | None = None, stop: threading.Event | None = None
) -> Register | None:
    """The register of a long-running process: the database waited for, the schema brought to
    head. None when SIGTERM or SIGINT ended the wait (or ``stop``: tests give their own, and
    the signals are then left alone)."""
    engine = make_engine(settings.database_url)
    backoff = Backoff() if backoff is None else backoff
    with nullcontext(stop) if stop is not None else stop_on_signals() as stopping:
        reached = wait_for_database(lambda: check(engine), backoff=backoff, stop=stopping)
    if not reached:
        name = stopping.signal_name if isinstance(stopping, SignalStop) else "none"
        log.info(logtext.DATABASE_WAIT_STOPPED, name)
        engine.dispose()
        return None
    return register_on(engine, settings)


def start_process(settings: Settings) -> Register | None:
    """The register of the web or the clock process (``start_register``), its log on standard
    error first. Tokens are never stored in plain text: no key, no start."""
    if settings.stores_tokens and not settings.secret_keys:
        raise SecretKeysMissingError
    # A long-running process: its log (the database waited for, ticks, digests, leadership,
    # requests) is how operators follow it; without the secrets URLs carry in their queries.
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    redact_logs()
    return start_register(settings)
