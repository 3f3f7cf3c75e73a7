"""Fault bench: nothing stops the bot. One table of faults and what became of the events.

    .venv/bin/python -m bench.faults [--database URL] [--quick] [--rows NAME ...] [--logs DIR]

Each row runs a deployment as far as its fault needs, on a fresh database (a temporary SQLite
file each, or the empty PostgreSQL database ``--database`` names, emptied before each row):
BOCE imported, its people in a fake Slack workspace on a loopback port (``tests.fake_slack``),
``voortgang web`` and ``voortgang clock`` as subprocesses configured through the environment,
or the clock process's ``run_clock`` in a thread where the fault must reach a thread. Chat
events are signed Slack events (status updates by direct message) from a load generator that
behaves like Slack: what is not answered 200 is delivered again (``bench.faults_load``).

Rows (``--rows`` picks some by name):

- ``poison``: a stored event that can never be handled, among good ones; twice: a payload
  that cannot be read, and one whose handling fails every time.
- ``lock``: another connection holds the register's write lock for 10 s.
- ``killed``: SystemExit raised into the inbox worker thread; its supervisor starts it again.
- ``gone``: PostgreSQL behind a proxy that refuses and resets connections for 30 s.
- ``sigterm``, ``sigkill``: the clock process stopped, or killed with a message in flight at
  Slack, during a fan-out of 2,000 direct messages; a new clock process sends the rest.
- ``migrate``: two ``voortgang migrate`` at the same moment on a fresh database, 5 times.
- ``same``: one signed event delivered four times (Slack's retries 1 to 3).
- ``storm``: the fake answers every call 429 for 10 s during a fan-out of 300.

Columns: events (or messages) sent, handled, set aside, lost (acknowledged or queued, but
never handled or posted), doubled, and the seconds from the fault's end until handling (or
sending) resumed. The goal is 0 lost and 0 doubled on every row and handling resumed within
5 s of the fault's end; the exit status is 1 when a row misses it (each such row is named
under the table), 0 otherwise. ``--quick`` makes the faults shorter for the tests: the lock
2 s, the database gone 3 s, fan-outs of 200, the backoff of failed events shortened in the
clock's thread and a send lease of 10 s.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Final

from bench.faults_events import database_gone, lock_held, same_delivery
from bench.faults_fanout import sigkill, sigterm, storm
from bench.faults_migrate import migrations
from bench.faults_table import RESUME_LIMIT, Row, table, verdict
from bench.faults_threads import poison, worker_killed
from bench.faults_world import FULL, QUICK, BenchError, Databases, Sizes
from config.settings import normalise_database_url

RowRun = Callable[[Databases, Sizes], Row]
ROWS: Final[dict[str, list[RowRun]]] = {
    "poison": [partial(poison, readable=False), partial(poison, readable=True)],
    "lock": [lock_held],
    "killed": [worker_killed],
    "gone": [database_gone],
    "sigterm": [sigterm],
    "sigkill": [sigkill],
    "migrate": [migrations],
    "same": [same_delivery],
    "storm": [storm],
}


def run_rows(
    names: Sequence[str],
    databases: Databases,
    sizes: Sizes,
    each: Callable[[Row], None] | None = None,
) -> list[Row]:
    """The rows named, in the table's order; a row the bench itself fails at says so."""
    rows = []
    for name in ROWS:
        if name not in names:
            continue
        for run in ROWS[name]:
            started = time.monotonic()
            try:
                row = run(databases, sizes)
            except Exception as err:  # reported in the table, and the other rows go on
                row = Row(name, problems=[f"the bench failed: {type(err).__name__}: {err}"])
                row.note = row.problems[0]
                logging.getLogger(__name__).exception("row %s", name)
            rows.append(row)
            if each is not None:
                each(row)
            logging.getLogger(__name__).info(
                "row %s: %.0f s", row.fault, time.monotonic() - started
            )
    return rows


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--database",
        default=None,
        help="an empty PostgreSQL database, emptied before each row (default: SQLite files)",
    )
    parser.add_argument("--quick", action="store_true", help="shorter faults, for the tests")
    parser.add_argument(
        "--rows", nargs="+", choices=list(ROWS), default=list(ROWS), help="the rows to run"
    )
    parser.add_argument(
        "--logs", type=Path, default=None, help="keep the processes' logs in this folder"
    )
    args = parser.parse_args(argv)
    if args.database is not None:
        args.database = normalise_database_url(args.database)
        if not args.database.startswith("postgresql"):
            parser.error("--database: a PostgreSQL URL (SQLite is the default)")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    sizes = QUICK if args.quick else FULL
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) if args.logs is None else args.logs
        folder.mkdir(parents=True, exist_ok=True)
        # The clock's threads log here too (a poison event's traceback), not over the table.
        logging.basicConfig(
            filename=folder / "bench.log",
            level=logging.INFO,
            format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        )
        databases = Databases(folder, args.database)
        try:
            databases.check_empty()
        except BenchError as err:
            print(err, file=sys.stderr)
            return 2
        load = ", ".join(f"{n:.2f}" for n in os.getloadavg())
        print(
            f"bench.faults on {databases.kind}{' (--quick)' if args.quick else ''}; "
            f"load average at the start {load}",
            flush=True,
        )

        def progress(row: Row) -> None:
            print(f"  done: {row.fault}", file=sys.stderr, flush=True)

        try:
            rows = run_rows(args.rows, databases, sizes, progress)
        finally:
            databases.empty()
    print(table(rows))
    print(f"load average at the end {', '.join(f'{n:.2f}' for n in os.getloadavg())}")
    failing = verdict(rows)
    if failing:
        print(f"\nGoal (0 lost, 0 doubled, resumed within {RESUME_LIMIT:g} s) missed:")
        for line in failing:
            print(f"  {line}")
        if args.logs is None:
            print("(--logs DIR keeps the processes' logs, and the bench's own, in DIR)")
        return 1
    print(f"\nGoal met on every row: 0 lost, 0 doubled, resumed within {RESUME_LIMIT:g} s.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
