"""The web process's intake: every chat event stored before it is acknowledged.

A platform that hears back counts on the event being safe, so each listener awaits
``EventIntake.store`` before it acknowledges; a repeated delivery (Slack retries up to three
times, Teams too) is recognised by its event id and stored once. Events that come in while a
write is under way go together in the next one (group commit): at a steady trickle each
event is a write of its own, under a burst the writes grow instead of queueing up.

On PostgreSQL the write is one statement on psycopg's asyncio connection in autocommit, on
the serving event loop itself: durable when it returns, one round trip, no thread. (Writing
from a thread pool, the interpreter lock's hand-back between the thread and the event loop
cost the acknowledgement's tail more than the write did.) SQLite, the one-machine default,
has no asyncio driver; there one thread of the intake's own does the writes.

Handling the stored events is not the web process's work: the inbox worker of the clock
process does it (``bot.engine.worker``).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Final, Protocol

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from storage.db import connect_async
from storage.inbox import (
    EventKey,
    event_key,
    insert_events,
    insert_events_async,
    unique_rows,
)
from storage.intake_file import insert_buffered, open_intake_file
from words import logtext
from words.chat.inbound import Event
from words.errors import VoortgangError

log = logging.getLogger(__name__)

# Slack waits three seconds for the acknowledgement; a write that has not returned well before
# that is given up, so the listener can answer an error and the platform deliver again.
WRITE_TIMEOUT: Final = 2.0
MAX_BATCH: Final = 500  # events in one statement, however many are waiting


class IntakeError(VoortgangError):
    """Events could not be stored: they are not acknowledged, so the platform sends them again."""


class _Writer(Protocol):
    async def insert(self, events: Sequence[Event]) -> dict[EventKey, int]: ...

    async def close(self) -> None: ...


class _Postgres:
    """Writes on one asyncio connection, made when first needed and again after a failure."""

    def __init__(self, engine: Engine) -> None:
        # Imported here: a SQLite deployment's web process never loads the PostgreSQL driver.
        import psycopg  # noqa: PLC0415

        self.engine = engine
        self._errors = (psycopg.Error, OSError)
        self._connection: psycopg.AsyncConnection[Any] | None = None

    async def insert(self, events: Sequence[Event]) -> dict[EventKey, int]:
        try:
            if self._connection is None or self._connection.closed:
                self._connection = await connect_async(self.engine)
            return await insert_events_async(self._connection, events)
        except self._errors as err:
            await self.close()
            raise IntakeError(f"{type(err).__name__}: {err}") from err
        except asyncio.CancelledError:
            # Given up mid-statement (the timeout): the connection's state is unknown.
            await self.close()
            raise

    async def close(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None and not connection.closed:
            await connection.close()


class _InThread:
    """Writes in one thread of its own (SQLite): to the intake file next to the database
    (``storage.intake_file``), so the inbox worker's writes to the database never hold up an
    acknowledgement; to the database itself when it has no file (in memory)."""

    def __init__(self, engine: Engine) -> None:
        url = engine.url.render_as_string(hide_password=False)
        self.intake_file = open_intake_file(url)
        self.engine = engine if self.intake_file is None else self.intake_file
        self._thread = ThreadPoolExecutor(1, thread_name_prefix="intake")

    async def insert(self, events: Sequence[Event]) -> dict[EventKey, int]:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._thread, self._write, list(events))

    def _write(self, events: list[Event]) -> dict[EventKey, int]:
        try:
            with self.engine.begin() as connection:
                if self.intake_file is None:
                    return insert_events(connection, events)
                return insert_buffered(connection, unique_rows(events))
        except SQLAlchemyError as err:
            raise IntakeError(f"{type(err).__name__}: {err}") from err

    async def close(self) -> None:
        await asyncio.get_running_loop().run_in_executor(None, self._thread.shutdown)
        if self.intake_file is not None:
            self.intake_file.dispose()


_Waiting = tuple[Event, "asyncio.Future[int | None]"]


class EventIntake:
    """Stores events for the listeners of one event loop, in batches as they come."""

    def __init__(self, engine: Engine) -> None:
        self._writer: _Writer = (
            _Postgres(engine) if engine.dialect.name == "postgresql" else _InThread(engine)
        )
        self._queue: asyncio.Queue[_Waiting | None] | None = None
        self._task: asyncio.Task[None] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stopped = False

    async def start(self) -> None:
        """Begin on the running event loop; ``store`` does this itself when first called."""
        if self._stopped:
            raise IntakeError("the intake has stopped")
        if self._task is None:
            self._loop = asyncio.get_running_loop()
            self._queue = asyncio.Queue()
            self._task = self._loop.create_task(self._write_batches(self._queue))
        elif self._loop is not asyncio.get_running_loop():
            raise RuntimeError("EventIntake is bound to another event loop")

    async def store(self, event: Event) -> int | None:
        """Store ``event``; its row id when it is new, None for a repeated delivery.

        Raises IntakeError when the database did not take it: do not acknowledge then.
        """
        if event.received_at.utcoffset() is None:
            raise ValueError(f"naive datetime refused by storage: {event.received_at!r}")
        await self.start()
        assert self._loop is not None  # noqa: S101 - start() set it
        assert self._queue is not None  # noqa: S101
        future: asyncio.Future[int | None] = self._loop.create_future()
        self._queue.put_nowait((event, future))
        return await future

    async def stop(self) -> None:
        """Store what is waiting, then let the connection (or thread) go."""
        self._stopped = True
        if self._task is not None and self._queue is not None:
            self._queue.put_nowait(None)
            await self._task
        await self._writer.close()

    async def _write_batches(self, queue: asyncio.Queue[_Waiting | None]) -> None:
        while True:
            item = await queue.get()
            batch: list[_Waiting] = []
            while item is not None:
                batch.append(item)
                if queue.empty() or len(batch) >= MAX_BATCH:
                    break
                item = queue.get_nowait()
            if batch:
                await self._write(batch)
            if item is None:
                return

    async def _write(self, batch: list[_Waiting]) -> None:
        try:
            async with asyncio.timeout(WRITE_TIMEOUT):
                stored = await self._writer.insert([event for event, _ in batch])
        except TimeoutError:
            failure = IntakeError("timed out")
            log.error(logtext.INTAKE_FAILED, len(batch), failure)  # noqa: TRY400
            _fail(batch, failure)
            return
        except Exception as err:  # noqa: BLE001 - not swallowed: the waiting callers get it
            # A database error, or a bug in what was queued (a naive timestamp) or in the
            # writer. One bad event must not fail the others written with it: each is written
            # on its own, so only the bad one is refused (and the platform sends it again).
            # A database that is away refuses each one quickly in turn.
            if len(batch) > 1:
                for item in batch:
                    await self._write([item])
                return
            # The database's own message says what happened; a traceback would add nothing.
            log.error(logtext.INTAKE_FAILED, len(batch), err)  # noqa: TRY400
            _fail(batch, err)
            return
        seen: set[EventKey] = set()
        for event, future in batch:
            key = event_key(event)
            row_id = None if key in seen else stored.get(key)
            seen.add(key)
            if row_id is None:
                log.info(logtext.DUPLICATE_EVENT, *key)
            if not future.done():  # the request may have gone (a client that hung up)
                future.set_result(row_id)


def _fail(batch: list[_Waiting], error: BaseException) -> None:
    for _, future in batch:
        if not future.done():
            future.set_exception(error)
