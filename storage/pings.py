"""Pings: planned questions to owners, and what they were asked in which message."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.domain import PingState
from storage.models import Ping


def mark_answered(session: Session, action_id: int, at: datetime) -> int:
    """An update on the action came in: every sent ping about it has its answer."""
    result = session.execute(
        update(Ping)
        .where(Ping.action_id == action_id, Ping.state == PingState.SENT)
        .values(state=PingState.ANSWERED, answered_at=at)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def asked_in(session: Session, outbox_id: int) -> list[int]:
    """The action ids a ping message asked about, in the order it listed them."""
    rows = session.scalars(
        select(Ping.action_id).where(Ping.outbox_id == outbox_id).order_by(Ping.id)
    ).all()
    return list(dict.fromkeys(rows))


def last_ping_message(session: Session, person_id: int, since: datetime) -> int | None:
    """The outbox id of the newest ping message sent to the person since ``since``."""
    return session.scalar(
        select(Ping.outbox_id)
        .where(
            Ping.recipient_id == person_id,
            Ping.outbox_id.is_not(None),
            Ping.sent_at >= since,
        )
        .order_by(Ping.sent_at.desc(), Ping.id.desc())
        .limit(1)
    )


def open_pings(session: Session, action_ids: Sequence[int]) -> Sequence[Ping]:
    """Sent and unanswered pings about these actions."""
    return session.scalars(
        select(Ping).where(Ping.action_id.in_(action_ids), Ping.state == PingState.SENT)
    ).all()
