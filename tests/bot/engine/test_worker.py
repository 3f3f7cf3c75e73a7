"""bot.engine.worker: stored chat events handled apart from the process that acknowledged them."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from bot.engine.handle import Inbox
from bot.engine.opening import Register, import_file
from bot.engine.worker import BATCH, InboxWorker
from config.settings import Settings
from storage.models import InboundEvent, OutboxMessage
from tests.conftest import BOCE
from words.chat.inbound import MessageIn
from words.clock import FixedClock
from words.domain import Source

AT = datetime(2026, 11, 23, 9, tzinfo=UTC)


@pytest.fixture
def inbox(register: Register, settings: Settings, clock: FixedClock) -> Inbox:
    import_file(register, BOCE, settings, clock)
    return Inbox(register, clock, settings.zone)


def store(inbox: Inbox, count: int, user: str = "U05BOCE0011") -> None:
    for n in range(count):
        event = MessageIn(
            platform=Source.SLACK, event_id=f"Ev{n}", user_id=user, received_at=AT, text="help"
        )
        assert inbox.receive(event) is not None


def unhandled(register: Register) -> int:
    with register.sessions() as session:
        found = session.scalar(
            select(func.count()).select_from(InboundEvent).where(InboundEvent.handled_at.is_(None))
        )
    return 0 if found is None else found


def test_every_stored_event_is_handled_once_in_order(
    inbox: Inbox, register: Register, clock: FixedClock, settings: Settings
) -> None:
    store(inbox, BATCH + 5)  # more than one batch
    seen: list[tuple[str, str | None]] = []
    woken: list[bool] = []
    worker = InboxWorker(
        register,
        clock,
        settings.zone,
        {Source.SLACK: lambda user, workspace: seen.append((user, workspace))},
        done=lambda: woken.append(True),
    )
    assert worker.run_once() == BATCH + 5
    assert unhandled(register) == 0
    assert seen == [("U05BOCE0011", None)] * (BATCH + 5)  # the platform's step before each one
    assert len(woken) == 2  # the sender is woken after each batch
    with register.sessions() as session:
        answers = session.scalar(select(func.count()).select_from(OutboxMessage))
    assert answers == BATCH + 5
    assert worker.run_once() == 0  # nothing twice


def test_two_workers_handle_each_event_once(
    inbox: Inbox, register: Register, clock: FixedClock, settings: Settings
) -> None:
    store(inbox, 30)
    workers = [InboxWorker(register, clock, settings.zone) for _ in range(2)]
    threads = [threading.Thread(target=w.run_once) for w in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert unhandled(register) == 0
    with register.sessions() as session:
        answers = session.scalar(select(func.count()).select_from(OutboxMessage))
    assert answers == 30


def test_run_forever_stops_when_told(
    inbox: Inbox, register: Register, clock: FixedClock, settings: Settings
) -> None:
    store(inbox, 3)
    stop = threading.Event()
    worker = InboxWorker(register, clock, settings.zone, done=stop.set)
    worker.run_forever(stop)  # handles the three, is told to stop by its own callback
    assert unhandled(register) == 0
