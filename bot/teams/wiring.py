"""Teams in the two processes: the web process serves POST /api/messages and stores what comes
in; the clock process handles it, sends the outbox to Teams, uploads the files people allowed
(``bot.teams.files``) and keeps the channel lists.

Incoming requests are checked with the Teams SDK's token validator (``bot.teams.auth``);
outgoing calls go through Voortgang's own connector port (``bot.teams.port``), which knows
which sends may have arrived and never repeats those blindly, something the SDK's client does
not keep track of.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping, Sequence
from typing import Final

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse

from bot.engine.channels import ClockWorkers
from bot.engine.intake import EventIntake
from bot.engine.opening import Register
from bot.engine.worker import Prepare
from bot.teams.app import TeamsAdapter
from bot.teams.client import teams_client
from bot.teams.credentials import BOT_FRAMEWORK_SCOPE, ClientCredentialsToken
from bot.teams.directory import TeamsDirectory
from bot.teams.files import TeamsFiles
from bot.teams.port import TeamsPort
from config.settings import Settings, TeamsSettings
from words import logtext
from words.clock import Clock
from words.domain import Source

log = logging.getLogger(__name__)

MESSAGES_PATH: Final = "/api/messages"
LIST_CHECK_EVERY: Final = 60.0  # seconds between looks for teams whose channels are due


def _teams(settings: Settings) -> TeamsSettings:
    if settings.teams is None:
        raise ValueError("Teams is not configured")
    return settings.teams


class TeamsRuntime:
    """Teams in the web process: the endpoint, checking, storing and acknowledging."""

    def __init__(
        self,
        register: Register,
        clock: Clock,
        settings: Settings,
        intake: EventIntake | None = None,
    ) -> None:
        self.teams = _teams(settings)
        self._own_intake = intake is None
        self.intake = EventIntake(register.engine) if intake is None else intake
        self.adapter = TeamsAdapter(register, clock, self.teams, settings.zone, self.intake)

    def mount(self, app: FastAPI) -> None:
        async def messages(request: Request) -> Response:
            answer = await self.adapter.receive(
                request.headers.get("authorization"), await request.body()
            )
            if answer.body is None:
                return Response(status_code=answer.status)
            return JSONResponse(dict(answer.body), status_code=answer.status)

        app.add_api_route(MESSAGES_PATH, messages, methods=["POST"])

    async def start(self) -> None:
        await self.intake.start()
        await self.adapter.auth.start()
        log.info(logtext.TEAMS_MODE, MESSAGES_PATH, self.teams.client_id)

    async def stop(self) -> None:
        await self.adapter.auth.stop()
        self.adapter.close()
        if self._own_intake:
            await self.intake.stop()


def teams_port(settings: TeamsSettings) -> TeamsPort:
    """The connector port with the bot's own token (client credentials in its tenant)."""
    http = teams_client()
    token = ClientCredentialsToken(
        settings.client_id,
        settings.client_secret,
        token_url=settings.token_url,
        scope=BOT_FRAMEWORK_SCOPE,
        http=http,
    )
    return TeamsPort(token, http=http)


class TeamsChannel:
    """Teams in the clock process (``bot.engine.channels``): the port that delivers through
    the connector, linking people by email before their events are handled, the channel lists
    now and then, and the uploads of files people allowed."""

    platform = Source.TEAMS
    chore_every = LIST_CHECK_EVERY

    def __init__(self, register: Register, clock: Clock, settings: Settings) -> None:
        teams = _teams(settings)
        self.port = teams_port(teams)
        self.directory = TeamsDirectory(register, clock, teams, self.port)
        self.port.connect(
            channels=self.directory.channel_address,
            conversations=self.directory.chat_address,
            refused=self.directory.refused,
        )
        self.files = TeamsFiles(register, clock, self.port)

    def prepare(self) -> Mapping[Source, Prepare]:
        # One tenant: the workspace the worker passes along is always None here.
        return {Source.TEAMS: lambda user_id, _workspace: self.directory.link(user_id)}

    def chore(self) -> None:
        # Theme channels are found by name in the teams' channel lists, and people the app
        # was installed for by their email.
        self.directory.list_channels()
        self.directory.link_new_chats()

    def threads(self, stop: threading.Event) -> Sequence[tuple[str, Callable[[], None]]]:
        return [("teams-files", lambda: self.files.run_forever(stop))]

    def close(self) -> None:
        """Nothing to close: the connector's clients are made per call."""


class TeamsWorkers(ClockWorkers):
    """The clock process of a deployment on Teams alone."""

    def __init__(self, register: Register, clock: Clock, settings: Settings) -> None:
        self.teams = TeamsChannel(register, clock, settings)
        self.port = self.teams.port
        self.directory = self.teams.directory
        self.files = self.teams.files
        super().__init__(register, clock, settings, [self.teams])
