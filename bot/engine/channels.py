"""The clock process with any number of channels at once: Slack, Teams and email together.

Each platform contributes a ``Channel``: its port, what the inbox worker must do before one
of its users' events is handled (Slack and Teams link people by email), a chore now and then
(directories kept fresh), and threads of its own (Teams' file uploads, the mail reader).
``ClockWorkers`` runs one inbox worker, one job runner and one sender over all of them: the
sender routes each message to its person's channel (``bot.engine.routing``).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Protocol

from bot.engine.opening import Register
from bot.engine.sender import Sender
from bot.engine.supervisor import ChatWorkers
from bot.engine.worker import InboxWorker, Prepare
from config.settings import Settings
from words import logtext
from words.chat.delivery import Port
from words.clock import Clock
from words.domain import Source

log = logging.getLogger(__name__)

Threads = Sequence[tuple[str, Callable[[], None]]]


class Channel(Protocol):
    @property
    def platform(self) -> Source: ...

    @property
    def port(self) -> Port: ...

    @property
    def chore_every(self) -> float:
        """Seconds between its chores."""
        ...

    def prepare(self) -> Mapping[Source, Prepare]:
        """Per platform, what to do before a user's event is handled."""
        ...

    def chore(self) -> None: ...

    def threads(self, stop: threading.Event) -> Threads: ...

    def close(self) -> None: ...


class ClockWorkers(ChatWorkers):
    """The clock process's threads for the deployment's channels."""

    sender: Sender  # always: there is at least one channel

    def __init__(
        self,
        register: Register,
        clock: Clock,
        settings: Settings,
        channels: Sequence[Channel],
    ) -> None:
        super().__init__()
        if not channels:
            raise ValueError("ClockWorkers needs at least one channel")
        self.channels = list(channels)
        self.name = "+".join(c.platform.value for c in self.channels)
        self.chore_every = min(c.chore_every for c in self.channels)
        self._chores_done: dict[Source, float] = {}
        holder = f"{self.name}:{socket.gethostname()}:{os.getpid()}"
        ports = {c.platform: c.port for c in self.channels}
        self.sender = Sender(
            register,
            ports,
            clock,
            holder,
            lease=settings.send_lease,
            public_url=settings.public_url,
        )
        prepare: dict[Source, Prepare] = {}
        for channel in self.channels:
            prepare.update(channel.prepare())
        self.worker = InboxWorker(
            register, clock, settings.zone, prepare, done=self.handled, holder=holder
        )

    def start(self) -> None:
        super().start()
        log.info(logtext.CHANNELS_STARTED, self.sender.holder, self.name)

    def chore(self) -> None:
        # Each channel at its own pace; one channel's failing chore does not keep the
        # others' from running.
        now = time.monotonic()
        for channel in self.channels:
            done = self._chores_done.get(channel.platform)
            if done is not None and now - done < channel.chore_every:
                continue
            self._chores_done[channel.platform] = now
            try:
                channel.chore()
            except Exception:  # the worker's guard: tried again at its next turn
                log.exception(logtext.CHORE_FAILED, channel.platform.value)

    def more_threads(self) -> Threads:
        threads: list[tuple[str, Callable[[], None]]] = []
        for channel in self.channels:
            threads.extend(channel.threads(self.stop_event))
        return threads

    def stop(self) -> None:
        super().stop()
        for channel in self.channels:
            channel.close()
