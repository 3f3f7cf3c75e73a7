"""Counting what became of a row's events and messages: in the register, and at the fake
Slack, where each message carries its outbox key in its metadata."""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from bench.faults_load import Sent
from bot.engine.opening import Register
from storage.models import InboundEvent, StatusUpdate
from tests.fake_slack import Call, FakeSlack
from words.domain import Source

ANSWER: str = "in:slack:"  # the outbox keys of the answers to Slack events start so


def key_of(call: Call) -> str | None:
    """The outbox key a posted message carries, if any."""
    metadata = call.params.get("metadata")
    data = json.loads(metadata) if isinstance(metadata, str) else metadata
    payload = data.get("event_payload") if isinstance(data, dict) else None
    key = payload.get("key") if isinstance(payload, dict) else None
    return key if isinstance(key, str) else None


def posts(fake: FakeSlack, prefix: str) -> list[Call]:
    """The messages that reached the fake (answered ok) whose key starts with ``prefix``."""
    found = []
    for call in fake.calls("chat.postMessage"):
        key = key_of(call)
        if call.error is None and key is not None and key.startswith(prefix):
            found.append(call)
    return found


def posted(fake: FakeSlack, prefix: str) -> Counter[str]:
    """How often each key starting with ``prefix`` reached the fake."""
    return Counter(key for call in posts(fake, prefix) if (key := key_of(call)) is not None)


@dataclass(frozen=True, slots=True)
class Stored:
    row_id: int
    handled_at: datetime | None
    set_aside: bool
    attempts: int


def stored_events(register: Register) -> dict[str, Stored]:
    """Every Slack event in the register, by the platform's event id."""
    with register.sessions() as session:
        rows = session.execute(
            select(
                InboundEvent.event_id,
                InboundEvent.id,
                InboundEvent.handled_at,
                InboundEvent.set_aside_at,
                InboundEvent.attempts,
            ).where(InboundEvent.platform == Source.SLACK)
        ).all()
    return {
        str(event_id): Stored(row_id, handled, aside is not None, attempts)
        for event_id, row_id, handled, aside, attempts in rows
    }


def updates_per_event(register: Register) -> Counter[int]:
    with register.sessions() as session:
        rows = session.execute(
            select(StatusUpdate.event_id, func.count())
            .where(StatusUpdate.event_id.is_not(None))
            .group_by(StatusUpdate.event_id)
        ).all()
    return Counter({int(row_id): int(n) for row_id, n in rows if row_id is not None})


@dataclass(frozen=True, slots=True)
class Tally:
    """What became of events: ``lost`` were acknowledged but are neither handled (stored,
    handled, answered at Slack) nor set aside; ``doubled`` made two updates or reached Slack
    with an answer twice."""

    sent: int
    handled: int
    set_aside: int
    lost: int
    doubled: int
    unacknowledged: int
    lost_ids: tuple[str, ...]


def tally(register: Register, fake: FakeSlack, events: Sequence[Sent]) -> Tally:
    stored = stored_events(register)
    updates = updates_per_event(register)
    answers = posted(fake, ANSWER)
    answered: Counter[str] = Counter()
    for key, times in answers.items():
        event_id = key.removeprefix(ANSWER).split(":", 1)[0]
        answered[event_id] = max(answered[event_id], times)
    handled = aside = doubled = 0
    lost: list[str] = []
    for sent in events:
        row = stored.get(sent.event_id)
        if answered[sent.event_id] > 1 or (row is not None and updates[row.row_id] > 1):
            doubled += 1
        if row is not None and row.handled_at is not None and answered[sent.event_id]:
            handled += 1
        elif row is not None and row.set_aside:
            aside += 1
        elif sent.acked:
            lost.append(sent.event_id)
    return Tally(
        sent=len(events),
        handled=handled,
        set_aside=aside,
        lost=len(lost),
        doubled=doubled,
        unacknowledged=sum(1 for s in events if not s.acked),
        lost_ids=tuple(lost),
    )


def settled(register: Register, fake: FakeSlack, events: Sequence[Sent]) -> bool:
    """Every acknowledged event handled and answered at Slack, or set aside."""
    found = tally(register, fake, events)
    return found.lost == 0


def first_handled_after(
    register: Register, moment: datetime, among: Collection[str] | None = None
) -> datetime | None:
    """When the first event was handled after ``moment`` (of the events ``among``)."""
    with register.sessions() as session:
        query = select(func.min(InboundEvent.handled_at)).where(InboundEvent.handled_at > moment)
        if among is not None:
            query = query.where(InboundEvent.event_id.in_(list(among)))
        return session.scalar(query)


class Watcher:
    """Seen from outside, as a person waiting for an answer would: how many events (of those
    stored after ``after_id``) were handled, polled every ``every`` seconds. The handled_at of
    an event is when its handling began, which under a lock may be long before it was done;
    this is when it was done."""

    def __init__(self, register: Register, after_id: int = 0, every: float = 0.05) -> None:
        self.register = register
        self.after_id = after_id
        self.every = every
        self.samples: list[tuple[float, int]] = []  # (wall clock, events handled)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="bench-watcher", daemon=True)

    def start(self) -> Watcher:
        self.samples.append((time.time(), self._count()))
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _count(self) -> int:
        with self.register.sessions() as session:
            found = session.scalar(
                select(func.count())
                .select_from(InboundEvent)
                .where(InboundEvent.handled_at.is_not(None), InboundEvent.id > self.after_id)
            )
        return 0 if found is None else int(found)

    def _watch(self) -> None:
        while not self._stop.wait(self.every):
            self.samples.append((time.time(), self._count()))

    def _at(self, moment: float) -> int:
        """How many were handled by ``moment``, as last seen."""
        return max((n for t, n in self.samples if t <= moment), default=0)

    def first_after(self, moment: datetime) -> float | None:
        """Seconds from ``moment`` until more events were seen handled; None: never."""
        start = moment.timestamp()
        before = self._at(start)
        later = [t for t, n in self.samples if t > start and n > before]
        return None if not later else later[0] - start

    def handled_between(self, start: datetime, end: datetime) -> int:
        return self._at(end.timestamp()) - self._at(start.timestamp())
