"""The check-in loop's tables: status updates and their revisions, pings, deadline proposals."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Final

from sqlalchemy import (
    Date,
    Float,
    ForeignKey,
    Index,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storage.models.base import Base, enum_column, utcnow
from storage.types import UTCDateTime
from words.deadlines.model import Precision
from words.domain import (
    PingRule,
    PingState,
    ProposalState,
    Source,
    Status,
    UpdateKind,
)

if TYPE_CHECKING:
    from storage.models.register_tables import Action, Person


class StatusUpdate(Base):
    """One report on an action: a status and/or words from its owner, or a moved deadline."""

    __tablename__ = "status_update"
    __table_args__ = (
        # An action's newest update that stands, one step down the index (the register's
        # "last update", its sort by it): partial, so it holds just the updates that count.
        Index(
            "ix_status_update_standing",
            "action_id",
            "created_at",
            sqlite_where=text("withdrawn_at IS NULL"),
            postgresql_where=text("withdrawn_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("action.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    kind: Mapped[UpdateKind] = mapped_column(enum_column(UpdateKind, "update_kind"))
    source: Mapped[Source] = mapped_column(enum_column(Source, "source"))
    status: Mapped[Status | None] = mapped_column(
        enum_column(Status, "update_status"), nullable=True
    )
    text: Mapped[str] = mapped_column(Text, default="")
    progress: Mapped[float | None] = mapped_column(Float)
    previous_due: Mapped[date | None] = mapped_column(Date)
    previous_deadline_text: Mapped[str | None] = mapped_column(String(200))
    new_due: Mapped[date | None] = mapped_column(Date)
    new_deadline_text: Mapped[str | None] = mapped_column(String(200))
    new_precision: Mapped[Precision | None] = mapped_column(
        enum_column(Precision, "new_precision"), nullable=True
    )
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The action's status before this update, so undoing it can put that back.
    previous_status: Mapped[Status | None] = mapped_column(
        enum_column(Status, "previous_status"), nullable=True
    )
    # The action's KPI value before this update gave one (``progress``), for undoing it.
    previous_kpi: Mapped[float | None] = mapped_column(Float)
    # Set when its author took it back ("ongedaan"): it leaves the current view and the letter,
    # but stays in the action's history with who withdrew it and when.
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    withdrawn_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL")
    )
    # The chat event it came from: one event (however often a platform delivers it) makes at
    # most one update.
    event_id: Mapped[int | None] = mapped_column(
        ForeignKey("inbound_event.id", ondelete="SET NULL"), unique=True
    )

    action: Mapped[Action] = relationship(lazy="raise_on_sql", back_populates="updates")
    author: Mapped[Person | None] = relationship(lazy="raise_on_sql", foreign_keys=[author_id])
    withdrawn_by: Mapped[Person | None] = relationship(
        lazy="raise_on_sql", foreign_keys=[withdrawn_by_id]
    )
    revisions: Mapped[list[UpdateRevision]] = relationship(
        lazy="raise_on_sql",
        back_populates="update",
        cascade="all, delete-orphan",
        order_by="UpdateRevision.id",
    )


# The updates that stand: what every current view, digest, export and letter counts. Only an
# action's history shows the withdrawn ones as well.
STANDING: Final = StatusUpdate.withdrawn_at.is_(None)


class UpdateRevision(Base):
    """An earlier wording of an update, kept when its author corrects it."""

    __tablename__ = "update_revision"

    id: Mapped[int] = mapped_column(primary_key=True)
    update_id: Mapped[int] = mapped_column(
        ForeignKey("status_update.id", ondelete="CASCADE"), index=True
    )
    replaced_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    status: Mapped[Status | None] = mapped_column(
        enum_column(Status, "revision_status"), nullable=True
    )
    text: Mapped[str] = mapped_column(Text, default="")
    progress: Mapped[float | None] = mapped_column(Float)

    update: Mapped[StatusUpdate] = relationship(lazy="raise_on_sql", back_populates="revisions")


class Ping(Base):
    """One due question to one person about one action: the unit of the check-in schedule.

    ``key`` names the rule and the occurrence (``checkin:12:7:2026-11-23T08:00Z``), so a tick
    that runs twice, or in two processes at once, still plans each ping once.
    """

    __tablename__ = "ping"
    __table_args__ = (Index("ix_ping_state_due_at", "state", "due_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id", ondelete="CASCADE"))
    action_id: Mapped[int] = mapped_column(ForeignKey("action.id", ondelete="CASCADE"), index=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    # Who is asked: the owner, or their deputy while the owner is away.
    recipient_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), index=True
    )
    rule: Mapped[PingRule] = mapped_column(enum_column(PingRule, "ping_rule"))
    occurrence: Mapped[datetime] = mapped_column(UTCDateTime)  # the rule's nominal moment
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)  # after weekend, holiday, absence
    state: Mapped[PingState] = mapped_column(
        enum_column(PingState, "ping_state"), default=PingState.PLANNED
    )
    # Indexed: deleting an action cascades to its pings and, through this, their reminders.
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("ping.id", ondelete="CASCADE"), index=True
    )
    outbox_id: Mapped[int | None] = mapped_column(
        ForeignKey("outbox.id", ondelete="SET NULL"), index=True
    )
    # For "brief herinner" pings: the draft whose missing update is asked for.
    brief_id: Mapped[int | None] = mapped_column(
        ForeignKey("brief.id", ondelete="CASCADE"), index=True
    )
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    escalated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    action: Mapped[Action] = relationship(lazy="raise_on_sql")
    owner: Mapped[Person] = relationship(lazy="raise_on_sql", foreign_keys=[owner_id])
    recipient: Mapped[Person] = relationship(lazy="raise_on_sql", foreign_keys=[recipient_id])


class DeadlineProposal(Base):
    """A new deadline an owner mentioned, waiting for the sponsor or director to confirm."""

    __tablename__ = "deadline_proposal"

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("action.id", ondelete="CASCADE"), index=True)
    update_id: Mapped[int | None] = mapped_column(
        ForeignKey("status_update.id", ondelete="CASCADE")
    )
    proposed_by: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(String(200))
    due: Mapped[date] = mapped_column(Date)
    precision: Mapped[Precision] = mapped_column(enum_column(Precision, "proposal_precision"))
    state: Mapped[ProposalState] = mapped_column(
        enum_column(ProposalState, "proposal_state"), default=ProposalState.OPEN
    )
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    action: Mapped[Action] = relationship(lazy="raise_on_sql")
