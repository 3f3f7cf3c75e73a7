"""Chat traffic: inbound events stored before they are handled, and the outbox to deliver."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, enum_column, utcnow
from storage.types import UTCDateTime
from words.domain import (
    OutboxState,
    Source,
)


class InboundEvent(Base):
    """An event from a chat platform, stored before it is acknowledged.

    ``(platform, event_id)`` is unique: a delivery the platform retries finds its row and is
    not handled again. An event whose handling raised keeps the count and the last error and
    is tried again after ``not_before``; one that keeps failing is set aside (``set_aside_at``)
    so the events behind it go on, until an operator retries it.
    """

    __tablename__ = "inbound_event"
    __table_args__ = (
        UniqueConstraint("platform", "event_id"),
        # The inbox worker asks for the waiting events several times a second.
        Index("ix_inbound_event_waiting", "handled_at", "set_aside_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[Source] = mapped_column(enum_column(Source, "event_platform"))
    event_id: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    user_id: Mapped[str] = mapped_column(String(200))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    handled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_error: Mapped[str] = mapped_column(Text, default="", server_default="")
    not_before: Mapped[datetime | None] = mapped_column(UTCDateTime)
    set_aside_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class OutboxMessage(Base):
    """A message to deliver: written in the transaction that decided to send it.

    Senders claim pending rows (``state`` sending, ``lease_until``), deliver them through a
    platform port and mark them sent; ``key`` is unique, so deciding twice queues once.
    """

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_state_not_before", "state", "not_before"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    programme_id: Mapped[int | None] = mapped_column(ForeignKey("programme.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))  # words.chat.delivery.DeliveryKind
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    channel: Mapped[str | None] = mapped_column(String(200))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("outbox.id", ondelete="SET NULL"))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    is_file: Mapped[bool] = mapped_column(Boolean, default=False)
    state: Mapped[OutboxState] = mapped_column(
        enum_column(OutboxState, "outbox_state"), default=OutboxState.PENDING
    )
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    not_before: Mapped[datetime] = mapped_column(UTCDateTime)
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    claimed_by: Mapped[str | None] = mapped_column(String(200))
    platform: Mapped[str | None] = mapped_column(String(20))
    address: Mapped[str | None] = mapped_column(String(200))
    external_ref: Mapped[str | None] = mapped_column(String(200), index=True)
    error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
