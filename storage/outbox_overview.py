"""The outbox at a glance: when the next row is ready, counts, given-up and late messages."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storage.models import OutboxMessage
from storage.outbox import parent_done
from words.domain import OutboxState


def next_ready(session: Session) -> datetime | None:
    """When the next row becomes claimable: for idle waits and the console's simulated clock.

    The earliest ``not_before`` of pending rows whose parent is done, or the earliest lease
    end of claimed rows (an expired lease makes a row claimable again); None when idle.
    """
    pending = session.scalar(
        select(func.min(OutboxMessage.not_before)).where(
            OutboxMessage.state == OutboxState.PENDING, parent_done()
        )
    )
    leased = session.scalar(
        select(func.min(OutboxMessage.lease_until)).where(
            OutboxMessage.state == OutboxState.SENDING
        )
    )
    moments = [m for m in (pending, leased) if m is not None]
    return min(moments, default=None)


def pending_count(session: Session, programme_id: int | None = None) -> int:
    """Messages not yet delivered nor given up (pending or being sent)."""
    query = select(func.count(OutboxMessage.id)).where(
        OutboxMessage.state.in_([OutboxState.PENDING, OutboxState.SENDING])
    )
    if programme_id is not None:
        query = query.where(OutboxMessage.programme_id == programme_id)
    return session.execute(query).scalar_one()


def state_counts(session: Session) -> dict[OutboxState, int]:
    """How many rows are in each state (every state present, zero when none)."""
    rows = session.execute(
        select(OutboxMessage.state, func.count(OutboxMessage.id)).group_by(OutboxMessage.state)
    ).all()
    counts = dict.fromkeys(OutboxState, 0)
    for state, count in rows:
        counts[state] = count
    return counts


def failed_since(session: Session, programme_id: int, since: datetime) -> Sequence[OutboxMessage]:
    """The programme's messages given up at or after ``since``, oldest first: for the digest."""
    return session.scalars(
        select(OutboxMessage)
        .where(
            OutboxMessage.programme_id == programme_id,
            OutboxMessage.state == OutboxState.FAILED,
            OutboxMessage.not_before >= since,
        )
        .order_by(OutboxMessage.not_before, OutboxMessage.id)
    ).all()


def oldest_unsent(session: Session, now: datetime) -> datetime | None:
    """Since when the longest-waiting message should have gone out (/healthz): the earliest
    ``not_before`` of pending rows that are due, or lease end of claims that ran out."""
    pending = session.scalar(
        select(func.min(OutboxMessage.not_before)).where(
            OutboxMessage.state == OutboxState.PENDING, OutboxMessage.not_before <= now
        )
    )
    leased = session.scalar(
        select(func.min(OutboxMessage.lease_until)).where(
            OutboxMessage.state == OutboxState.SENDING, OutboxMessage.lease_until <= now
        )
    )
    moments = [m for m in (pending, leased) if m is not None]
    return min(moments, default=None)
