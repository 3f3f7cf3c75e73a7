"""Inbound chat events: stored first, deduplicated by the platform's event id, then handled."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.domain import Source
from handlers.events import ButtonIn, CommandIn, Event, FormIn, MessageIn
from storage.db import upsert_insert
from storage.models import InboundEvent, OutboxMessage

KINDS: dict[str, type[Event]] = {
    "message": MessageIn,
    "button": ButtonIn,
    "form": FormIn,
    "command": CommandIn,
}
KIND_OF = {cls: name for name, cls in KINDS.items()}


def encode(event: Event) -> dict[str, Any]:
    data = asdict(event)
    data["platform"] = event.platform.value
    data["received_at"] = event.received_at.isoformat()
    if isinstance(event, FormIn):
        data["values"] = dict(event.values)
    return data


def decode(kind: str, data: dict[str, Any]) -> Event:
    fields = dict(data)
    fields["platform"] = Source(fields["platform"])
    fields["received_at"] = datetime.fromisoformat(fields["received_at"])
    return KINDS[kind](**fields)


def store_event(session: Session, event: Event) -> tuple[int, bool]:
    """Store ``event`` once; return its row id and whether this delivery was the first.

    Safe when a platform delivers the same event to two processes at once: the unique
    (platform, event_id) pair lets exactly one insert win.
    """
    values = {
        "platform": event.platform.value,
        "event_id": event.event_id,
        "kind": KIND_OF[type(event)],
        "user_id": event.user_id,
        "received_at": event.received_at,
        "payload": encode(event),
    }
    inserted = session.execute(
        upsert_insert(session, InboundEvent)
        .values(**values)
        .on_conflict_do_nothing(index_elements=["platform", "event_id"])
        .returning(InboundEvent.id)
    ).scalar()
    if inserted is not None:
        return inserted, True
    existing = session.scalar(
        select(InboundEvent.id).where(
            InboundEvent.platform == event.platform, InboundEvent.event_id == event.event_id
        )
    )
    assert existing is not None  # noqa: S101 - the conflict means the row exists
    return existing, False


def claim_event(session: Session, row_id: int) -> InboundEvent | None:
    """The stored event, locked for handling, or None when it was handled already."""
    row = session.scalar(select(InboundEvent).where(InboundEvent.id == row_id).with_for_update())
    if row is None or row.handled_at is not None:
        return None
    return row


def mark_handled(session: Session, row_id: int, person_id: int | None, now: datetime) -> None:
    session.execute(
        update(InboundEvent)
        .where(InboundEvent.id == row_id)
        .values(handled_at=now, person_id=person_id)
    )


def unhandled(session: Session, limit: int = 100) -> Sequence[int]:
    """Events stored but not handled (the process stopped in between), oldest first."""
    return session.scalars(
        select(InboundEvent.id)
        .where(InboundEvent.handled_at.is_(None))
        .order_by(InboundEvent.id)
        .limit(limit)
    ).all()


def waiting_events(session: Session, limit: int = 100) -> list[tuple[int, Source, str]]:
    """Stored events not handled yet, oldest first: (row id, platform, platform user id)."""
    rows = session.execute(
        select(InboundEvent.id, InboundEvent.platform, InboundEvent.user_id)
        .where(InboundEvent.handled_at.is_(None))
        .order_by(InboundEvent.id)
        .limit(limit)
    )
    return [(row_id, platform, user_id) for row_id, platform, user_id in rows]


def message_by_ref(session: Session, platform: Source, ref: str) -> int | None:
    """The outbox id of the bot message a platform knows as ``ref``."""
    return session.scalar(
        select(OutboxMessage.id)
        .where(OutboxMessage.platform == platform.value, OutboxMessage.external_ref == ref)
        .order_by(OutboxMessage.id.desc())
        .limit(1)
    )
