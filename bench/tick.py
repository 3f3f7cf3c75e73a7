"""Tick benchmark: one clock tick over a programme with 100,000 open actions.

    .venv/bin/python -m bench.tick [--actions 100000] [--runs 7]

Builds a temporary SQLite database with Core bulk inserts: one programme, the actions (one
owner each, 50 actions a person), a check-in ping planned for each action at a moment spread
over the next two weeks, and an answered ping from the fortnight before. The plan mark is set
ahead, as after a normal planning run, so the tick does not plan.

It then times ``handlers.checkins.cycle.tick`` at a moment when about 1% of the planned pings are
due
(they are sent, grouped per person, through the outbox) and at a moment when nothing is due.
Each run works in its own transaction and is rolled back, so every run sees the same data.
A bare indexed SELECT of the due rows is timed alongside as the baseline, and the busy tick
once more with a port that queues nothing, to show the outbox's share. Target: the tick
with 1% due in under 200 ms.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, Row, insert, select
from sqlalchemy.orm import Session

from handlers.checkins import cycle as checkins
from storage.db import make_engine, migrate, session_factory
from storage.models import (
    Action,
    ActionOwner,
    ClockMark,
    Membership,
    OutboxMessage,
    Person,
    Ping,
    Programme,
    Theme,
)
from storage.outbox import OutboxWriter
from storage.pings import ping_key
from words.chat.messages import File, Message
from words.chat.outgoing import Destination, Outgoing
from words.checkin_settings import ScheduleSettings
from words.domain import PingRule, PingState, Role, Status

TARGET_MS = 200.0
ACTIONS_PER_PERSON = 50
DUE_FRACTION = 0.01
BATCH = 20_000
# Monday 1 February 2027, 09:00 in Amsterdam: the start of the planned fortnight.
START = datetime(2027, 2, 1, 8, tzinfo=UTC)
SPAN = timedelta(days=14)
CREATED = START - timedelta(days=60)


def _batches(rows: Iterator[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _bulk(session: Session, table: Any, rows: Iterator[dict[str, Any]]) -> None:
    for batch in _batches(rows):
        session.execute(insert(table), batch)


def _people(count: int) -> Iterator[dict[str, Any]]:
    for i in range(1, count + 1):
        yield {
            "id": i,
            "name": f"Persoon {i}",
            "email": f"p{i}@bench.example",
            "created_at": CREATED,
        }


def _actions(count: int, programme_id: int, theme_id: int) -> Iterator[dict[str, Any]]:
    for i in range(1, count + 1):
        yield {
            "id": i,
            "programme_id": programme_id,
            "number": i,
            "key": f"A-{i}",
            "theme_id": theme_id,
            "title": f"Actie {i}",
            "description": "",
            "due": date(2027, 12, 31),
            "deadline_text": "eind 2027",
            "status": Status.ON_TRACK,
            "kpi_unit": "",
            "checkin_rule": "",
            "file_values": {},
            "created_at": CREATED,
            "updated_at": CREATED,
        }


def _owner(action_id: int, people: int) -> int:
    return (action_id - 1) % people + 1


def _pings(
    count: int, people: int, programme_id: int, *, scatter: bool
) -> Iterator[dict[str, Any]]:
    """Per action: an answered ping two weeks back and one planned in the coming fortnight.

    The planned moments are spread over the fortnight in an order strided through the
    people: a person's actions fall due together, as with a shared cadence. With
    ``scatter`` they are strided through the actions instead, so each due ping is for a
    different person: the worst case, one message per ping.
    """
    slots = count if scatter else people
    step = SPAN / slots
    for i in range(1, count + 1):
        owner = _owner(i, people)
        base = {
            "programme_id": programme_id,
            "action_id": i,
            "owner_id": owner,
            "recipient_id": owner,
            "rule": PingRule.CHECKIN,
        }
        coming = START + step * (((i if scatter else owner) * 7919) % slots)
        yield {
            **base,
            "key": ping_key(PingRule.CHECKIN, i, owner, coming),
            "occurrence": coming,
            "due_at": coming,
            "state": PingState.PLANNED,
            "created_at": START - timedelta(days=1),
        }
        before = coming - SPAN
        yield {
            **base,
            "key": ping_key(PingRule.CHECKIN, i, owner, before),
            "occurrence": before,
            "due_at": before,
            "state": PingState.ANSWERED,
            "sent_at": before,
            "answered_at": before + timedelta(hours=3),
            "created_at": before - SPAN,
        }


def build(path: Path, actions: int, *, scatter: bool = False) -> Engine:
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine)
    people = max(1, actions // ACTIONS_PER_PERSON)
    with Session(engine) as session, session.begin():
        programme = session.execute(
            insert(Programme).returning(Programme.id),
            [
                {
                    "key": "bench",
                    "name": "Benchmark",
                    "description": "",
                    "timezone": "Europe/Amsterdam",
                    "language": "nl",
                    "checkin_rule": "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;BYHOUR=9;BYMINUTE=0",
                    "schedule": ScheduleSettings().to_json(),
                    "letter": {},
                    "created_at": CREATED,
                    "updated_at": CREATED,
                }
            ],
        ).scalar_one()
        theme = session.execute(
            insert(Theme).returning(Theme.id),
            [
                {
                    "programme_id": programme,
                    "key": "thema",
                    "name": "Thema",
                    "description": "",
                    "position": 0,
                    "channel": "",
                }
            ],
        ).scalar_one()
        _bulk(session, Person, _people(people))
        _bulk(
            session,
            Membership,
            (
                {"programme_id": programme, "person_id": i, "key": f"p{i}", "role": Role.MEMBER}
                for i in range(1, people + 1)
            ),
        )
        _bulk(session, Action, _actions(actions, programme, theme))
        _bulk(
            session,
            ActionOwner,
            (
                {"action_id": i, "person_id": _owner(i, people), "position": 0}
                for i in range(1, actions + 1)
            ),
        )
        _bulk(session, Ping, _pings(actions, people, programme, scatter=scatter))
        # As after a planning run: planned two weeks ahead, changes looked for just now.
        marks = {"plan:bench": START + SPAN, "replan:bench": START - timedelta(minutes=1)}
        session.execute(insert(ClockMark), [{"name": n, "at": at} for n, at in marks.items()])
        # The one message the stub port hands out for every send.
        session.execute(
            insert(OutboxMessage),
            [{"key": "stub", "kind": "dm", "payload": {}, "not_before": START}],
        )
    with engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
    return engine


def _time(engine: Engine, runs: int, work: Callable[[Session], object]) -> list[float]:
    sessions = session_factory(engine)
    timings = []
    for _ in range(runs + 1):  # the first run warms caches and is not counted
        with sessions() as session:
            started = time.perf_counter()
            work(session)
            timings.append((time.perf_counter() - started) * 1000)
            session.rollback()
    return timings[1:]


class StubPort:
    """An outbound port that queues nothing: isolates the tick from the outbox's cost."""

    def __init__(self, session: Session) -> None:
        self.id = session.scalars(select(OutboxMessage.id).where(OutboxMessage.key == "stub")).one()

    def send(self, key: str, to: Destination, message: Message) -> int:
        return self.id

    def send_file(self, key: str, to: Destination, file: File) -> int:
        return self.id


def _tick(now: datetime, *, stub: bool = False) -> Callable[[Session], object]:
    def work(session: Session) -> object:
        out: Outgoing = StubPort(session) if stub else OutboxWriter(session, now)
        report = checkins.tick(session, now, out)
        assert report.planned == 0, report
        return report

    return work


def _due_rows(session: Session, now: datetime) -> Sequence[Row[int]]:
    return session.execute(
        select(Ping.id).where(Ping.state == PingState.PLANNED, Ping.due_at <= now)
    ).all()


def _bare_select(now: datetime) -> Callable[[Session], object]:
    def work(session: Session) -> object:
        return _due_rows(session, now)

    return work


def _summary(name: str, timings: list[float]) -> tuple[float, float]:
    ordered = sorted(timings)
    median = statistics.median(ordered)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    print(f"  {name:<28} median {median:8.1f} ms   p95 {p95:8.1f} ms")
    return median, p95


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument(
        "--scatter", action="store_true", help="every due ping for a different person"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        engine = build(Path(folder) / "bench.db", args.actions, scatter=args.scatter)
        print(f"built {args.actions:,} actions in {time.perf_counter() - started:.1f} s")
        due_moment = START + SPAN * DUE_FRACTION
        with session_factory(engine)() as session:
            due = len(_due_rows(session, due_moment))
            sent = _tick(due_moment)(session)
            session.rollback()
        print(f"at {due_moment:%Y-%m-%d %H:%M} UTC: {due:,} pings due; {sent}")
        print(f"timings over {args.runs} runs:")
        busy, busy_p95 = _summary("tick, 1% due", _time(engine, args.runs, _tick(due_moment)))
        stubbed = _time(engine, args.runs, _tick(due_moment, stub=True))
        _summary("same, port queues nothing", stubbed)
        quiet_moment = START - timedelta(minutes=1)
        quiet, _ = _summary("tick, nothing due", _time(engine, args.runs, _tick(quiet_moment)))
        bare, _ = _summary(
            "baseline: SELECT due rows", _time(engine, args.runs, _bare_select(due_moment))
        )
        print(f"  tick / baseline: {busy / bare:.0f}x (1% due), {quiet / bare:.1f}x (nothing due)")
        verdict = "meets" if busy_p95 < TARGET_MS else "misses"
        print(f"target: 1% due under {TARGET_MS:.0f} ms: p95 {busy_p95:.1f} ms {verdict} it")
        engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
