"""The audit trail of the web app and the API: one row for every change, written in the same
transaction as the change itself, so a change is never kept without its row or the other way
round."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import AuditEntry

USER_AGENT_LIMIT: Final = 300
ADDRESS_LIMIT: Final = 64


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a request came from: the client's address and what it says it is."""

    address: str = ""
    user_agent: str = ""


def record(
    session: Session,
    *,
    at: datetime,
    origin: Origin,
    person_id: int | None,
    actor: str,
    programme_id: int | None,
    what: str,
    subject: str = "",
    detail: Mapping[str, Any] | None = None,
    via: str = "web",
) -> AuditEntry:
    """Add one audit row to the session's transaction: ``what`` names the change
    ("action.update", "letter.publish"), ``subject`` what it was done to ("#12")."""
    row = AuditEntry(
        at=at,
        person_id=person_id,
        actor=actor[:200],
        programme_id=programme_id,
        what=what[:64],
        subject=subject[:300],
        detail=dict(detail) if detail is not None else {},
        via=via,
        address=origin.address[:ADDRESS_LIMIT],
        user_agent=origin.user_agent[:USER_AGENT_LIMIT],
    )
    session.add(row)
    session.flush()
    return row


def entries(
    session: Session, programme_id: int | None = None, limit: int = 200
) -> Sequence[AuditEntry]:
    """The newest entries first, of one programme or of all."""
    query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
    if programme_id is not None:
        query = query.where(AuditEntry.programme_id == programme_id)
    return session.scalars(query).all()
