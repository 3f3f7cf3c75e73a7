"""Clock marks: named moments the clock keeps (how far pings are planned), and run-once
claims for scheduled jobs such as digests."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.db import upsert_insert
from storage.models import ClockMark


def get_mark(session: Session, name: str) -> datetime | None:
    return session.scalar(select(ClockMark.at).where(ClockMark.name == name))


def set_mark(session: Session, name: str, at: datetime) -> None:
    """Set a mark, also when another process creates it at the same moment."""
    stmt = upsert_insert(session, ClockMark).values(name=name, at=at)
    session.execute(stmt.on_conflict_do_update(index_elements=["name"], set_={"at": at}))


def claim_once(session: Session, name: str, at: datetime) -> bool:
    """Record ``name``; True only for the first caller, however many run at once."""
    inserted = session.execute(
        upsert_insert(session, ClockMark)
        .values(name=name, at=at)
        .on_conflict_do_nothing(index_elements=["name"])
        .returning(ClockMark.name)
    ).scalar()
    return inserted is not None
