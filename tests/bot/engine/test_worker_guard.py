"""Nothing stops the workers: a failing event is recorded, retried and set aside, the database
going away is waited out, a dead thread is started again, a bad message or a stop mid-round
never holds up the rest."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from bot.engine import handle as inbox_module
from bot.engine import worker as worker_module
from bot.engine.handle import Inbox, InboxUnavailableError
from bot.engine.opening import Register, import_file
from bot.engine.runner import Runner
from bot.engine.sender import Sender, SendReport
from bot.engine.supervisor import Supervisor
from bot.engine.worker import InboxWorker
from config.settings import Settings
from handlers import dispatch
from handlers.context import Ctx
from storage import inbox as storage_events
from storage.db import transaction
from storage.inbox import (
    EVENT_BACKOFF,
    MAX_EVENT_ATTEMPTS,
    count_set_aside,
    oldest_waiting,
    retry_events,
    set_aside_events,
)
from storage.models import InboundEvent, OutboxMessage
from storage.outbox import OutboxWriter, message_of
from tests.conftest import BOCE
from tests.fakes import RecordingPort, add_person
from words.chat.delivery import Delivery
from words.chat.inbound import MessageIn
from words.chat.messages import Message
from words.chat.outgoing import ToPerson
from words.clock import FixedClock
from words.domain import OutboxState, Source

AT = datetime(2026, 11, 23, 9, tzinfo=UTC)
ROB = "U05BOCE0011"  # Rob Jansen's Slack id in the example file
POISON = "boem"


@pytest.fixture
def inbox(register: Register, settings: Settings, clock: FixedClock) -> Inbox:
    import_file(register, BOCE, settings, clock)
    return Inbox(register, clock, settings.zone)


@pytest.fixture
def poison(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Handling raises for the text 'boem' (a bug in a handler) until the list is emptied."""
    failing = [POISON]
    real = dispatch.handle

    def handle(ctx: Ctx) -> None:
        if isinstance(ctx.event, MessageIn) and ctx.event.text in failing:
            raise ValueError("a handler's bug")
        real(ctx)

    monkeypatch.setattr(dispatch, "handle", handle)
    return failing


def store(inbox: Inbox, *texts: str) -> list[int]:
    rows = []
    for text in texts:
        event = MessageIn(
            platform=Source.SLACK,
            event_id=f"Ev{len(text)}-{text}",
            user_id=ROB,
            received_at=AT,
            text=text,
        )
        row = inbox.receive(event)
        assert row is not None
        rows.append(row)
    return rows


def event(register: Register, row_id: int) -> InboundEvent:
    with register.sessions() as session:
        found = session.get(InboundEvent, row_id)
        assert found is not None
        return found


def texts(register: Register) -> list[str]:
    with register.sessions() as session:
        rows = session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()
        return [m.text for m in (message_of(r) for r in rows) if m is not None]


def test_a_failing_event_is_recorded_with_an_apology_and_the_rest_go_on(
    inbox: Inbox, register: Register, clock: FixedClock, settings: Settings, poison: list[str]
) -> None:
    first, bad, last = store(inbox, "help", POISON, "mijn acties")
    worker = InboxWorker(register, clock, settings.zone)
    assert worker.run_once() == 3
    assert event(register, first).handled_at is not None
    assert event(register, last).handled_at is not None
    failed = event(register, bad)
    assert failed.handled_at is None
    assert failed.attempts == 1
    assert "ValueError: a handler's bug" in failed.last_error
    assert failed.not_before == clock.now() + EVENT_BACKOFF[0]
    sorry = [t for t in texts(register) if t.startswith("Sorry")]
    assert len(sorry) == 1  # in Rob's language (Dutch): kept, and tried again
    assert "bewaard" in sorry[0]
    assert worker.run_once() == 0  # it waits out its backoff: nothing to do now


def test_an_event_that_keeps_failing_is_set_aside_and_can_be_retried(
    inbox: Inbox, register: Register, clock: FixedClock, settings: Settings, poison: list[str]
) -> None:
    [bad] = store(inbox, POISON)
    worker = InboxWorker(register, clock, settings.zone)
    for pause in (*EVENT_BACKOFF, timedelta(0)):
        assert worker.run_once() == 1
        clock.advance(pause)
    row = event(register, bad)
    assert row.attempts == MAX_EVENT_ATTEMPTS
    assert row.set_aside_at is not None
    assert len([t for t in texts(register) if t.startswith("Sorry")]) == 1  # apologised once
    clock.advance(timedelta(days=1))
    assert worker.run_once() == 0  # set aside: never again by itself
    [later] = store(inbox, "help")
    assert worker.run_once() == 1  # and it holds nothing up
    assert event(register, later).handled_at is not None
    with register.sessions() as session:
        assert count_set_aside(session) == 1
        [listed] = set_aside_events(session)
        assert (listed.id, listed.attempts, listed.user_id) == (bad, MAX_EVENT_ATTEMPTS, ROB)
        assert oldest_waiting(session, clock.now()) is None  # set aside is not waiting
    poison.clear()  # the bug is fixed; an operator retries
    with transaction(register.sessions) as session:
        assert retry_events(session, [bad]) == 1
    assert worker.run_once() == 1
    assert event(register, bad).handled_at is not None
    with register.sessions() as session:
        assert count_set_aside(session) == 0


def test_when_even_the_failure_cannot_be_recorded_the_database_is_reported_away(
    inbox: Inbox, register: Register, monkeypatch: pytest.MonkeyPatch, poison: list[str]
) -> None:
    [bad] = store(inbox, POISON)

    def refused(*_args: object) -> None:
        raise OperationalError("UPDATE", {}, Exception("database is locked"))

    monkeypatch.setattr(inbox_module, "record_failure", refused)
    with pytest.raises(InboxUnavailableError):
        inbox.process(bad)
    assert event(register, bad).attempts == 0  # not the event's fault: it keeps its attempts


def test_the_worker_waits_out_a_database_that_went_away_and_goes_on(
    inbox: Inbox,
    register: Register,
    clock: FixedClock,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rows = store(inbox, "help", "mijn acties")
    real = storage_events.waiting_events
    failures = [OperationalError("SELECT", {}, Exception("connection refused"))] * 2

    def flaky(*args: object, **kwargs: object) -> object:
        if failures:
            raise failures.pop()
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(worker_module, "waiting_events", flaky)
    stop = threading.Event()
    worker = InboxWorker(register, clock, settings.zone, done=stop.set)
    runner = threading.Thread(target=worker.run_forever, args=(stop,))
    runner.start()
    runner.join(timeout=10)
    assert not runner.is_alive()
    assert failures == []
    assert all(event(register, row).handled_at is not None for row in rows)


@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")
def test_a_thread_that_dies_is_started_again() -> None:
    stop = threading.Event()
    runs: list[int] = []

    def target() -> None:
        runs.append(1)
        if len(runs) == 1:
            raise RuntimeError("a bug that escaped the loop's guard")
        stop.wait()

    supervisor = Supervisor(stop, check_every=3600)  # checked by hand below
    supervisor.add("worker", target)
    supervisor.start()
    thread = supervisor.threads()["worker"]
    assert thread is not None
    thread.join(timeout=5)
    assert supervisor.check() == 1
    assert supervisor.restarts() == {"worker": 1}
    assert supervisor.check() == 0  # the new one runs
    stop.set()
    supervisor.join(5)
    assert len(runs) == 2


def test_a_port_that_fails_unexpectedly_costs_one_message_an_attempt_not_the_round(
    register: Register, clock: FixedClock
) -> None:
    with transaction(register.sessions) as session:
        rob = add_person(session, "Rob Jansen")
        out = OutboxWriter(session, clock.now())
        ids = [out.send(f"k{n}", ToPerson(rob), Message("hallo")) for n in range(1, 4)]

    class BuggyPort(RecordingPort):
        def deliver(self, delivery: Delivery) -> str:
            if delivery.key == "k2":
                raise KeyError("a payload the port cannot build")
            return super().deliver(delivery)

    port = BuggyPort()
    report = Sender(register, port, clock, "s1").run_once()
    assert report == SendReport(claimed=3, sent=2, retrying=1)
    assert port.keys() == ["k1", "k3"]
    with register.sessions() as session:
        bad = session.get(OutboxMessage, ids[1])
        assert bad is not None
        # It may have reached the platform: it waits out a backoff and is checked there first.
        assert bad.state is OutboxState.SENDING
        assert bad.claimed_by is None
        assert bad.attempts == 1
        assert "KeyError" in bad.error


def test_a_sender_told_to_stop_hands_back_its_claim_at_once(
    register: Register, clock: FixedClock
) -> None:
    with transaction(register.sessions) as session:
        rob = add_person(session, "Rob Jansen")
        out = OutboxWriter(session, clock.now())
        ids = [out.send(f"k{n}", ToPerson(rob), Message("hallo")) for n in range(1, 4)]
    stop = threading.Event()

    class StoppingPort(RecordingPort):
        def deliver(self, delivery: Delivery) -> str:
            stop.set()  # SIGTERM arrives while the first message is on its way
            return super().deliver(delivery)

    sender = Sender(register, StoppingPort(), clock, "s1")
    sender.run_forever(stop, lambda _seconds: stop.is_set())
    with register.sessions() as session:
        rows = [session.get(OutboxMessage, i) for i in ids]
    assert [r.state for r in rows if r is not None] == [
        OutboxState.SENT,
        OutboxState.PENDING,
        OutboxState.PENDING,
    ]
    assert all(r.claimed_by is None and r.lease_until is None for r in rows[1:] if r is not None)
    # Another sender takes them at once, without waiting out the lease.
    assert Sender(register, RecordingPort(), clock, "s2").drain().sent == 2


def test_the_console_tries_a_failed_event_again_as_its_clock_moves(
    inbox: Inbox, register: Register, clock: FixedClock, settings: Settings, poison: list[str]
) -> None:
    [bad] = store(inbox, POISON)
    runner = Runner(register, clock, None, settings.zone)
    runner.run_due()
    assert event(register, bad).attempts == 1
    poison.clear()  # it was a passing fault (a lock, say)
    runner.advance_to(clock.now() + timedelta(seconds=2))
    assert event(register, bad).handled_at is not None
