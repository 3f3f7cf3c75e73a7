"""The web process: HTTP endpoints. Chat platforms mount their adapters here."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Any, Protocol

from fastapi import FastAPI
from fastapi.responses import JSONResponse
from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from bot.clock import Clock
from bot.intake import EventIntake
from bot.jobqueue import HEARTBEAT_EVERY
from bot.jobs import CLOCK
from bot.register import Register
from storage.heartbeat import last_beat
from storage.models import Programme

# Two missed heartbeats, not one: a busy minute should not page anyone.
CLOCK_STALE_AFTER = 2 * HEARTBEAT_EVERY + timedelta(seconds=30)


def health(register: Register, clock: Clock) -> tuple[int, dict[str, Any]]:
    """Database reachable? Clock alive? 200 when the bot can work, 503 when it cannot."""
    try:
        with register.sessions() as session:
            count = session.scalar(select(func.count()).select_from(Programme))
            beat = last_beat(session, CLOCK)
    except SQLAlchemyError as err:
        return 503, {"status": "error", "database": f"unreachable: {type(err).__name__}"}
    body: dict[str, Any] = {"status": "ok", "database": "ok", "programmes": count}
    if beat is None:
        body["clock"] = "not running"
    else:
        age = clock.now() - beat.last_seen
        body["clock"] = "ok" if age <= CLOCK_STALE_AFTER else "stale"
        body["clock_seconds_ago"] = int(age.total_seconds())
    return 200, body


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

    @app.get("/healthz")
    def healthz() -> JSONResponse:
        status, body = health(register, clock)
        return JSONResponse(body, status_code=status)

    return app
