"""A clock process for tests: ticks ``rounds`` times at a fixed moment, then exits.

Run as ``python -m tests.clock_worker URL MOMENT ROUNDS``; tests start two at once against
the same PostgreSQL database to show that concurrent ticks never double a ping.
"""

from __future__ import annotations

import sys
from datetime import datetime

from bot.engine import clock_jobs as jobs
from bot.engine.opening import Register
from storage.db import make_engine, session_factory
from words.clock import FixedClock


def main(argv: list[str]) -> int:
    url, moment, rounds = argv[0], datetime.fromisoformat(argv[1]), int(argv[2])
    engine = make_engine(url)
    register = Register(engine, session_factory(engine))
    clock = FixedClock(moment)
    for _ in range(rounds):
        jobs.tick(register, clock)
    engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
