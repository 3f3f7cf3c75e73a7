"""Background work and its bookkeeping: jobs, processes' heartbeats and the clock's marks."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, enum_column, utcnow
from storage.types import UTCDateTime


class JobState(StrEnum):
    """Work taken out of a chat event's transaction (compiling a letter): see ``storage.jobs``."""

    PENDING = "pending"  # waits until not_before
    RUNNING = "running"  # claimed by claimed_by until lease_until
    DONE = "done"
    SET_ASIDE = "set_aside"  # failed too often: listed for an operator, who may retry it


class Job(Base):
    """Work a chat event asked for that is too long for the event's own transaction, such as
    compiling and rendering a voortgangsbrief.

    ``key`` derives from the event, so an event handled twice queues its work once. Workers
    claim pending rows with a lease (like the outbox), read what they need in a short
    transaction, do the work outside any transaction and write the result in another.
    """

    __tablename__ = "job"
    __table_args__ = (Index("ix_job_state_not_before", "state", "not_before"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(40))
    programme_id: Mapped[int | None] = mapped_column(ForeignKey("programme.id", ondelete="CASCADE"))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    state: Mapped[JobState] = mapped_column(
        enum_column(JobState, "job_state"), default=JobState.PENDING
    )
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    not_before: Mapped[datetime] = mapped_column(UTCDateTime)
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    claimed_by: Mapped[str | None] = mapped_column(String(200))
    error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Heartbeat(Base):
    """The last sign of life of a long-running process, such as the clock.

    The web process reports it on /healthz, so a stopped scheduler is noticed.
    """

    __tablename__ = "heartbeat"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    holder: Mapped[str] = mapped_column(String(200))  # host and process id
    last_seen: Mapped[datetime] = mapped_column(UTCDateTime)


class ClockMark(Base):
    """A named moment the clock keeps: how far pings are planned, which digests went out."""

    __tablename__ = "clock_mark"

    name: Mapped[str] = mapped_column(String(200), primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
