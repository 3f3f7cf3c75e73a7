"""The fault bench's rows about handling chat events, with the web and clock processes as
subprocesses: the register's write lock held, the database gone, one delivery four times.

Each runs the same way (``through``): the load generator sends status updates at a steady
rate; once handling is under way, the fault comes; the load goes on a while after its end;
then every acknowledged event should be handled, once, and answered at the fake Slack.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Final

from sqlalchemy import text
from sqlalchemy.engine import make_url

from bench.faults_count import Tally, Watcher, first_handled_after, settled, tally
from bench.faults_load import NO_ANSWER, Sent, SlackLoad, deliver_times, describe, dm_body
from bench.faults_proxy import TcpProxy
from bench.faults_table import Row
from bench.faults_world import Databases, Sizes, World, deployment, wait_for
from storage.db import make_engine

SETTLE: Final = 90.0  # seconds given, after the load, for every event to be handled
STEADY: Final = 60.0  # seconds given for the first event to be handled (processes starting)


@dataclass(frozen=True, slots=True)
class Span:
    """When a fault began and ended."""

    start: datetime
    end: datetime


def now() -> datetime:
    return datetime.now(UTC)


def through(
    world: World, web: str, fault: Callable[[], Span], prefix: str, sizes: Sizes
) -> tuple[Tally, Span, float | None, dict[str, object]]:
    """Load, fault, load, settle: the tally, the fault's span, the seconds from its end until
    an event was handled, and what the load generator saw."""
    load = SlackLoad(web, world.owners, rate=sizes.rate, prefix=prefix)
    load.start()
    watcher = Watcher(world.register)
    try:
        steady(world)
        watcher.start()
        time.sleep(sizes.lead_in)
        span = fault()
        time.sleep(sizes.tail)
    finally:
        load.stop()
    sent = load.snapshot()
    found = settle(world, sent, sizes)
    watcher.stop()
    seen = describe(sent)
    seen["during"] = watcher.handled_between(span.start, span.end)
    return found, span, watcher.first_after(span.end), seen


def steady(world: World) -> None:
    """Wait until the deployment handled its first event: the processes are at work."""
    wait_for(
        lambda: first_handled_after(world.register, datetime(2000, 1, 1, tzinfo=UTC)) is not None,
        STEADY,
        "the first event to be handled",
    )


def settle(world: World, sent: list[Sent], sizes: Sizes) -> Tally:
    """Wait until every acknowledged event is handled and answered (or set aside), at most
    ``SETTLE`` seconds, and less once nothing has moved for ``sizes.stalled`` seconds; then a
    moment more for an answer that would come twice. The tally."""
    deadline = time.monotonic() + SETTLE
    moved_at, done = time.monotonic(), -1
    while True:
        found = tally(world.register, world.fake, sent)
        if found.lost == 0 or time.monotonic() > deadline:
            break
        if found.handled + found.set_aside > done:
            moved_at, done = time.monotonic(), found.handled + found.set_aside
        elif time.monotonic() - moved_at > sizes.stalled:
            break
        time.sleep(0.5)
    time.sleep(sizes.quiet)
    return tally(world.register, world.fake, sent)


def row_of(fault: str, found: Tally, resumed: float | None, note: str) -> Row:
    return Row(
        fault,
        sent=found.sent,
        handled=found.handled,
        set_aside=found.set_aside,
        lost=found.lost,
        doubled=found.doubled,
        resumed=resumed,
        note=note,
    )


def load_note(seen: dict[str, object]) -> str:
    """The load generator's view: answers other than 200, retries, never acknowledged."""
    statuses = seen["statuses"]
    assert isinstance(statuses, dict)
    other = {status: n for status, n in statuses.items() if status != 200}
    parts = []
    if other:
        shown = ", ".join(
            f"{n}x {'no answer' if status == NO_ANSWER else status}" for status, n in other.items()
        )
        parts.append(f"answers other than 200: {shown}; {seen['retried']} events retried")
    if seen["beyond_slack"]:
        parts.append(f"{seen['beyond_slack']} needed more than Slack's 3 retries")
    if seen["unacknowledged"]:
        parts.append(f"{seen['unacknowledged']} never acknowledged")
    return "; ".join(parts) if parts else "every delivery answered 200"


# -- lock held -------------------------------------------------------------------------------


def hold_lock(url: str, seconds: float) -> Span:
    """Hold the register's write lock for ``seconds``: SQLite's BEGIN IMMEDIATE on its file, or
    on PostgreSQL a lock on the status updates that every handled reply writes."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _hold_sqlite(str(parsed.database), seconds)
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            connection.execute(text("LOCK TABLE status_update IN EXCLUSIVE MODE"))
            start = now()
            time.sleep(seconds)
            connection.rollback()
            return Span(start, now())
    finally:
        engine.dispose()


def _hold_sqlite(path: str, seconds: float) -> Span:
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("BEGIN IMMEDIATE")
        start = now()
        time.sleep(seconds)
        connection.execute("ROLLBACK")
        return Span(start, now())
    finally:
        connection.close()


def lock_held(databases: Databases, sizes: Sizes) -> Row:
    seconds = sizes.lock_seconds
    fault = f"lock held {seconds:g} s"
    with deployment(databases, "lock", databases.folder, sizes) as world:
        world.clock()
        web = world.web()
        found, _span, resumed, seen = through(
            world, web, lambda: hold_lock(world.url, seconds), "Lock", sizes
        )
    what = (
        "BEGIN IMMEDIATE on the register file"
        if databases.kind == "sqlite"
        else "LOCK TABLE status_update IN EXCLUSIVE MODE"
    )
    during = f"{seen['during']} handled while it was held"
    return row_of(fault, found, resumed, f"{what}; {during}; {load_note(seen)}")


# -- database gone ---------------------------------------------------------------------------


def database_gone(databases: Databases, sizes: Sizes) -> Row:
    seconds = sizes.gone_seconds
    fault = f"database gone {seconds:g} s"
    if databases.postgres is None:
        return Row(fault, applies=False, note="not applicable (a file)")
    with deployment(databases, "gone", databases.folder, sizes) as world:
        target = make_url(world.url)
        proxy = TcpProxy(target.host or "127.0.0.1", target.port or 5432).start()
        try:
            through_proxy = target.set(host="127.0.0.1", port=proxy.port)
            url = through_proxy.render_as_string(hide_password=False)
            web = world.web(url)
            world.clock(url)

            def gone() -> Span:
                start = now()
                proxy.cut()
                time.sleep(seconds)
                proxy.restore()
                return Span(start, now())

            found, _span, resumed, seen = through(world, web, gone, "Gone", sizes)
        finally:
            world.stop_processes()
            proxy.stop()
    note = (
        f"connections refused and reset, web and clock through a proxy; {seen['during']} "
        f"handled meanwhile; {load_note(seen)}"
    )
    return row_of(fault, found, resumed, note)


# -- the same delivery four times ------------------------------------------------------------

DELIVERIES: Final = 4


def same_delivery(databases: Databases, sizes: Sizes) -> Row:
    fault = f"the same delivery {DELIVERIES} times"
    with deployment(databases, "same", databases.folder, sizes) as world:
        world.clock()
        web = world.web()
        user, action = world.owners[0]
        together = dm_body(user, f"update {action} loopt goed", "EvSameTogether")
        apart = dm_body(user, f"update {action} loopt nog steeds goed", "EvSameApart")
        answers = deliver_times(web, together, DELIVERIES, together=True)
        answers += deliver_times(web, apart, DELIVERIES, together=False)
        sent = _as_sent(["EvSameTogether", "EvSameApart"], answers)
        wait_for(lambda: settled(world.register, world.fake, sent), SETTLE, "both handled")
        time.sleep(sizes.quiet)  # room for a second answer, if one were coming
        found = tally(world.register, world.fake, sent)
    row = row_of(fault, found, None, "")
    row.resumes = False
    row.note = (
        f"two events, each delivered {DELIVERIES} times (retries 1-3): at once, and one after "
        f"the other; answers {sorted(answers)}; each stored once, one update, one answer"
        if found.doubled == 0
        else f"answers {sorted(answers)}"
    )
    return row


def _as_sent(event_ids: list[str], answers: list[int]) -> list[Sent]:
    """The events as the generator would have seen them: each one's answers, in turn."""
    per = len(answers) // len(event_ids)
    found = []
    for number, event_id in enumerate(event_ids):
        mine = answers[number * per : (number + 1) * per]
        acked = time.time() if 200 in mine else None
        found.append(Sent(event_id, time.time(), mine, acked))
    return found
