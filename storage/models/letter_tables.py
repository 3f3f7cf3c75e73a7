"""Voortgangsbrieven kept: drafts and final briefs, the updates they used, their documents."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import (
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storage.models.base import Base, enum_column, utcnow
from storage.types import UTCDateTime

if TYPE_CHECKING:
    from storage.models.register_tables import Programme


class PassageKind(StrEnum):
    OPENING = "opening"
    THEME = "theme"
    COORDINATION = "coordination"
    UPDATE = "update"  # how one status update's words appear in the letter


class BriefState(StrEnum):
    DRAFT = "draft"
    FINAL = "final"


class Brief(Base):
    """A progress letter: one draft per programme, regenerated freely; final ones are frozen.

    A final brief has a number (1, 2, ... per programme) and keeps its documents as bytes, so
    later edits to updates never change it and it can be fetched again byte for byte.
    """

    __tablename__ = "brief"
    __table_args__ = (UniqueConstraint("programme_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id", ondelete="CASCADE"))
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    # The period as it was asked for ("2026-Q4"), for listings and file names.
    period_label: Mapped[str] = mapped_column(String(40), default="")
    number: Mapped[int | None] = mapped_column(Integer)
    state: Mapped[BriefState] = mapped_column(enum_column(BriefState, "brief_state"))
    language: Mapped[str] = mapped_column(String(2), default="nl")
    # How often this draft was regenerated; a final keeps the revision it was frozen at.
    revision: Mapped[int] = mapped_column(Integer, default=1)
    # The date owners are asked to answer by ("brief herinner").
    input_deadline: Mapped[date | None] = mapped_column(Date)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finalized_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    programme: Mapped[Programme] = relationship(lazy="raise_on_sql")
    update_links: Mapped[list[BriefUpdate]] = relationship(
        lazy="raise_on_sql", cascade="all, delete-orphan"
    )
    documents: Mapped[list[BriefDocument]] = relationship(
        lazy="raise_on_sql", cascade="all, delete-orphan", order_by="BriefDocument.format"
    )


class BriefUpdate(Base):
    """Which updates a brief was compiled from."""

    __tablename__ = "brief_update"

    brief_id: Mapped[int] = mapped_column(
        ForeignKey("brief.id", ondelete="CASCADE"), primary_key=True
    )
    update_id: Mapped[int] = mapped_column(
        ForeignKey("status_update.id", ondelete="CASCADE"), primary_key=True
    )


class BriefDocument(Base):
    """A brief's document in one format (docx, html, md, pdf), exactly as it was handed out."""

    __tablename__ = "brief_document"

    brief_id: Mapped[int] = mapped_column(
        ForeignKey("brief.id", ondelete="CASCADE"), primary_key=True
    )
    format: Mapped[str] = mapped_column(String(8), primary_key=True)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64))


class LetterPassage(Base):
    """A paragraph written for a letter, or the letter's wording of one update.

    Never updated or deleted: each change adds a row, and the newest row per programme, period,
    kind and theme (or per update) counts, so whose words were replaced stays known. An empty
    text withdraws the paragraph: the letter falls back to its default.
    """

    __tablename__ = "letter_passage"
    __table_args__ = (
        Index(
            "ix_letter_passage_lookup", "programme_id", "period_start", "period_end", "kind", "id"
        ),
        Index("ix_letter_passage_update_id", "update_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id", ondelete="CASCADE"))
    # The letter's period; None for an update's wording, which goes wherever the update goes.
    period_start: Mapped[date | None] = mapped_column(Date)
    period_end: Mapped[date | None] = mapped_column(Date)
    kind: Mapped[PassageKind] = mapped_column(enum_column(PassageKind, "passage_kind"))
    theme_id: Mapped[int | None] = mapped_column(ForeignKey("theme.id", ondelete="CASCADE"))
    update_id: Mapped[int | None] = mapped_column(
        ForeignKey("status_update.id", ondelete="CASCADE")
    )
    text: Mapped[str] = mapped_column(Text, default="")
    author_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
