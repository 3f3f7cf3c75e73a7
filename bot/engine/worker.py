"""The inbox worker: handles stored events apart from the process that acknowledged them.

A chat platform wants its acknowledgement within seconds, and handling a reply costs far more
than storing it. So the web process only stores each event (``Inbox.receive``) and answers;
this worker, in the clock process, handles what is stored, oldest first, and wakes the sender
for the answers. Nothing is lost in between: an event is in the database from the moment it
was acknowledged, and ``Inbox.process`` handles each one once, even with two workers.

Nothing stops it either. An event whose handling raises is recorded and tried again later or
set aside (``Inbox.process``), and the next one is handled at once. When the database itself is
away, the worker waits for it, a little longer each time up to ``MAX_PAUSE``, so handling
resumes within seconds of its return.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Final
from zoneinfo import ZoneInfo

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from bot.engine.handle import Inbox, InboxUnavailableError
from bot.engine.liveness import INBOX_WORKER, Liveness
from bot.engine.opening import Register
from storage.db import transaction
from storage.inbox import insert_rows, waiting_events
from storage.intake_file import intake_path, mark_moved, open_intake_file, waiting
from words import logtext
from words.clock import Clock
from words.domain import Source

log = logging.getLogger(__name__)

# How often the worker looks for new events when it was not woken: what a person waits at most
# for the bot to start on their reply, beyond the handling itself.
POLL: Final = 0.25
BATCH: Final = 100
# Waiting for a database that failed: from the first pause, doubled up to the last.
FIRST_PAUSE: Final = 0.25
MAX_PAUSE: Final = 2.0

# Per platform, what to do before an event of a user is handled (Slack: link them by email).
# It gets the user's id and workspace (None where the platform has one); its result is unused.
Prepare = Callable[[str, str | None], object]


MOVE_BATCH: Final = 500


class IntakeMover:
    """SQLite: moves what the web process stored in the intake file into the register, where
    it is handled (``storage.intake_file`` says why the file exists). The file is opened once
    the web process has made it: a deployment without one (the console) gets none."""

    def __init__(self, register: Register, clock: Clock, path: Path) -> None:
        self.register = register
        self.clock = clock
        self.path = path
        self.intake_file: Engine | None = None

    @classmethod
    def of(cls, register: Register, clock: Clock) -> IntakeMover | None:
        path = intake_path(register.engine.url.render_as_string(hide_password=False))
        return None if path is None else cls(register, clock, path)

    def move(self) -> int:
        """Move what waits (in batches); how many events were moved."""
        if self.intake_file is None:
            if not self.path.exists():
                return 0
            self.intake_file = open_intake_file(str(self.register.engine.url))
            if self.intake_file is None:
                return 0
        moved = 0
        while True:
            rows = waiting(self.intake_file, MOVE_BATCH)
            if not rows:
                return moved
            with transaction(self.register.sessions) as session:
                insert_rows(session, [row.values for row in rows])
            mark_moved(self.intake_file, [row.id for row in rows], self.clock.now())
            moved += len(rows)
            if len(rows) < MOVE_BATCH:
                return moved

    def close(self) -> None:
        if self.intake_file is not None:
            self.intake_file.dispose()


class InboxWorker:
    def __init__(
        self,
        register: Register,
        clock: Clock,
        zone: ZoneInfo,
        prepare: Mapping[Source, Prepare] | None = None,
        *,
        done: Callable[[], None] | None = None,
        holder: str = "",
    ) -> None:
        self.register = register
        self.clock = clock
        self.inbox = Inbox(register, clock, zone)
        self.prepare: Mapping[Source, Prepare] = {} if prepare is None else prepare
        self.done = done  # called after a batch was handled: wakes the sender
        self.liveness = Liveness(register, clock, INBOX_WORKER, holder)
        self.mover = IntakeMover.of(register, clock)

    def run_once(self) -> int:
        """Handle every event waiting now, in batches; returns how many were taken up (handled,
        or failed and recorded). Raises only when the database is away."""
        taken = 0
        while True:
            try:
                if self.mover is not None:
                    self.mover.move()
                with self.register.sessions() as session:
                    waiting = waiting_events(session, self.clock.now(), BATCH)
            except SQLAlchemyError as err:
                raise InboxUnavailableError(str(err)) from err
            for row_id, platform, user_id, workspace in waiting:
                self._handle(row_id, platform, user_id, workspace)
            taken += len(waiting)
            if waiting and self.done is not None:
                self.done()
            if len(waiting) < BATCH:
                return taken

    def _handle(self, row_id: int, platform: Source, user_id: str, workspace: str | None) -> None:
        step = self.prepare.get(platform)
        if step is not None:
            try:
                step(user_id, workspace)
            except Exception as err:  # noqa: BLE001 - the worker's guard: recorded with the event
                # Finding the person (Slack's API) failed: handling now could wrongly answer
                # "you are in no programme", so the event is tried again later instead.
                self.inbox.fail(row_id, err)
                return
        self.inbox.process(row_id)

    def run_forever(self, stop: threading.Event, wake: threading.Event | None = None) -> None:
        """Handle events as they come until ``stop``; ``wake`` cuts a wait short."""
        log.info(logtext.WORKER_STARTED)
        pause = FIRST_PAUSE
        while not stop.is_set():
            self.liveness.beat()
            try:
                self.run_once()
            except InboxUnavailableError as err:
                log.warning(logtext.WORKER_DATABASE, INBOX_WORKER, err, pause)
                stop.wait(pause)
                pause = min(pause * 2, MAX_PAUSE)
                continue
            except Exception:  # the worker's guard: it never dies of one round
                log.exception(logtext.WORKER_FAILED, INBOX_WORKER, pause)
                stop.wait(pause)
                pause = min(pause * 2, MAX_PAUSE)
                continue
            pause = FIRST_PAUSE
            if wake is None:
                stop.wait(POLL)
            else:
                wake.wait(POLL)
                wake.clear()
        log.info(logtext.WORKER_STOPPED)
