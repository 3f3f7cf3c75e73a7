"""The web process's intake: events stored before they are acknowledged, in batches, once."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine, Sequence
from datetime import UTC, datetime
from typing import Any, TypeVar

import pytest
from sqlalchemy import func, select, text

from bot.engine import intake as intake_module
from bot.engine.intake import EventIntake, IntakeError
from bot.engine.opening import Register
from bot.engine.worker import IntakeMover
from storage.db import make_engine
from storage.inbox import EventKey, decode
from storage.models import InboundEvent
from words.chat.inbound import ButtonIn, Event, FormIn, MessageIn
from words.clock import FixedClock
from words.domain import Source

AT = datetime(2026, 11, 23, 9, tzinfo=UTC)
T = TypeVar("T")


def message(event_id: str, text_: str = "loopt goed") -> MessageIn:
    return MessageIn(
        platform=Source.SLACK,
        event_id=event_id,
        user_id="U1",
        received_at=AT,
        text=text_,
        thread="D1|1700000000.000100",
    )


def stored(register: Register) -> list[InboundEvent]:
    """The events in the register; on SQLite the inbox worker first moves them there from the
    intake file the web process writes (storage.intake_file)."""
    mover = IntakeMover.of(register, FixedClock(AT))
    if mover is not None:
        mover.move()
    with register.sessions() as session:
        return list(session.scalars(select(InboundEvent).order_by(InboundEvent.id)))


class CountingWrites:
    """Counts the intake's writes and their sizes, passing them on."""

    def __init__(self, intake: EventIntake) -> None:
        self.sizes: list[int] = []
        writer = intake._writer  # the batching is what is under test
        self._insert = writer.insert
        writer.insert = self  # type: ignore[method-assign]

    async def __call__(self, events: Sequence[Event]) -> dict[EventKey, int]:
        self.sizes.append(len(events))
        return await self._insert(events)


@pytest.fixture
def intake(register: Register) -> EventIntake:
    return EventIntake(register.engine)


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coroutine)


def test_an_event_is_stored_once_and_a_redelivery_is_recognised(
    intake: EventIntake, register: Register
) -> None:
    async def scenario() -> list[int | None]:
        first = await intake.store(message("Ev1"))
        again = [await intake.store(message("Ev1")) for _ in range(3)]
        await intake.stop()
        return [first, *again]

    first, *again = run(scenario())
    rows = stored(register)
    assert [r.id for r in rows] == [first]
    assert again == [None, None, None]
    assert rows[0].handled_at is None  # the clock process's worker handles it


def test_what_is_stored_reads_back_as_the_same_event(
    intake: EventIntake, register: Register
) -> None:
    events: list[Event] = [
        message("Ev1", "Schrijven \"zó\" <b>& 'ok'</b> — ✓"),
        ButtonIn(
            platform=Source.SLACK,
            event_id="Ev2",
            user_id="U1",
            received_at=AT,
            action="status",
            value="afgerond",
            message="D1|1700000000.000100",
        ),
        FormIn(
            platform=Source.TEAMS,
            event_id="Ev3",
            user_id="aad-1",
            received_at=AT,
            form="update",
            context="14",
            values={"text": "klaar", "deadline": ""},
        ),
    ]

    async def scenario() -> None:
        await asyncio.gather(*(intake.store(e) for e in events))
        await intake.stop()

    run(scenario())
    rows = stored(register)
    assert [decode(r.kind, r.payload) for r in rows] == events
    assert [r.received_at for r in rows] == [AT, AT, AT]
    assert [r.platform for r in rows] == [Source.SLACK, Source.SLACK, Source.TEAMS]


def test_events_arriving_during_a_write_go_together_in_the_next(
    intake: EventIntake, register: Register
) -> None:
    writes = CountingWrites(intake)

    async def scenario() -> list[int | None]:
        ids = await asyncio.gather(*(intake.store(message(f"Ev{n}")) for n in range(50)))
        await intake.stop()
        return list(ids)

    ids = run(scenario())
    assert len(set(ids)) == 50
    assert None not in ids
    assert len(stored(register)) == 50
    # The first write takes the first event; the 49 queued meanwhile go in one more.
    assert sum(writes.sizes) == 50
    assert len(writes.sizes) < 50
    assert max(writes.sizes) > 1


def test_the_same_event_twice_in_one_batch_is_stored_once(
    intake: EventIntake, register: Register
) -> None:
    async def scenario() -> list[int | None]:
        await intake.store(message("Ev0"))  # the next three then queue together
        ids = await asyncio.gather(
            intake.store(message("Ev1")), intake.store(message("Ev1")), intake.store(message("Ev2"))
        )
        await intake.stop()
        return list(ids)

    first, twice, other = run(scenario())
    assert first is not None
    assert twice is None
    assert other is not None
    assert len(stored(register)) == 3


def test_stopping_writes_what_is_waiting_and_refuses_more(
    intake: EventIntake, register: Register
) -> None:
    async def scenario() -> None:
        waiting = [asyncio.ensure_future(intake.store(message(f"Ev{n}"))) for n in range(5)]
        await asyncio.sleep(0)  # queued, not yet written
        await intake.stop()
        assert all(w.done() for w in waiting)
        with pytest.raises(IntakeError):
            await intake.store(message("Late"))

    run(scenario())
    assert len(stored(register)) == 5


def test_a_naive_timestamp_is_refused_and_the_next_event_stored(
    intake: EventIntake, register: Register
) -> None:
    naive = MessageIn(
        platform=Source.SLACK,
        event_id="EvN",
        user_id="U1",
        received_at=datetime(2026, 11, 23, 9),  # noqa: DTZ001 - the point of the test
        text="x",
    )

    async def scenario() -> int | None:
        with pytest.raises(ValueError, match="naive"):
            await intake.store(naive)
        after = await intake.store(message("Ev2"))  # the writer goes on with the next
        await intake.stop()
        return after

    assert run(scenario()) is not None
    assert [r.event_id for r in stored(register)] == ["Ev2"]


def test_an_unreachable_database_is_an_intake_error_not_a_hang(tmp_path: object) -> None:
    engine = make_engine("postgresql+psycopg://nobody@127.0.0.1:9/none?connect_timeout=1")
    intake = EventIntake(engine)

    async def scenario() -> None:
        with pytest.raises(IntakeError):
            await intake.store(message("Ev1"))
        await intake.stop()

    run(scenario())


@pytest.mark.parametrize(
    "db_url", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True
)
def test_after_the_connection_breaks_the_next_event_is_stored_again(
    intake: EventIntake, register: Register
) -> None:
    async def scenario() -> tuple[int | None, int | None]:
        first = await intake.store(message("Ev1"))
        with register.engine.begin() as conn:  # the server ends the intake's session
            conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            )
        with pytest.raises(IntakeError):
            await intake.store(message("Ev2"))  # not acknowledged: Slack delivers it again
        again = await intake.store(message("Ev2"))
        await intake.stop()
        return first, again

    register.engine.dispose()  # no pooled session of ours among those ended
    first, again = run(scenario())
    assert first is not None
    assert again is not None
    assert len(stored(register)) == 2


@pytest.mark.parametrize(
    "db_url", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True
)
def test_a_write_that_hangs_is_given_up_in_time(
    intake: EventIntake, register: Register, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(intake_module, "WRITE_TIMEOUT", 0.3)

    async def scenario() -> int | None:
        with register.engine.connect() as blocker:
            # An open transaction holding the same event id makes the intake's insert wait.
            blocker.execute(
                text(
                    "INSERT INTO inbound_event (platform, event_id, kind, user_id, "
                    "received_at, payload) VALUES ('slack', 'Ev1', 'message', 'U1', now(), '{}')"
                )
            )
            with pytest.raises(IntakeError, match="timed out"):
                await intake.store(message("Ev1"))
            blocker.rollback()
        row_id = await intake.store(message("Ev1"))  # Slack's retry, once the lock is gone
        await intake.stop()
        return row_id

    assert run(scenario()) is not None
    with register.sessions() as session:
        assert session.scalar(select(func.count()).select_from(InboundEvent)) == 1


def test_one_event_the_database_refuses_fails_alone_not_the_events_stored_with_it(
    intake: EventIntake, register: Register, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A bug, or a value the database refuses, in one event of a batch: the batch is written
    # again one event at a time, so only that event is refused (and not acknowledged).
    writer = intake._writer
    real = writer.insert

    async def refusing(events: Sequence[Event]) -> dict[EventKey, int]:
        if any(e.event_id == "EvBad" for e in events):
            raise IntakeError("DataError: value too long")
        return await real(events)

    monkeypatch.setattr(writer, "insert", refusing)

    async def scenario() -> list[object]:
        await intake.store(message("Ev0"))  # the next ones then queue together
        results = await asyncio.gather(
            *(intake.store(message(f"Ev{n}")) for n in range(1, 50)),
            intake.store(message("EvBad")),
            *(intake.store(message(f"Ev{n}")) for n in range(50, 100)),
            return_exceptions=True,
        )
        await intake.stop()
        return list(results)

    results = run(scenario())
    refused = [r for r in results if isinstance(r, BaseException)]
    assert [str(r) for r in refused] == ["DataError: value too long"]
    assert len(stored(register)) == 100


def test_a_nul_or_lone_surrogate_in_an_event_is_stored_cleaned_with_its_batch(
    intake: EventIntake, register: Register
) -> None:
    async def scenario() -> None:
        await asyncio.gather(
            intake.store(message("Ev1", "a\x00b")),
            intake.store(message("Ev2", "half \ud83d emoji")),
            intake.store(message("Ev3", "gewoon")),
        )
        await intake.stop()

    run(scenario())
    texts = [decode(r.kind, r.payload) for r in stored(register)]
    assert [getattr(e, "text", None) for e in texts] == ["ab", "half \ufffd emoji", "gewoon"]
