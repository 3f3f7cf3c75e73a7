"""SQLite only: the web process stores events in a file of their own, the intake file.

SQLite has one write lock per database file. The web process must store every event before it
acknowledges it, within Slack's three seconds; the clock process's inbox worker holds the same
lock while it handles an event (tens of milliseconds) and takes it again at once for the next.
Sharing one file, a burst of replies made acknowledgements wait seconds for the lock. So on
SQLite the web process writes events only to the intake file next to the database
(``voortgang.db`` → ``voortgang-intake.db``), which nothing else writes for long, and the
inbox worker moves them into the register's ``inbound_event`` table between events, in its own
thread: the two never wait for each other.

Moving is safe to repeat: the register's ``inbound_event`` is unique per (platform, event id),
so an event moved twice (a crash between the register's commit and marking it moved here) is
stored once. Moved rows stay for a day, so a platform's retry is still recognised at the
intake, then go. PostgreSQL needs none of this: its writers do not wait for each other.

The file holds one table, created on first use; ``PRAGMA user_version`` says which layout it
has, and a file of a newer layout is refused rather than misread.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Final, NamedTuple

from sqlalchemy import (
    JSON,
    Column,
    Connection,
    Engine,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    UniqueConstraint,
    delete,
    func,
    select,
    text,
    update,
)
from sqlalchemy.dialects import sqlite
from sqlalchemy.engine import make_url

from storage.db import make_engine
from storage.inbox import EventKey
from storage.types import UTCDateTime
from words.errors import VoortgangError

LAYOUT: Final = 1
KEEP_MOVED: Final = timedelta(days=1)
SUFFIX: Final = "-intake"

METADATA = MetaData()
BUFFERED = Table(
    "buffered_event",
    METADATA,
    Column("id", Integer, primary_key=True),
    Column("platform", String(20), nullable=False),
    Column("event_id", String(200), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("user_id", String(200), nullable=False),
    Column("received_at", UTCDateTime, nullable=False),
    Column("payload", JSON, nullable=False),
    Column("moved_at", UTCDateTime, nullable=True),
    UniqueConstraint("platform", "event_id", name="uq_buffered_event_platform"),
    Index("ix_buffered_event_moved_at_id", "moved_at", "id"),
)


class IntakeFileError(VoortgangError):
    """The intake file has a layout this version of Voortgang does not know."""


class Buffered(NamedTuple):
    id: int
    values: dict[str, Any]  # the columns of its inbound_event row


def intake_path(database_url: str) -> Path | None:
    """The intake file of a SQLite database file; None for PostgreSQL or an in-memory one."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    database = url.database
    if database.startswith("file:"):  # a URI filename: sqlite:///file:path?mode=ro&uri=true
        database = database.removeprefix("file:").split("?", 1)[0]
    path = Path(database)
    return path.with_name(f"{path.stem}{SUFFIX}{path.suffix}")


def open_intake_file(database_url: str) -> Engine | None:
    """An engine on the intake file (made and laid out when missing); None without one."""
    path = intake_path(database_url)
    if path is None:
        return None
    engine = make_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        layout = connection.execute(text("PRAGMA user_version")).scalar_one()
        if layout > LAYOUT:
            raise IntakeFileError(
                f"{path} has layout {layout}; this Voortgang knows up to {LAYOUT}"
            )
        METADATA.create_all(connection)
        if layout < LAYOUT:
            connection.execute(text(f"PRAGMA user_version = {LAYOUT}"))
    return engine


def insert_buffered(connection: Connection, rows: Sequence[dict[str, Any]]) -> dict[EventKey, int]:
    """Store event rows (``storage.inbox.event_values``) not stored yet, in one statement;
    the ids of those that were new. The caller commits."""
    if not rows:
        return {}
    inserted = connection.execute(
        sqlite.insert(BUFFERED)
        .values(list(rows))
        .on_conflict_do_nothing(index_elements=["platform", "event_id"])
        .returning(BUFFERED.c.id, BUFFERED.c.platform, BUFFERED.c.event_id)
    )
    return {(platform, event_id): row_id for row_id, platform, event_id in inserted}


def waiting(engine: Engine, limit: int) -> list[Buffered]:
    """Events not moved yet, oldest first."""
    with engine.connect() as connection:
        rows = connection.execute(
            select(BUFFERED)
            .where(BUFFERED.c.moved_at.is_(None))
            .order_by(BUFFERED.c.id)
            .limit(limit)
        ).all()
    return [
        Buffered(
            row.id,
            {
                "platform": row.platform,
                "event_id": row.event_id,
                "kind": row.kind,
                "user_id": row.user_id,
                "received_at": row.received_at,
                "payload": row.payload,
            },
        )
        for row in rows
    ]


def mark_moved(engine: Engine, ids: Sequence[int], now: datetime) -> None:
    """Note that these events are in the register now; forget those moved long ago."""
    with engine.begin() as connection:
        if ids:
            connection.execute(
                update(BUFFERED).where(BUFFERED.c.id.in_(list(ids))).values(moved_at=now)
            )
        connection.execute(delete(BUFFERED).where(BUFFERED.c.moved_at < now - KEEP_MOVED))


def oldest_waiting(engine: Engine) -> datetime | None:
    """When the oldest event not moved yet was received (/healthz)."""
    with engine.connect() as connection:
        return connection.execute(
            select(func.min(BUFFERED.c.received_at)).where(BUFFERED.c.moved_at.is_(None))
        ).scalar()


def write_check(engine: Engine) -> None:
    """Prove the intake file takes writes (/healthz): a write that changes nothing."""
    with engine.begin() as connection:
        connection.execute(text(f"PRAGMA user_version = {LAYOUT}"))
