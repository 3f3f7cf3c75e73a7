"""The inbox worker of bench.ack: the clock process's handling, in a process of its own.

    .venv/bin/python -m bench.ack_worker DATABASE_URL

Handles stored events as the clock process does until stdin closes, then what is left, and
stops. It imports only what handling needs (no web framework, no chat SDK), so it is at work
soon after ``bench.ack`` starts it for a Voortgang turn.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
from datetime import UTC, datetime
from typing import Final
from zoneinfo import ZoneInfo

from bot.engine.jobrunner import JobRunner
from bot.engine.opening import Register
from bot.engine.worker import InboxWorker
from storage.db import make_engine, session_factory
from words.clock import FixedClock

MONDAY: Final = datetime(2026, 11, 23, 8, 1, tzinfo=UTC)  # 09:01 in Amsterdam: the pings' day


def work(database: str) -> None:
    """Handle stored events until stdin closes.

    The events of either platform: the inbox handles them alike, and the people replying
    were linked before the load, so the clock process's step of linking a Teams user by
    email first would have nothing to do.

    At a lower CPU priority: at 200 replies a second the handling (3 to 6 ms of CPU each, and
    the database's share) takes most of a core of this 2-core machine, and acknowledging in
    time matters more than handling at once; a backlog is handled when the load is over, and
    the count of updates shows it was.
    """
    os.nice(10)
    engine = make_engine(database)
    register = Register(engine, session_factory(engine))
    clock = FixedClock(MONDAY)
    worker = InboxWorker(register, clock, ZoneInfo("Europe/Amsterdam"))
    # As in the clock process: a letter asked for is made by the job runner, in a thread of
    # its own beside the inbox worker's.
    jobs = JobRunner(register, clock, "bench-ack")
    stop = threading.Event()
    runner = threading.Thread(target=jobs.run_forever, args=(stop,), daemon=True)
    runner.start()

    def until_closed() -> None:
        sys.stdin.read()
        stop.set()

    threading.Thread(target=until_closed, daemon=True).start()
    worker.run_forever(stop)
    worker.run_once()  # what came in while it was told to stop
    runner.join()
    jobs.run_once()  # a letter asked for late
    engine.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("database")
    work(parser.parse_args(argv).database)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
