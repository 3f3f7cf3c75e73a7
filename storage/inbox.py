"""Inbound chat events: stored first, deduplicated by the platform's event id, then handled."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Final, NamedTuple

from sqlalchemy import Connection, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from storage.db import upsert_insert
from storage.models import Identity, InboundEvent, Membership, OutboxMessage, Person
from storage.people import BY_PERSON_ID
from words.chat.inbound import ButtonIn, CommandIn, Event, FormIn, MessageIn, clean_event
from words.cleantext import clean_json
from words.domain import Source

if TYPE_CHECKING:
    from psycopg import AsyncConnection

# An event as the platform names it: (platform, event id), unique among stored events.
EventKey = tuple[str, str]

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
    # Adapters clean what people send (words.cleantext); this is the last line before the
    # database, so a NUL or a lone surrogate an adapter let through never fails a write.
    cleaned = clean_json(data)
    assert isinstance(cleaned, dict)  # noqa: S101 - a dict stays a dict
    return cleaned


def decode(kind: str, data: dict[str, Any]) -> Event:
    """The stored event, its texts cleaned: a row stored before text was cleaned on the way
    in (``encode``) never brings a NUL to a handler's query."""
    fields = dict(data)
    fields["platform"] = Source(fields["platform"])
    fields["received_at"] = datetime.fromisoformat(fields["received_at"])
    return clean_event(KINDS[kind](**fields))


def event_key(event: Event) -> EventKey:
    return event.platform.value, event.event_id


def event_values(event: Event) -> dict[str, Any]:
    """The columns of ``event``'s row."""
    return {
        "platform": event.platform.value,
        "event_id": event.event_id,
        "kind": KIND_OF[type(event)],
        "user_id": event.user_id,
        "received_at": event.received_at,
        "payload": encode(event),
    }


def store_event(session: Session, event: Event) -> tuple[int, bool]:
    """Store ``event`` once; return its row id and whether this delivery was the first.

    Safe when a platform delivers the same event to two processes at once: the unique
    (platform, event_id) pair lets exactly one insert win.
    """
    values = event_values(event)
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


def insert_rows(session: Session, rows: Sequence[Mapping[str, Any]]) -> int:
    """Store event rows (``event_values``) moved from the intake file: those not stored yet,
    in one statement; how many were new. The caller commits."""
    if not rows:
        return 0
    inserted = session.execute(
        upsert_insert(session, InboundEvent)
        .values([dict(row) for row in rows])
        .on_conflict_do_nothing(index_elements=["platform", "event_id"])
        .returning(InboundEvent.id)
    )
    return len(inserted.all())


def insert_events(connection: Connection, events: Sequence[Event]) -> dict[EventKey, int]:
    """Store events not stored yet, in one statement; the row ids of those that were new.

    An event already stored (a platform's retry, or the same event twice in ``events``) is
    left alone and missing from the answer. The caller commits.
    """
    rows = _unique_rows(events)
    if not rows:
        return {}
    make = postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert
    inserted = connection.execute(
        make(InboundEvent)
        .values(rows)
        .on_conflict_do_nothing(index_elements=["platform", "event_id"])
        .returning(InboundEvent.id, InboundEvent.platform, InboundEvent.event_id)
    )
    return {(platform.value, event_id): row_id for row_id, platform, event_id in inserted}


# The same as ``insert_events`` for the web process on PostgreSQL, where storing comes before
# every acknowledgement: one statement of fixed text (so the server keeps it prepared) for any
# number of events, run in autocommit on psycopg's asyncio connection, so it is durable when it
# returns and costs the acknowledgement one round trip to the server, no thread.
INSERT_EVENTS_SQL: Final = """
INSERT INTO inbound_event (platform, event_id, kind, user_id, received_at, payload)
SELECT * FROM unnest(
    %s::varchar[], %s::varchar[], %s::varchar[], %s::varchar[], %s::timestamptz[],
    %s::text[]::json[]
)
ON CONFLICT (platform, event_id) DO NOTHING
RETURNING id, platform, event_id
"""


async def insert_events_async(
    connection: AsyncConnection[Any], events: Sequence[Event]
) -> dict[EventKey, int]:
    """``insert_events`` on PostgreSQL through an autocommit asyncio connection."""
    rows = _unique_rows(events)
    if not rows:
        return {}
    cursor = await connection.execute(INSERT_EVENTS_SQL, _columns(rows))
    return {(platform, event_id): row_id for row_id, platform, event_id in await cursor.fetchall()}


def unique_rows(events: Sequence[Event]) -> list[dict[str, Any]]:
    """The rows of ``events``, each event once."""
    return _unique_rows(events)


def _unique_rows(events: Sequence[Event]) -> list[dict[str, Any]]:
    rows: dict[EventKey, dict[str, Any]] = {}
    for event in events:
        rows.setdefault(event_key(event), event_values(event))
    return list(rows.values())


def _columns(rows: Sequence[Mapping[str, Any]]) -> list[list[Any]]:
    # unnest takes one array per column; the payload goes as JSON text. Timestamps are
    # refused naive here as UTCDateTime refuses them everywhere else.
    for row in rows:
        if row["received_at"].utcoffset() is None:
            raise ValueError(f"naive datetime refused by storage: {row['received_at']!r}")
    return [
        [r["platform"] for r in rows],
        [r["event_id"] for r in rows],
        [r["kind"] for r in rows],
        [r["user_id"] for r in rows],
        [r["received_at"] for r in rows],
        [json.dumps(r["payload"], ensure_ascii=False) for r in rows],
    ]


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


def _waiting(now: datetime) -> Any:
    # Not handled, not set aside, and not waiting out the backoff after a failed attempt.
    return (
        InboundEvent.handled_at.is_(None),
        InboundEvent.set_aside_at.is_(None),
        or_(InboundEvent.not_before.is_(None), InboundEvent.not_before <= now),
    )


def waiting_events(
    session: Session, now: datetime, limit: int = 100
) -> list[tuple[int, Source, str, str | None]]:
    """Stored events to handle now, oldest first: (row id, platform, platform user id, the
    user's workspace where the platform has several). An event that failed waits out its
    backoff meanwhile, and one set aside waits for an operator: neither holds up the rest."""
    rows = session.execute(
        select(InboundEvent.id, InboundEvent.platform, InboundEvent.user_id, InboundEvent.payload)
        .where(*_waiting(now))
        .order_by(InboundEvent.id)
        .limit(limit)
    )
    return [
        (row_id, platform, user_id, _workspace(payload))
        for row_id, platform, user_id, payload in rows
    ]


def _workspace(payload: object) -> str | None:
    found = payload.get("workspace") if isinstance(payload, dict) else None
    return found if isinstance(found, str) else None


def message_by_ref(session: Session, platform: Source, ref: str) -> int | None:
    """The outbox id of the bot message a platform knows as ``ref``."""
    return session.scalar(
        select(OutboxMessage.id)
        .where(OutboxMessage.platform == platform.value, OutboxMessage.external_ref == ref)
        .order_by(OutboxMessage.id.desc())
        .limit(1)
    )


# --- events whose handling failed -------------------------------------------------------------

# A failed event is tried again after 1 s, 5 s, 30 s and 2 min: a database that was briefly
# locked or restarting costs one retry, while a bug that fails every time sets the event aside
# after some three minutes. Only the attempts recorded count: when even recording the failure
# fails, the database is away and the worker waits for it instead (bot.engine.worker).
MAX_EVENT_ATTEMPTS: Final = 5
EVENT_BACKOFF: Final = (
    timedelta(seconds=1),
    timedelta(seconds=5),
    timedelta(seconds=30),
    timedelta(minutes=2),
)
ERROR_LENGTH: Final = 2000  # what is kept of an error: enough for its message and a few frames


class Failure(NamedTuple):
    attempts: int
    set_aside: bool


class SetAside(NamedTuple):
    id: int
    platform: Source
    event_id: str
    kind: str
    user_id: str
    person_id: int | None
    received_at: datetime
    set_aside_at: datetime
    attempts: int
    last_error: str
    what: str  # what the person sent: the text typed, else the button or form


def _what(kind: str, payload: object) -> str:
    data = payload if isinstance(payload, dict) else {}
    for field in ("text", "form", "action"):
        value = data.get(field)
        if isinstance(value, str) and value:
            return value if field == "text" else f"{kind}: {value}"
    return kind


def record_failure(session: Session, row_id: int, error: str, now: datetime) -> Failure | None:
    """Count a failed attempt at handling event ``row_id``: keep the error, wait before the next
    attempt, set it aside after the last. None when the event is gone or handled meanwhile."""
    row = session.scalar(select(InboundEvent).where(InboundEvent.id == row_id).with_for_update())
    if row is None or row.handled_at is not None:
        return None
    row.attempts += 1
    row.last_error = error[:ERROR_LENGTH]
    if row.attempts >= MAX_EVENT_ATTEMPTS:
        row.set_aside_at = now
        row.not_before = None
    else:
        row.not_before = now + EVENT_BACKOFF[min(row.attempts, len(EVENT_BACKOFF)) - 1]
    return Failure(row.attempts, row.set_aside_at is not None)


def set_aside_events(session: Session, limit: int = 100) -> list[SetAside]:
    """Events set aside after failing too often, oldest first."""
    rows = session.execute(
        select(
            InboundEvent.id,
            InboundEvent.platform,
            InboundEvent.event_id,
            InboundEvent.kind,
            InboundEvent.user_id,
            InboundEvent.person_id,
            InboundEvent.received_at,
            InboundEvent.set_aside_at,
            InboundEvent.attempts,
            InboundEvent.last_error,
            InboundEvent.payload,
        )
        .where(InboundEvent.handled_at.is_(None), InboundEvent.set_aside_at.is_not(None))
        .order_by(InboundEvent.id)
        .limit(limit)
    )
    return [
        SetAside(
            id=row.id,
            platform=row.platform,
            event_id=row.event_id,
            kind=row.kind,
            user_id=row.user_id,
            person_id=row.person_id,
            received_at=row.received_at,
            set_aside_at=row.received_at if row.set_aside_at is None else row.set_aside_at,
            attempts=row.attempts,
            last_error=row.last_error,
            what=_what(row.kind, row.payload),
        )
        for row in rows
    ]


def count_set_aside(session: Session) -> int:
    count = session.scalar(
        select(func.count())
        .select_from(InboundEvent)
        .where(InboundEvent.handled_at.is_(None), InboundEvent.set_aside_at.is_not(None))
    )
    return 0 if count is None else count


def retry_events(session: Session, row_ids: Sequence[int] | None) -> int:
    """Put set-aside events back in line (all of them when ``row_ids`` is None); they get their
    attempts anew, and the last error stays until the next attempt replaces it."""
    statement = (
        update(InboundEvent)
        .where(InboundEvent.handled_at.is_(None), InboundEvent.set_aside_at.is_not(None))
        .values(set_aside_at=None, not_before=None, attempts=0)
    )
    if row_ids is not None:
        statement = statement.where(InboundEvent.id.in_(row_ids))
    result = session.execute(statement)
    return int(getattr(result, "rowcount", 0))


def oldest_waiting(session: Session, now: datetime) -> datetime | None:
    """When the oldest event that should be handled by now was received (/healthz)."""
    return session.scalar(select(func.min(InboundEvent.received_at)).where(*_waiting(now)))


def set_aside_of_programme(
    session: Session, programme_id: int, limit: int = 500
) -> list[tuple[SetAside, Person]]:
    """The set-aside events of people in the programme, with who sent each (the director's
    digest): the programme's people and their platform ids in one query, whatever the count."""
    members = session.scalars(
        select(Person)
        .join(Membership, Membership.person_id == Person.id)
        .where(Membership.programme_id == programme_id)
    ).all()
    by_id = {(platform, str(person.id)): person for person in members for platform in BY_PERSON_ID}
    identities = session.execute(
        select(Identity.platform, Identity.external_id, Identity.person_id).where(
            Identity.person_id.in_([person.id for person in members])
        )
    )
    people = {person.id: person for person in members}
    by_id |= {(platform, user): people[person] for platform, user, person in identities}
    return [
        (event, by_id[(event.platform, event.user_id)])
        for event in set_aside_events(session, limit)
        if (event.platform, event.user_id) in by_id
    ]


def next_retry(session: Session) -> datetime | None:
    """When the next failed event is due to be tried again (the console's simulated clock)."""
    return session.scalar(
        select(func.min(InboundEvent.not_before)).where(
            InboundEvent.handled_at.is_(None),
            InboundEvent.set_aside_at.is_(None),
            InboundEvent.not_before.is_not(None),
        )
    )
