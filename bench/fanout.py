"""Fan-out benchmark: many pings through the outbox to a rate-limited platform.

    .venv/bin/python -m bench.fanout [--messages 10000] [--rate 200]

Builds a temporary SQLite database with one programme in which each of ``messages`` people
owns one action whose deadline is a week away; the clock's own tick then plans and queues the
"7 days before the deadline" ping of every one of them (one message per person). Then one
``Sender`` delivers them in
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
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.engine.opening import Register
from bot.engine.sender import Sender
from handlers.checkins import cycle as checkins
from storage.db import make_engine, migrate, session_factory, transaction
from storage.models import (
    Action,
    ActionOwner,
    Membership,
    OutboxMessage,
    Person,
    Ping,
    Programme,
    Theme,
)
from storage.outbox import OutboxWriter
from storage.outbox_overview import pending_count, state_counts
from words.chat.delivery import Delivery
from words.checkin_settings import ScheduleSettings
from words.clock import FixedClock, SystemClock
from words.deadlines.model import Precision
from words.domain import OutboxState, Role, Source, Status
from words.errors import RetryAfter

TARGET = 0.90
# Monday 3 November 2025, 09:00 in Amsterdam: a week before every deadline. A moment in the
# past, so the real-time sender finds the queued messages ready at once.
DUE = date(2025, 11, 10)
PLANNED = datetime(2025, 11, 3, 7, tzinfo=UTC)
ASKED = datetime(2025, 11, 3, 8, tzinfo=UTC)


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
    """A fresh database in which the tick has queued one ping message to each of ``messages``
    people; their outbox keys."""
    engine = make_engine(f"sqlite:///{folder / 'fanout.db'}")
    migrate(engine)
    register = Register(engine, session_factory(engine))
    clock = FixedClock(PLANNED)
    with transaction(register.sessions) as session:
        _programme(session, messages)
    with transaction(register.sessions) as session:
        checkins.plan(session, clock.now())
    clock.moment = ASKED
    with transaction(register.sessions) as session:
        report = checkins.tick(session, clock.now(), OutboxWriter(session, clock.now()))
    with register.sessions() as session:
        keys = set(session.scalars(select(OutboxMessage.key)))
        pings = session.scalar(select(func.count()).select_from(Ping))
    assert report.sent == messages == len(keys) == pings, (report, len(keys), pings)
    return register, keys


def _programme(session: Session, people: int) -> None:
    # Check-ins once a year in July, so only the deadline pings fall in the benchmark's week.
    programme = Programme(
        key="bench",
        name="Benchmark",
        timezone="Europe/Amsterdam",
        checkin_rule="FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=1;BYHOUR=9;BYMINUTE=0",
        schedule=ScheduleSettings(before_deadline=(7,), after_deadline=False).to_json(),
    )
    theme = Theme(programme=programme, key="thema", name="Thema")
    session.add_all([programme, theme])
    for n in range(people):
        person = Person(name=f"Persoon {n}", email=f"p{n}@bench.example")
        action = Action(
            programme=programme,
            number=n + 1,
            key=f"A-{n + 1}",
            theme=theme,
            title=f"Actie {n + 1}",
            due=DUE,
            deadline_text=DUE.isoformat(),
            deadline_precision=Precision.DAY,
            status=Status.ON_TRACK,
        )
        action.owner_links.append(ActionOwner(person=person))
        session.add_all(
            [
                person,
                action,
                Membership(programme=programme, person=person, key=f"p{n}", role=Role.MEMBER),
            ]
        )


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
