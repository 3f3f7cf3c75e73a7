"""What /healthz reads and writes: one snapshot of the bot's state, and a write to prove the
database takes writes (a read-only SQLite file or a standby server answers reads only)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storage.heartbeat import beat, beats
from storage.inbox import count_set_aside, oldest_waiting
from storage.models import Heartbeat, Programme
from storage.outbox_overview import oldest_unsent

WEB = "web"  # the heartbeat the health check itself writes


@dataclass(frozen=True, slots=True)
class Beat:
    holder: str
    last_seen: datetime


@dataclass(frozen=True, slots=True)
class Snapshot:
    programmes: int
    beats: Mapping[str, Beat]  # by name, only those ever written
    oldest_event: datetime | None  # received, waiting to be handled now
    set_aside: int
    oldest_unsent: datetime | None  # due to go out since


def snapshot(session: Session, now: datetime, names: Iterable[str]) -> Snapshot:
    found: Mapping[str, Heartbeat] = beats(session, names)
    count = session.scalar(select(func.count()).select_from(Programme))
    return Snapshot(
        programmes=0 if count is None else count,
        beats={name: Beat(row.holder, row.last_seen) for name, row in found.items()},
        oldest_event=oldest_waiting(session, now),
        set_aside=count_set_aside(session),
        oldest_unsent=oldest_unsent(session, now),
    )


def write_check(session: Session, holder: str, now: datetime) -> None:
    """A write the caller commits: the web process's own heartbeat."""
    beat(session, WEB, holder, now)
    session.flush()
