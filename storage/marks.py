"""Clock marks: named moments, and run-once claims for scheduled jobs such as digests."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from storage.models import ClockMark


def claim_once(session: Session, name: str, at: datetime) -> bool:
    """Record ``name``; True only for the first caller, however many run at once."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    inserted = session.execute(
        dialect.insert(ClockMark)
        .values(name=name, at=at)
        .on_conflict_do_nothing(index_elements=["name"])
        .returning(ClockMark.name)
    ).scalar()
    return inserted is not None


def seen(session: Session, name: str) -> bool:
    return session.scalar(select(ClockMark.name).where(ClockMark.name == name)) is not None
