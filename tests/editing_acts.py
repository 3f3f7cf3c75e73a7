"""What the editing tests do and read: a person as the editor of a page, and the rows that
prove what was (or was not) written: updates, proposals, the events from the web, audit rows,
and the messages queued for others."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from handlers.editing.page_editor import Editor
from storage.audit import Origin
from storage.models import (
    AuditEntry,
    DeadlineProposal,
    InboundEvent,
    OutboxMessage,
    StatusUpdate,
    UpdateRevision,
)
from tests.register_rows import person
from words.catalogue import language

ORIGIN = Origin(address="192.0.2.7", user_agent="test browser")


def editor(session: Session, key: str) -> Editor:
    """The person with membership ``key`` as the one changing something from a page."""
    who = person(session, key)
    return Editor(who, language(who.language), ZoneInfo(who.timezone or "Europe/Amsterdam"), ORIGIN)


@dataclass(frozen=True)
class Counts:
    updates: int
    proposals: int
    events: int
    audit: int
    outbox: int
    revisions: int


def counts(session: Session) -> Counts:
    """How many rows of each kind an edit may write: a refused one writes none of them."""

    def n(model: type) -> int:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)

    return Counts(
        n(StatusUpdate),
        n(DeadlineProposal),
        n(InboundEvent),
        n(AuditEntry),
        n(OutboxMessage),
        n(UpdateRevision),
    )


def audit_rows(session: Session) -> list[AuditEntry]:
    return list(session.scalars(select(AuditEntry).order_by(AuditEntry.id)))


def outbox_to(session: Session, person_id: int) -> list[OutboxMessage]:
    query = select(OutboxMessage).where(OutboxMessage.person_id == person_id)
    return list(session.scalars(query.order_by(OutboxMessage.id)))
