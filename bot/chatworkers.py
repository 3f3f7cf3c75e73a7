"""A chat platform in the clock process: its inbox worker, its sender, and a chore now and then.

Slack and Teams run the same three things in threads of their own: the inbox worker that
handles the events the web process stored (it wakes the sender when it queued answers), the
sender that delivers the outbox through the platform's port, and a chore between sends that
keeps the platform's directory fresh (Slack: people found by email; Teams: channel lists and
people the app was installed for). A platform can add threads of its own (Teams: file uploads).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence

from bot.sender import Sender
from bot.worker import InboxWorker

log = logging.getLogger(__name__)

JOIN_TIMEOUT = 10.0  # seconds a thread is given to finish when the clock process stops


class ChatWorkers:
    """Subclasses set ``sender`` and ``worker`` (made with ``done=self.wake.set``), and may
    override ``chore`` and ``more_threads``."""

    name = "chat"
    chore_every = 3600.0  # seconds between chores, after the one at the start

    sender: Sender
    worker: InboxWorker

    def __init__(self) -> None:
        self.wake = threading.Event()
        self.stop_event = threading.Event()
        self._threads: list[threading.Thread] = []

    def chore(self) -> None:
        """What to do now and then between sends; nothing by default."""

    def more_threads(self) -> Sequence[tuple[str, Callable[[], None]]]:
        return ()

    def start(self) -> None:
        threads = [
            (f"{self.name}-sender", self._send),
            ("inbox-worker", self._handle),
            *self.more_threads(),
        ]
        for name, target in threads:
            thread = threading.Thread(target=target, name=name, daemon=True)
            thread.start()
            self._threads.append(thread)

    def _handle(self) -> None:
        self.worker.run_forever(self.stop_event)

    def _send(self) -> None:
        done_at = time.monotonic()
        self.chore()

        def wait(seconds: float) -> bool:
            # Woken early when handled events queued answers; stops when told to.
            nonlocal done_at
            self.wake.wait(seconds)
            self.wake.clear()
            if time.monotonic() - done_at > self.chore_every:
                done_at = time.monotonic()
                self.chore()
            return self.stop_event.is_set()

        self.sender.run_forever(self.stop_event, wait)

    def stop(self) -> None:
        self.stop_event.set()
        self.wake.set()
        for thread in self._threads:
            thread.join(timeout=JOIN_TIMEOUT)
