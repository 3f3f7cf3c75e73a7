"""Slack in the two processes: the web process serves POST /slack/events (HTTP mode) or holds
the Socket Mode connection and stores what comes in; the clock process handles it and sends."""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from typing import Final

from fastapi import FastAPI, Request, Response
from slack_bolt.adapter.fastapi.async_handler import AsyncSlackRequestHandler
from slack_bolt.adapter.socket_mode.aiohttp import AsyncSocketModeHandler

from bot import logtext
from bot.clock import Clock
from bot.domain import Source
from bot.intake import EventIntake
from bot.register import Register
from bot.sender import Sender
from bot.slack.app import SlackAdapter, build_app
from bot.slack.port import SlackPort, slack_client
from bot.worker import InboxWorker
from config.settings import Settings, SlackSettings

log = logging.getLogger(__name__)

EVENTS_PATH: Final = "/slack/events"
# The Web API answers within seconds or not at all; well below half the sender's lease.
API_TIMEOUT: Final = 15
RELINK_EVERY: Final = 3600.0  # seconds between looking up unlinked people by email


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
        if self.slack.socket_mode:
            return  # Socket Mode needs no public endpoint
        handler = AsyncSlackRequestHandler(self.bolt)

        async def slack_events(request: Request) -> Response:
            return await handler.handle(request)

        app.add_api_route(EVENTS_PATH, slack_events, methods=["POST"])

    async def start(self) -> None:
        await self.intake.start()
        if self.slack.socket_mode:
            self._socket = AsyncSocketModeHandler(self.bolt, self.slack.app_token)
            await self._socket.connect_async()  # type: ignore[no-untyped-call]
        log.info(logtext.SLACK_MODE, "socket" if self.slack.socket_mode else "HTTP")

    async def stop(self) -> None:
        if self._socket is not None:
            await self._socket.close_async()  # type: ignore[no-untyped-call]
        await self.adapter.settle()
        self.adapter.close()
        if self._own_intake:
            await self.intake.stop()


class SlackWorkers:
    """Slack in the clock process: the inbox worker that handles stored events (linking their
    users by email first) and the sender that delivers the outbox to Slack."""

    def __init__(self, register: Register, clock: Clock, settings: Settings) -> None:
        if settings.slack is None:
            raise ValueError("Slack is not configured")
        slack = settings.slack
        self.wake = threading.Event()
        self.stop_event = threading.Event()
        self.adapter = SlackAdapter(register, clock, slack, settings.zone)
        client = slack_client(slack.bot_token or "", slack.api_url, timeout=API_TIMEOUT)
        holder = f"slack:{socket.gethostname()}:{os.getpid()}"
        self.sender = Sender(register, SlackPort(client), clock, holder)
        self.worker = InboxWorker(
            register, clock, settings.zone, {Source.SLACK: self.adapter.link}, done=self.wake.set
        )
        self._threads: list[threading.Thread] = []

    def start(self) -> None:
        for name, target in (("slack-sender", self._send), ("inbox-worker", self._handle)):
            thread = threading.Thread(target=target, name=name, daemon=True)
            thread.start()
            self._threads.append(thread)
        log.info(logtext.SLACK_WORKERS, self.sender.holder)

    def _handle(self) -> None:
        self.worker.run_forever(self.stop_event)

    def _send(self) -> None:
        linked_at = time.monotonic()
        self.adapter.link_everyone()

        def wait(seconds: float) -> bool:
            # Woken early when handled events queued answers; stops when told to. Now and
            # then people who joined the workspace or a programme are looked up by email.
            nonlocal linked_at
            self.wake.wait(seconds)
            self.wake.clear()
            if time.monotonic() - linked_at > RELINK_EVERY:
                linked_at = time.monotonic()
                self.adapter.link_everyone()
            return self.stop_event.is_set()

        self.sender.run_forever(self.stop_event, wait)

    def stop(self) -> None:
        self.stop_event.set()
        self.wake.set()
        for thread in self._threads:
            thread.join(timeout=10)
        self.adapter.close()
