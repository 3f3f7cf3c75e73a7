"""The inbox worker: handles stored events apart from the process that acknowledged them.

A chat platform wants its acknowledgement within seconds, and handling a reply costs far more
than storing it. So the web process only stores each event (``Inbox.receive``) and answers;
this worker, in the clock process, handles what is stored, oldest first, and wakes the sender
for the answers. Nothing is lost in between: an event is in the database from the moment it
was acknowledged, and ``Inbox.process`` handles each one once, even with two workers.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from typing import Final
from zoneinfo import ZoneInfo

from bot import logtext
from bot.clock import Clock
from bot.domain import Source
from bot.inbox import Inbox
from bot.register import Register
from storage.events import waiting_events

log = logging.getLogger(__name__)

# How often the worker looks for new events when it was not woken: what a person waits at most
# for the bot to start on their reply, beyond the handling itself.
POLL: Final = 0.25
BATCH: Final = 100

# Per platform, what to do before an event of a user is handled (Slack: link them by email).
# It gets the user's id and workspace (None where the platform has one); its result is unused.
Prepare = Callable[[str, str | None], object]


class InboxWorker:
    def __init__(
        self,
        register: Register,
        clock: Clock,
        zone: ZoneInfo,
        prepare: Mapping[Source, Prepare] | None = None,
        *,
        done: Callable[[], None] | None = None,
    ) -> None:
        self.register = register
        self.inbox = Inbox(register, clock, zone)
        self.prepare: Mapping[Source, Prepare] = {} if prepare is None else prepare
        self.done = done  # called after a batch was handled: wakes the sender

    def run_once(self) -> int:
        """Handle every event waiting now, in batches; returns how many were handled."""
        handled = 0
        while True:
            with self.register.sessions() as session:
                waiting = waiting_events(session, BATCH)
            for row_id, platform, user_id, workspace in waiting:
                step = self.prepare.get(platform)
                if step is not None:
                    step(user_id, workspace)
                self.inbox.process(row_id)
            handled += len(waiting)
            if waiting and self.done is not None:
                self.done()
            if len(waiting) < BATCH:
                return handled

    def run_forever(self, stop: threading.Event, wake: threading.Event | None = None) -> None:
        """Handle events as they come until ``stop``; ``wake`` cuts a wait short."""
        log.info(logtext.WORKER_STARTED)
        while not stop.is_set():
            self.run_once()
            if wake is None:
                stop.wait(POLL)
            else:
                wake.wait(POLL)
                wake.clear()
        log.info(logtext.WORKER_STOPPED)
