"""The web process's HTTP app: /healthz, and the endpoints chat platforms mount on it."""

from __future__ import annotations

import os
import socket
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import datetime, timedelta
from typing import Any, Final, Protocol

from fastapi import FastAPI
from fastapi.responses import JSONResponse
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from bot.engine.intake import EventIntake
from bot.engine.liveness import BEAT_EVERY, CLOCK, HEARTBEAT_EVERY, WORKERS
from bot.engine.opening import Register
from storage import intake_file as intake_store
from storage.db import transaction
from storage.health import Snapshot, snapshot, write_check
from words.clock import Clock

# Two missed heartbeats, not one: a busy minute should not page anyone.
CLOCK_STALE_AFTER: Final = 2 * HEARTBEAT_EVERY + timedelta(seconds=30)
WORKER_STALE_AFTER: Final = 2 * BEAT_EVERY + timedelta(seconds=15)
# Past these, people notice: a reply not started on within a minute, a message due ten
# minutes ago not sent (a platform's "retry after" during a fan-out stays well inside).
EVENT_AGE_LIMIT: Final = timedelta(minutes=1)
UNSENT_AGE_LIMIT: Final = timedelta(minutes=10)


def health(
    register: Register, clock: Clock, holder: str = "", intake_file: Engine | None = None
) -> tuple[int, dict[str, Any]]:
    """Can the bot work? 200 when it can; 503 with the problems when it cannot: the database
    (or on SQLite the intake file) unreachable or refusing writes, a worker that stopped
    beating, an event or a message that has waited too long."""
    now = clock.now()
    try:
        with register.sessions() as session:
            snap = snapshot(session, now, (CLOCK, *WORKERS))
        oldest_event = snap.oldest_event
        if intake_file is not None:
            moments = [
                m for m in (oldest_event, intake_store.oldest_waiting(intake_file)) if m is not None
            ]
            oldest_event = min(moments, default=None)
    except SQLAlchemyError as err:
        return 503, {"status": "error", "database": f"unreachable: {type(err).__name__}"}
    problems: list[str] = []
    body: dict[str, Any] = {"status": "ok", "database": "ok", "programmes": snap.programmes}
    try:
        with transaction(register.sessions) as session:
            write_check(session, holder, now)
        if intake_file is not None:
            intake_store.write_check(intake_file)
    except SQLAlchemyError as err:
        body["database"] = f"refuses writes: {_first_line(err)}"
        problems.append("database")
    body["clock"] = _liveness(snap, CLOCK, now, CLOCK_STALE_AFTER, body)
    if body["clock"] == "stale":
        problems.append("clock")
    workers: dict[str, str] = {}
    for name in WORKERS:
        workers[name] = _liveness(snap, name, now, WORKER_STALE_AFTER)
        if workers[name] == "stale":
            problems.append(name)
    body["workers"] = workers
    body["set_aside_events"] = snap.set_aside
    body["oldest_event_seconds"] = _age(oldest_event, now)
    body["oldest_unsent_seconds"] = _age(snap.oldest_unsent, now)
    if oldest_event is not None and now - oldest_event > EVENT_AGE_LIMIT:
        problems.append("events waiting")
    if snap.oldest_unsent is not None and now - snap.oldest_unsent > UNSENT_AGE_LIMIT:
        problems.append("messages waiting")
    if problems:
        body["status"] = "failing"
        body["problems"] = problems
        return 503, body
    return 200, body


def _liveness(
    snap: Snapshot,
    name: str,
    now: datetime,
    stale_after: timedelta,
    body: dict[str, Any] | None = None,
) -> str:
    beat = snap.beats.get(name)
    if beat is None:
        return "not running"
    age = now - beat.last_seen
    if body is not None:
        body[f"{name}_seconds_ago"] = int(age.total_seconds())
    return "ok" if age <= stale_after else "stale"


def _age(moment: datetime | None, now: datetime) -> int:
    return 0 if moment is None else max(0, int((now - moment).total_seconds()))


def _first_line(err: SQLAlchemyError) -> str:
    cause = err.orig if isinstance(err, DBAPIError) and err.orig is not None else err
    return str(cause).strip().splitlines()[0] if str(cause).strip() else type(cause).__name__


class Mounted(Protocol):
    """A chat platform in the web process: its routes, and what runs while the app runs."""

    def mount(self, app: FastAPI) -> None: ...

    async def start(self) -> None: ...

    async def stop(self) -> None: ...


def create_app(
    register: Register,
    clock: Clock,
    platforms: Sequence[Mounted] = (),
    intake: EventIntake | None = None,
) -> FastAPI:
    """The web app; ``intake`` is the platforms' shared one, started before and stopped after
    them, so what they stored while stopping is written."""

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if intake is not None:
            await intake.start()
        for platform in platforms:
            await platform.start()
        try:
            yield
        finally:
            for platform in reversed(platforms):
                await platform.stop()
            if intake is not None:
                await intake.stop()

    app = FastAPI(
        title="Voortgang", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan
    )
    for platform in platforms:
        platform.mount(app)

    holder = f"web:{socket.gethostname()}:{os.getpid()}"
    intake_file = intake_store.open_intake_file(
        register.engine.url.render_as_string(hide_password=False)
    )

    @app.get("/healthz")
    def healthz() -> JSONResponse:
        status, body = health(register, clock, holder, intake_file)
        return JSONResponse(body, status_code=status)

    return app
