"""Heartbeats of long-running processes."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import Heartbeat


def beat(session: Session, name: str, holder: str, now: datetime) -> None:
    row = session.get(Heartbeat, name)
    if row is None:
        session.add(Heartbeat(name=name, holder=holder, last_seen=now))
    else:
        row.holder, row.last_seen = holder, now


def last_beat(session: Session, name: str) -> Heartbeat | None:
    return session.scalar(select(Heartbeat).where(Heartbeat.name == name))


def beats(session: Session, names: Iterable[str]) -> dict[str, Heartbeat]:
    """The heartbeats of ``names`` that were ever written, by name."""
    rows = session.scalars(select(Heartbeat).where(Heartbeat.name.in_(list(names))))
    return {row.name: row for row in rows}
