"""Slack in the two processes: the web process serves POST /slack/events (HTTP mode) or holds
the Socket Mode connection and stores what comes in; the clock process handles it and sends."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Final

from aiohttp import ClientError
from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse
from slack_bolt.adapter.fastapi.async_handler import AsyncSlackRequestHandler
from slack_bolt.adapter.socket_mode.aiohttp import AsyncSocketModeHandler
from slack_sdk.errors import SlackApiError
from slack_sdk.socket_mode.aiohttp import SocketModeClient
from slack_sdk.socket_mode.request import SocketModeRequest
from slack_sdk.socket_mode.response import SocketModeResponse

from bot.engine.channels import ClockWorkers
from bot.engine.intake import EventIntake
from bot.engine.opening import Register
from bot.engine.worker import Prepare
from bot.slack.app import INSTALL_PATH, REDIRECT_PATH, SlackAdapter, build_app
from bot.slack.gate import payload_problem, refusal
from bot.slack.workspaces import WorkspacePort
from config.settings import Settings, SlackSettings
from words import logtext
from words.clock import Clock
from words.domain import Source
from words.errors import VoortgangError

log = logging.getLogger(__name__)

EVENTS_PATH: Final = "/slack/events"
# The Web API answers within seconds or not at all; well below half the sender's lease.
API_TIMEOUT: Final = 15
RELINK_EVERY: Final = 3600.0  # seconds between looking up unlinked people by email
NEW_WORKSPACES_EVERY: Final = 60.0  # seconds between looking for workspaces that installed
# What apps.connections.open answers for an app-level token that will never work.
REFUSED_TOKEN: Final = frozenset(
    {
        "invalid_auth",
        "not_authed",
        "not_allowed_token_type",
        "token_revoked",
        "token_expired",
        "account_inactive",
        "missing_scope",
    }
)


class AppTokenRefusedError(VoortgangError):
    """Slack refused SLACK_APP_TOKEN: the web process cannot take events in Socket Mode."""


class SlackRuntime:
    """Slack in the web process: the endpoint (or Socket Mode), storing and acknowledging."""

    def __init__(
        self,
        register: Register,
        clock: Clock,
        settings: Settings,
        intake: EventIntake | None = None,
    ) -> None:
        if settings.slack is None:
            raise ValueError("Slack is not configured")
        self.slack: SlackSettings = settings.slack
        # The web app shares one intake between the platforms and stops it after them; one
        # made here is this runtime's own to stop.
        self._own_intake = intake is None
        self.intake = EventIntake(register.engine) if intake is None else intake
        self.adapter = SlackAdapter(register, clock, self.slack, settings.zone, self.intake)
        self.bolt = build_app(self.adapter)
        self._socket: AsyncSocketModeHandler | None = None

    def mount(self, app: FastAPI) -> None:
        handler = AsyncSlackRequestHandler(self.bolt)
        secret = self.slack.signing_secret

        async def slack(request: Request) -> Response:
            return await handler.handle(request)

        async def events(request: Request) -> Response:
            # Checked before Bolt reads it: see bot.slack.gate.
            headers = request.headers
            body = await request.body()  # kept by the request: Bolt reads the same bytes
            refused = refusal(secret, headers, body, headers.get("content-type"), time.time())
            if refused is not None:
                log.warning(logtext.SLACK_REFUSED, refused.status, refused.reason)
                return JSONResponse({"error": "invalid request"}, status_code=refused.status)
            return await handler.handle(request)

        if self.slack.oauth:
            # "Add to Slack" and Slack's answer are web pages, in Socket Mode too.
            app.add_api_route(INSTALL_PATH, slack, methods=["GET"])
            app.add_api_route(REDIRECT_PATH, slack, methods=["GET"])
        if not self.slack.socket_mode:  # Socket Mode needs no public endpoint for events
            app.add_api_route(EVENTS_PATH, events, methods=["POST"])

    async def start(self) -> None:
        await self.intake.start()
        if self.slack.socket_mode:
            self._socket = CheckedSocketModeHandler(self.bolt, self.slack.app_token)
            await self._first_url(self._socket)
            await self._socket.connect_async()  # type: ignore[no-untyped-call]
        log.info(logtext.SLACK_MODE, "socket" if self.slack.socket_mode else "HTTP")

    async def _first_url(self, handler: AsyncSocketModeHandler) -> None:
        """Ask for the first WebSocket URL here, so a refused token stops the start.

        The SDK's connect retries every failure forever, a refused token too: the web process
        would hang in its startup, never serving its health check, with only a log line every
        few seconds to say why. Anything else (Slack down, the line) is left to those retries.
        """
        client = handler.client
        try:
            client.wss_uri = await client.issue_new_wss_url()
        except SlackApiError as err:
            reason = str(err.response.get("error"))
            if reason not in REFUSED_TOKEN:
                return
            await self.stop()
            raise AppTokenRefusedError(
                f"SLACK_APP_TOKEN: Slack refused it for Socket Mode ({reason}); it needs an "
                "app-level token (xapp-...) with the connections:write scope"
            ) from err
        except (ClientError, TimeoutError):
            return

    async def stop(self) -> None:
        if self._socket is not None:
            await self._socket.close_async()  # type: ignore[no-untyped-call]
        await self.adapter.settle()
        self.adapter.close()
        if self._own_intake:
            await self.intake.stop()


class CheckedSocketModeHandler(AsyncSocketModeHandler):
    """Socket Mode with the shape check of the HTTP endpoint (``bot.slack.gate``): an envelope
    whose payload Bolt or the adapter would trip over is acknowledged, so Slack does not send
    it again, logged in one line, and not handled. The connection carries on either way."""

    async def handle(self, client: SocketModeClient, req: SocketModeRequest) -> None:  # type: ignore[override]
        problem = payload_problem(req.payload)
        if problem is None:
            await super().handle(client, req)
            return
        log.warning(logtext.SLACK_REFUSED, "socket", problem)
        await client.send_socket_mode_response(SocketModeResponse(envelope_id=req.envelope_id))


class SlackChannel:
    """Slack in the clock process (``bot.engine.channels``): the port that delivers to the
    workspaces, linking users by email before their events are handled, and looking people up
    now and then."""

    platform = Source.SLACK
    chore_every = NEW_WORKSPACES_EVERY

    def __init__(self, register: Register, clock: Clock, settings: Settings) -> None:
        if settings.slack is None:
            raise ValueError("Slack is not configured")
        self.adapter = SlackAdapter(register, clock, settings.slack, settings.zone)
        self.port = WorkspacePort(self.adapter.workspaces, API_TIMEOUT)
        self._teams: list[str | None] = []  # the workspaces people were last looked up in
        self._linked_at: float | None = None

    def prepare(self) -> Mapping[Source, Prepare]:
        return {Source.SLACK: self.adapter.link}

    def chore(self) -> None:
        # People who joined a workspace or a programme are looked up by email every hour,
        # and at once in a workspace that just installed the app.
        teams = self.adapter.workspaces.teams()
        now = time.monotonic()
        stale = self._linked_at is None or now - self._linked_at >= RELINK_EVERY
        if stale or teams != self._teams:
            self.adapter.link_everyone()
            self._teams, self._linked_at = teams, now

    def threads(self, stop: threading.Event) -> Sequence[tuple[str, Callable[[], None]]]:
        return ()

    def close(self) -> None:
        self.adapter.close()


class SlackWorkers(ClockWorkers):
    """The clock process of a deployment on Slack alone."""

    def __init__(self, register: Register, clock: Clock, settings: Settings) -> None:
        self.slack = SlackChannel(register, clock, settings)
        self.adapter = self.slack.adapter
        super().__init__(register, clock, settings, [self.slack])
