"""Fan-out benchmark: many direct messages through the outbox to a rate-limited platform.

    .venv/bin/python -m bench.fanout [--messages 10000] [--rate 200]

Queues the messages in a temporary SQLite database, then lets one ``Sender`` deliver them in
real time (``run_forever``) to a fake platform that accepts ``rate`` messages per fixed
one-second window and answers "retry after" (the time left in the window) beyond that. It
prints the rate achieved as a fraction of that ceiling (target at least 0.90), duplicates and
losses counted from the platform's record against what was queued, and how often the
platform said "retry after". The same fan-out to a platform without a limit gives the
sender's own throughput as a baseline.
"""

from __future__ import annotations

import argparse
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bot.clock import SystemClock
from bot.delivery import Delivery
from bot.domain import OutboxState, Source
from bot.errors import RetryAfter
from bot.register import Register
from bot.sender import Sender
from handlers.messages import Message
from handlers.port import ToPerson
from storage.db import make_engine, migrate, session_factory, transaction
from storage.models import Person
from storage.outbox import OutboxWriter, pending_count, state_counts

PEOPLE = 100
TARGET = 0.90


class WindowPort:
    """Accepts ``rate`` deliveries per fixed one-second window, counted from the first one.

    Beyond that it raises ``RetryAfter`` with the time left in the window, as Slack's and
    Teams' rate limits do; ``rate`` None accepts everything.
    """

    platform = Source.CONSOLE

    def __init__(self, rate: int | None, now: Callable[[], float] = time.monotonic) -> None:
        self.rate = rate
        self.now = now
        self.keys: list[str] = []
        self.refs: dict[str, str] = {}
        self.refusals = 0
        self._first: float | None = None  # when the first window began
        self._window = 0  # the current window's number
        self._in_window = 0  # deliveries accepted in it

    def deliver(self, delivery: Delivery) -> str:
        self._admit()
        self.keys.append(delivery.key)
        ref = f"m{len(self.keys)}"
        self.refs[delivery.key] = ref
        return ref

    def find(self, key: str, delivery: Delivery) -> str | None:
        return self.refs.get(key)

    def _admit(self) -> None:
        if self.rate is None:
            return
        moment = self.now()
        if self._first is None:
            self._first = moment
        window = int((moment - self._first) // 1.0)
        if window != self._window:
            self._window, self._in_window = window, 0
        if self._in_window >= self.rate:
            self.refusals += 1
            raise RetryAfter(self._first + window + 1.0 - moment)
        self._in_window += 1


@dataclass(frozen=True, slots=True)
class Result:
    messages: int
    elapsed: float
    duplicates: int
    losses: int
    refusals: int
    failed: int

    @property
    def rate(self) -> float:
        return self.messages / self.elapsed


def queue(folder: Path, messages: int) -> tuple[Register, set[str]]:
    """A fresh database with ``messages`` direct messages queued to ``PEOPLE`` people."""
    engine = make_engine(f"sqlite:///{folder / 'fanout.db'}")
    migrate(engine)
    register = Register(engine, session_factory(engine))
    with transaction(register.sessions) as session:
        people = [Person(name=f"Persoon {n}") for n in range(PEOPLE)]
        session.add_all(people)
        session.flush()
        out = OutboxWriter(session, SystemClock().now())
        keys = {f"fanout:{n}" for n in range(messages)}
        for n in range(messages):
            text = f"Hoe staat actie {n}?"
            out.send(f"fanout:{n}", ToPerson(people[n % PEOPLE].id), Message(text))
    return register, keys


def deliver_all(register: Register, port: WindowPort, keys: set[str]) -> Result:
    """Run a sender in real time until the outbox is empty; count what the port received."""
    sender = Sender(register, port, SystemClock(), holder="bench")
    stop = threading.Event()

    def wait(seconds: float) -> bool:
        with register.sessions() as session:
            if pending_count(session) == 0:
                return True
        return stop.wait(seconds)

    start = time.perf_counter()
    sender.run_forever(stop, wait)
    elapsed = time.perf_counter() - start
    received = Counter(port.keys)
    with register.sessions() as session:
        failed = state_counts(session)[OutboxState.FAILED]
    return Result(
        messages=len(keys),
        elapsed=elapsed,
        duplicates=sum(n - 1 for n in received.values()),
        losses=len(keys - received.keys()),
        refusals=port.refusals,
        failed=failed,
    )


def run(messages: int, rate: int | None) -> Result:
    with tempfile.TemporaryDirectory() as folder:
        register, keys = queue(Path(folder), messages)
        try:
            return deliver_all(register, WindowPort(rate), keys)
        finally:
            register.engine.dispose()


def report(title: str, result: Result, rate: int | None) -> None:
    print(title)
    print(f"  messages         {result.messages}")
    print(f"  elapsed          {result.elapsed:.2f} s")
    print(f"  achieved rate    {result.rate:.1f} messages/s")
    if rate is not None:
        fraction = result.rate / rate
        verdict = "ok" if fraction >= TARGET else "below target"
        print(f"  of the ceiling   {fraction:.3f} (target {TARGET:.2f}: {verdict})")
        print(f"  retry-after      {result.refusals}")
    print(f"  duplicates       {result.duplicates}")
    print(f"  losses           {result.losses}")
    print(f"  failed rows      {result.failed}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--rate", type=int, default=200, help="messages per second accepted")
    args = parser.parse_args()
    report("baseline: no rate limit", run(args.messages, None), None)
    report(f"rate limit: {args.rate} per second", run(args.messages, args.rate), args.rate)


if __name__ == "__main__":
    main()
