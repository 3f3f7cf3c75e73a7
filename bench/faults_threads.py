"""The fault bench's rows that reach into the clock process: poison events and a killed inbox
worker thread. The web process is ``voortgang web`` as elsewhere; the clock process is
``bot.run.clock_process.run_clock`` itself, in a thread of the bench, so a row can find its
threads (and
shorten the backoff of failed events, with ``--quick``).
"""

from __future__ import annotations

import ctypes
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import datetime
from typing import Any, Final
from unittest import mock

from sqlalchemy import insert

import storage.inbox
from bench.faults_count import Watcher
from bench.faults_events import load_note, now, row_of, settle, steady
from bench.faults_load import SlackLoad, describe
from bench.faults_table import Row
from bench.faults_world import Databases, Sizes, World, deployment, wait_for
from bot.engine.opening import Register
from bot.run.clock_process import run_clock
from storage.db import make_engine, session_factory, transaction
from storage.inbox import EVENT_BACKOFF, MAX_EVENT_ATTEMPTS
from storage.models import InboundEvent
from words.clock import SystemClock
from words.domain import Source

INBOX_WORKER: Final = "inbox-worker"  # the supervised thread's name (bot.engine.supervisor)
RESTARTED: Final = 10.0  # seconds the supervisor is given to start a killed thread again
KILL_EVERY: Final = 2.0  # seconds between kills


@contextmanager
def clock_in_process(world: World) -> Iterator[None]:
    """The clock process's ``run_clock`` in a thread, on its own engine, stopped after."""
    engine = make_engine(world.url)
    register = Register(engine, session_factory(engine))
    stop = threading.Event()
    thread = threading.Thread(
        target=run_clock,
        args=(register, world.settings, SystemClock(), stop),
        name="bench-clock",
        daemon=True,
    )
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(30)
        engine.dispose()


# -- poison ----------------------------------------------------------------------------------

# What a broken or older writer might have stored: a payload without the fields an event has,
# and one whose text is a number. The first cannot even be read; the second is read, and its
# handling fails every time.
UNREADABLE: Final = {"platform": "slack", "text": "loopt goed"}


def _fails_in_handling(user: str) -> dict[str, Any]:
    return {
        "platform": "slack",
        "event_id": "EvPoisonHandling",
        "user_id": user,
        "received_at": now().isoformat(),
        "workspace": None,
        "text": 20261206,
        "channel": None,
        "thread": None,
    }


def store_poison(world: World, event_id: str, payload: dict[str, Any]) -> int:
    user = world.owners[0][0]
    with transaction(world.register.sessions) as session:
        row_id = session.execute(
            insert(InboundEvent)
            .values(
                platform=Source.SLACK,
                event_id=event_id,
                kind="message",
                user_id=user,
                received_at=now(),
                payload=payload,
            )
            .returning(InboundEvent.id)
        ).scalar_one()
    return int(row_id)


def _poison_state(world: World, row_id: int) -> tuple[int, bool, bool]:
    """(attempts, set aside, handled) of the poison."""
    with world.register.sessions() as session:
        row = session.get(InboundEvent, row_id)
        assert row is not None
        return row.attempts, row.set_aside_at is not None, row.handled_at is not None


def poison(databases: Databases, sizes: Sizes, *, readable: bool) -> Row:
    kind = "fails handling" if readable else "cannot be read"
    fault = f"poison event ({kind})"
    name = "poison-handling" if readable else "poison-unreadable"
    backoff = EVENT_BACKOFF if sizes.poison_backoff is None else sizes.poison_backoff
    with ExitStack() as stack:
        world = stack.enter_context(deployment(databases, name, databases.folder, sizes))
        if sizes.poison_backoff is not None:
            stack.enter_context(mock.patch.object(storage.inbox, "EVENT_BACKOFF", backoff))
        web = world.web()
        stack.enter_context(clock_in_process(world))
        load = SlackLoad(web, world.owners, rate=sizes.rate, prefix="Poison")
        load.start()
        try:
            steady(world)
            time.sleep(sizes.lead_in)
            event_id = "EvPoisonHandling" if readable else "EvPoisonUnreadable"
            payload = _fails_in_handling(world.owners[0][0]) if readable else UNREADABLE
            stored_at = now()
            row_id = store_poison(world, event_id, payload)
            # Handling goes on when the events stored after the poison are handled.
            watcher = Watcher(world.register, after_id=row_id).start()
            stack.callback(watcher.stop)
            time.sleep(sizes.tail)
        finally:
            load.stop()
        sent = load.snapshot()
        _wait_set_aside(world, row_id, sum(b.total_seconds() for b in backoff), sizes.stalled)
        found = settle(world, sent, sizes)
        attempts, aside, handled = _poison_state(world, row_id)
        resumed = watcher.first_after(stored_at)
        set_aside_at = _set_aside_after(world, row_id, stored_at)
    row = row_of(fault, found, resumed, "")
    row.sent += 1
    row.set_aside += int(aside)
    row.lost += int(not aside and not handled)
    how = (
        "the real backoff"
        if sizes.poison_backoff is None
        else f"the backoff shortened to {backoff[0].total_seconds():g} s in-process"
    )
    state = (
        f"set aside after {attempts} attempts, {set_aside_at:.0f} s after it was stored"
        if aside and set_aside_at is not None
        else f"not set aside: {attempts} attempts recorded of {MAX_EVENT_ATTEMPTS}"
    )
    row.note = f"poison {state} ({how}); {load_note(describe(sent))}"
    return row


def _wait_set_aside(world: World, row_id: int, backoff: float, stalled: float) -> None:
    """Until the poison is set aside, as far as its backoff allows; not as long when no
    attempt at all was recorded for ``stalled`` seconds (then none will be)."""
    started = time.monotonic()
    while time.monotonic() - started < backoff + stalled:
        attempts, aside, handled = _poison_state(world, row_id)
        if aside or handled or (attempts == 0 and time.monotonic() - started > stalled):
            return
        time.sleep(0.5)


def _set_aside_after(world: World, row_id: int, stored_at: datetime) -> float | None:
    with world.register.sessions() as session:
        row = session.get(InboundEvent, row_id)
        if row is None or row.set_aside_at is None:
            return None
        return float((row.set_aside_at - stored_at).total_seconds())


# -- the inbox worker thread killed ----------------------------------------------------------


def _worker_thread() -> threading.Thread | None:
    found = [t for t in threading.enumerate() if t.name == INBOX_WORKER and t.is_alive()]
    return found[0] if found else None


def kill(thread: threading.Thread) -> None:
    """Raise SystemExit in ``thread``: it ends at its next step, whatever it is doing."""
    assert thread.ident is not None
    changed = ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread.ident), ctypes.py_object(SystemExit)
    )
    if changed != 1:
        raise RuntimeError(f"could not raise into thread {thread.name}")


def worker_killed(databases: Databases, sizes: Sizes) -> Row:
    fault = "worker thread killed" + (f" ({sizes.kills} times)" if sizes.kills > 1 else "")
    with deployment(databases, "killed", databases.folder, sizes) as world:
        web = world.web()
        with clock_in_process(world):
            load = SlackLoad(web, world.owners, rate=sizes.rate, prefix="Killed")
            load.start()
            resumes: list[float | None] = []
            watcher = Watcher(world.register)
            try:
                steady(world)
                watcher.start()
                for _ in range(sizes.kills):
                    time.sleep(sizes.lead_in if not resumes else KILL_EVERY)
                    resumes.append(_kill_once(watcher, sizes.stalled))
                time.sleep(sizes.tail)
            finally:
                load.stop()
                watcher.stop()
            sent = load.snapshot()
            found = settle(world, sent, sizes)
    known = [r for r in resumes if r is not None]
    resumed = None if len(known) < len(resumes) else max(known)
    shown = ", ".join("never" if r is None else f"{r:.1f} s" for r in resumes)
    note = (
        f"SystemExit raised into the inbox worker thread; handled again after {shown}; "
        f"{load_note(describe(sent))}"
    )
    return row_of(fault, found, resumed, note)


def _kill_once(watcher: Watcher, stalled: float) -> float | None:
    """Kill the inbox worker thread; seconds from its end until an event was handled."""
    thread = _worker_thread()
    if thread is None:
        raise RuntimeError("no inbox worker thread to kill")
    kill(thread)
    thread.join(RESTARTED)
    ended = now()
    wait_for(lambda: _worker_thread() not in (None, thread), RESTARTED, "a new inbox worker")
    deadline = time.monotonic() + stalled
    while time.monotonic() < deadline:
        resumed = watcher.first_after(ended)
        if resumed is not None:
            return resumed
        time.sleep(0.05)
    return None
