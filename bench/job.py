"""Job benchmark: 'brief concept' for 10,000 actions, made by the job runner while others write.

    .venv/bin/python -m bench.job [--actions 10000] [--updates 100000] [--database URL]
                                  [--no-baseline]

Builds the programme of ``bench.brief`` (with its tenth-size neighbour), makes its first person
the director, and lets them ask for 'brief concept' as in chat: the inbox handles the event,
which queues the job. Then the job runner runs the job (read, compile, render the Word, HTML
and Markdown documents, keep the draft, queue the file) in a thread while this thread stores a
chat event every few milliseconds, as the web process does, each in a transaction of its own,
and times each store: how long a write waits while the letter is being made.

The baseline makes the same letter the way 'brief concept' did before the job runner: inside
the transaction that handled the chat event (which had written already, so on SQLite it held
the write lock throughout), with the same writes beside it. Without ``--database`` the register
is a fresh SQLite file in a temporary folder; with it, any empty database (such as PostgreSQL).
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

from sqlalchemy import Engine, select, update
from sqlalchemy.exc import OperationalError

from bench import brief as letter_bench
from bot.engine.handle import Inbox
from bot.engine.jobrunner import JobRunner
from bot.engine.opening import Register
from bot.letter.formats import document
from handlers.brief.drafts import make_draft
from storage.db import make_engine, session_factory, transaction
from storage.inbox import mark_handled
from storage.models import Membership, Programme
from storage.register import programme_by_key
from words.chat.inbound import MessageIn
from words.clock import FixedClock
from words.domain import Role, Source
from words.periods.model import Period

# In the quarter the letter reports on, so the draft is the quarter's (as bench.brief's).
NOW: Final = datetime(2026, 12, 15, 10, 0, tzinfo=UTC)
PAUSE: Final = 0.005  # seconds between two writes: a busy web process, not a tight loop
WRITER_START: Final = 60.0  # seconds the writing process may take to start or to report


@dataclass(slots=True)
class Writes:
    """The writes made while the letter was being made: each one's wait, and the errors."""

    waits: list[float] = field(default_factory=list)  # milliseconds
    errors: list[str] = field(default_factory=list)

    @property
    def worst(self) -> float:
        return max(self.waits, default=0.0)

    def summary(self) -> str:
        ordered = sorted(self.waits) or [0.0]
        p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
        return (
            f"{len(self.waits):,} writes: median {statistics.median(ordered):.1f} ms, "
            f"p99 {p99:.1f} ms, max {ordered[-1]:.1f} ms; "
            f"{len(self.errors)} failed ({'; '.join(sorted(set(self.errors))) or 'none'})"
        )


@dataclass(frozen=True, slots=True)
class Figures:
    work_ms: float  # how long the letter took, from start to its result written
    writes: Writes
    event_ms: float = 0.0  # how long the chat event's own handling took (its transaction)


def director(engine: Engine, key: str = letter_bench.KEY) -> int:
    """Make the programme's first person its director; their person id."""
    with session_factory(engine).begin() as session:
        programme = programme_by_key(session, key)
        assert programme is not None, key
        first = session.scalars(
            select(Membership)
            .where(Membership.programme_id == programme.id)
            .order_by(Membership.position)
            .limit(1)
        ).one()
        session.execute(
            update(Membership).where(Membership.id == first.id).values(role=Role.DIRECTOR)
        )
        return first.person_id


def _event(person_id: int, text: str) -> MessageIn:
    return MessageIn(
        platform=Source.CONSOLE,
        event_id=f"bench-{uuid.uuid4().hex}",
        user_id=str(person_id),
        received_at=NOW,
        text=text,
    )


def ask(register: Register, clock: FixedClock, person_id: int, text: str) -> None:
    """``person_id`` types ``text`` in chat: the event is stored and handled (and a job queued)."""
    Inbox(register, clock, letter_bench.ZONE).handle(_event(person_id, text))


def _write_until(url: str, person_id: int, ready: Any, stop: Any, results: Any) -> None:
    """In a process of its own, as the web process is: store chat events, each in its own
    write transaction, until ``stop``; then hand over each one's wait and the errors."""
    engine = make_engine(url)
    inbox = Inbox(Register(engine, session_factory(engine)), FixedClock(NOW), letter_bench.ZONE)
    inbox.receive(_event(person_id, "eerste"))  # connected and warm before the clock starts
    writes = Writes()
    ready.set()
    while not stop.is_set():
        started = time.perf_counter()
        try:
            inbox.receive(_event(person_id, "loopt goed"))
        except OperationalError as err:  # "database is locked": what the job runner prevents
            writes.errors.append(str(err.orig))
        writes.waits.append((time.perf_counter() - started) * 1000)
        stop.wait(PAUSE)
    engine.dispose()
    results.put((writes.waits, writes.errors))


def beside(register: Register, person_id: int, work: Callable[[], object]) -> Figures:
    """Run ``work`` here while another process stores chat events, until ``work`` ends; time
    the work and each write."""
    spawn = multiprocessing.get_context("spawn")
    ready, stop, results = spawn.Event(), spawn.Event(), spawn.Queue()
    url = register.engine.url.render_as_string(hide_password=False)
    writer = spawn.Process(target=_write_until, args=(url, person_id, ready, stop, results))
    writer.start()
    try:
        if not ready.wait(WRITER_START):
            raise RuntimeError("the writing process did not start")
        started = time.perf_counter()
        work()
        took = (time.perf_counter() - started) * 1000
    finally:
        stop.set()
        waits, errors = results.get(timeout=WRITER_START)
        writer.join(WRITER_START)
    return Figures(took, Writes(waits, errors))


def with_job(register: Register, person_id: int, key: str = letter_bench.KEY) -> Figures:
    """'brief concept' through the job runner: the letter made outside any transaction."""
    clock = FixedClock(NOW)
    started = time.perf_counter()
    ask(register, clock, person_id, f"brief concept {key} 2026-Q4")
    event_ms = (time.perf_counter() - started) * 1000
    figures = beside(register, person_id, JobRunner(register, clock, "bench").run_once)
    return replace(figures, event_ms=event_ms)


def inside(register: Register, person_id: int, key: str = letter_bench.KEY) -> Figures:
    """The baseline: the letter made in the transaction that handled the chat event."""
    row_id = Inbox(register, FixedClock(NOW), letter_bench.ZONE).receive(
        _event(person_id, f"brief concept {key} 2026-Q4")
    )
    assert row_id is not None

    def handle() -> None:
        with transaction(register.sessions) as session:
            mark_handled(session, row_id, person_id, NOW)  # the event's own write comes first
            programme = session.scalars(select(Programme).where(Programme.key == key)).one()
            make_draft(
                session, programme, Period(*letter_bench.QUARTER), NOW, person_id, render=document
            )

    return beside(register, person_id, handle)


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--actions", type=int, default=10_000)
    parser.add_argument("--updates", type=int, default=100_000)
    parser.add_argument(
        "--database", help="URL of an empty database; default a temporary SQLite file"
    )
    parser.add_argument(
        "--no-baseline", action="store_true", help="skip the letter made inside a transaction"
    )
    args = parser.parse_args(argv)
    if args.actions < 1 or args.updates < 0:
        parser.error("--actions must be at least 1, --updates 0 or more")
    return args


def run(url: str, args: argparse.Namespace) -> Figures:
    started = time.perf_counter()
    engine = letter_bench.prepare(url, args.actions, args.updates)
    try:
        register = Register(engine, session_factory(engine))
        person_id = director(engine)
        print(
            f"built {args.actions:,} actions and {args.updates:,} updates on "
            f"{engine.dialect.name} in {time.perf_counter() - started:.1f} s"
        )
        figures = with_job(register, person_id)
        print(
            f"the chat event 'brief concept' handled (the job queued) in {figures.event_ms:.0f} ms"
        )
        print(f"job runner: the draft made and kept in {figures.work_ms / 1000:.1f} s")
        print(f"  beside it, {figures.writes.summary()}")
        if not args.no_baseline:
            before = inside(register, person_id)
            print(f"baseline, in the event's transaction: {before.work_ms / 1000:.1f} s")
            print(f"  beside it, {before.writes.summary()}")
        return figures
    finally:
        engine.dispose()


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    if args.database is not None:
        run(args.database, args)
        return 0
    with tempfile.TemporaryDirectory() as folder:
        run(f"sqlite:///{Path(folder) / 'job.db'}", args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
