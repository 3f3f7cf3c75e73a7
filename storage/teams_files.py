"""Answers to Teams file consent cards, and the uploads they leave to do (``bot.teams.files``).

The web process stores an answer with ``save_answer``: one per outbox row (the file offered),
so an invoke Teams delivers again finds its row and changes nothing. The clock process takes
pending rows with ``claim`` (in several processes at once: a row is taken by moving its
``not_before`` past a lease, on the condition that nobody moved it first), carries each out
and records how that went.

``upload_url`` carries a temporary credential (OneDrive's upload session): it is stored
encrypted (``storage.encryption``) and cleared once the row is settled.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Final, cast

from sqlalchemy import CursorResult, and_, func, select, update
from sqlalchemy.orm import Session

from storage.db import upsert_insert
from storage.encryption import Secrets
from storage.models import ConsentState, Identity, OutboxMessage, TeamsFileConsent
from storage.outbox import Random, backoff
from words.domain import Source

# A person waits for the file: six tries over some fifteen minutes (the outbox's backoff:
# 30 s, 1, 2, 4, 8 min), then it is given up and they are told.
MAX_ATTEMPTS: Final = 6
ERROR_MAX: Final = 500


@dataclass(frozen=True, slots=True)
class Offered:
    """A file the outbox offered on Teams: its row, the Teams users it went to, and where its
    consent card is ("<conversation id>|<activity id>") once the row is marked sent."""

    outbox_id: int
    recipients: frozenset[str]
    ref: str | None


@dataclass(frozen=True, slots=True)
class Upload:
    """Where Teams lets the bot put an accepted file, and how the file is known there."""

    upload_url: str
    content_url: str
    unique_id: str
    file_type: str
    name: str


def offered_file(session: Session, key: str) -> Offered | None:
    """The file row queued under ``key`` and who it was for; None when it is no file.

    The recipients: the address it was delivered to (a DM's Teams user id), and the Teams
    identity of the person it was queued for, should it not be marked sent yet.
    """
    row = session.execute(
        select(
            OutboxMessage.id,
            OutboxMessage.address,
            OutboxMessage.external_ref,
            Identity.external_id,
        )
        .outerjoin(
            Identity,
            and_(Identity.person_id == OutboxMessage.person_id, Identity.platform == Source.TEAMS),
        )
        .where(OutboxMessage.key == key, OutboxMessage.is_file)
    ).first()
    if row is None:
        return None
    outbox_id, address, ref, identity = row
    recipients = frozenset(r for r in (address, identity) if r is not None)
    return Offered(outbox_id, recipients, ref)


def save_answer(
    session: Session,
    *,
    outbox_id: int,
    event_id: str,
    user_id: str,
    service_url: str,
    conversation_id: str,
    card_id: str,
    upload: Upload | None,
    now: datetime,
    secrets: Secrets,
) -> bool:
    """Store an answer to the consent card of ``outbox_id``: accepted when ``upload`` is given.
    Its upload URL is stored encrypted with ``secrets``.

    Returns False when the card was answered before (a retried invoke): the first answer holds.
    """
    values: dict[str, Any] = {
        "outbox_id": outbox_id,
        "event_id": event_id,
        "user_id": user_id,
        "accepted": upload is not None,
        "service_url": service_url,
        "conversation_id": conversation_id,
        "card_id": card_id,
        "state": ConsentState.PENDING,
        "attempts": 0,
        "not_before": now,
        "error": "",
        "received_at": now,
    }
    if upload is not None:
        values |= {
            "upload_url": secrets.encrypt(upload.upload_url),
            "content_url": upload.content_url,
            "unique_id": upload.unique_id,
            "file_type": upload.file_type,
            "name": upload.name,
        }
    inserted = session.execute(
        upsert_insert(session, TeamsFileConsent)
        .values(values)
        .on_conflict_do_nothing(index_elements=["outbox_id"])
        .returning(TeamsFileConsent.id)
    ).scalar()
    return inserted is not None


def upload_url_of(row: TeamsFileConsent, secrets: Secrets) -> str | None:
    """Where the accepted file's bytes go, decrypted; None once the row is settled.

    Raises UnreadableSecretError when no key of VOORTGANG_SECRET_KEYS decrypts it.
    """
    return None if row.upload_url is None else secrets.decrypt(row.upload_url)


def answer_of(session: Session, outbox_id: int) -> TeamsFileConsent | None:
    """The stored answer to the consent card of an outbox row, if any."""
    return session.scalar(select(TeamsFileConsent).where(TeamsFileConsent.outbox_id == outbox_id))


def claim(session: Session, now: datetime, lease: timedelta, limit: int) -> list[TeamsFileConsent]:
    """Take up to ``limit`` pending rows that are due, until ``now + lease``, oldest first.

    A row is taken with a conditional update of its ``not_before``, so of two processes
    claiming at once only one gets it; one that stops midway leaves it to be taken again once
    the lease is over.
    """
    due = session.scalars(
        select(TeamsFileConsent.id)
        .where(TeamsFileConsent.state == ConsentState.PENDING, TeamsFileConsent.not_before <= now)
        .order_by(TeamsFileConsent.id)
        .limit(limit)
    ).all()
    if not due:
        return []
    taken = session.scalars(
        update(TeamsFileConsent)
        .where(
            TeamsFileConsent.id.in_(due),
            TeamsFileConsent.state == ConsentState.PENDING,
            TeamsFileConsent.not_before <= now,
        )
        .values(not_before=now + lease)
        .returning(TeamsFileConsent.id)
        .execution_options(synchronize_session=False)
    ).all()
    return list(
        session.scalars(
            select(TeamsFileConsent)
            .where(TeamsFileConsent.id.in_(taken))
            .order_by(TeamsFileConsent.id)
            .execution_options(populate_existing=True)
        ).all()
    )


def _set(session: Session, row_id: int, values: dict[str, Any]) -> bool:
    """Apply ``values`` to a row that is still pending; False when it was settled meanwhile."""
    result = cast(
        CursorResult[Any],
        session.execute(
            update(TeamsFileConsent)
            .where(TeamsFileConsent.id == row_id, TeamsFileConsent.state == ConsentState.PENDING)
            .values(values)
            .execution_options(synchronize_session=False)
        ),
    )
    return result.rowcount == 1


def mark_uploaded(session: Session, row_id: int, now: datetime) -> bool:
    """The bytes are in OneDrive: a later try only shows them."""
    return _set(session, row_id, {"uploaded_at": now})


def mark_done(session: Session, row_id: int, now: datetime) -> bool:
    values = {"state": ConsentState.DONE, "done_at": now, "error": "", "upload_url": None}
    return _set(session, row_id, values)


def reschedule(session: Session, row_id: int, at: datetime, reason: str) -> bool:
    """The platform asked to wait: try again at ``at``. Not a failed attempt."""
    return _set(session, row_id, {"not_before": at, "error": reason[:ERROR_MAX]})


def fail_attempt(
    session: Session,
    row_id: int,
    now: datetime,
    error: str,
    *,
    max_attempts: int = MAX_ATTEMPTS,
    rng: Random = random.random,
) -> ConsentState | None:
    """A transient failure: try again after a backoff, or give up after ``max_attempts``.

    Returns the row's new state, or None when it was settled meanwhile.
    """
    attempts = session.scalar(
        select(TeamsFileConsent.attempts).where(
            TeamsFileConsent.id == row_id, TeamsFileConsent.state == ConsentState.PENDING
        )
    )
    if attempts is None:
        return None
    attempts += 1
    if attempts >= max_attempts:
        return ConsentState.FAILED if give_up(session, row_id, now, error, attempts) else None
    values = {
        "attempts": attempts,
        "not_before": now + backoff(attempts, rng),
        "error": error[:ERROR_MAX],
    }
    return ConsentState.PENDING if _set(session, row_id, values) else None


def give_up(
    session: Session, row_id: int, now: datetime, error: str, attempts: int | None = None
) -> bool:
    """A permanent error, or too many: the row is settled as failed."""
    values: dict[str, Any] = {
        "state": ConsentState.FAILED,
        "error": error[:ERROR_MAX],
        "done_at": now,
        "upload_url": None,
    }
    if attempts is not None:
        values["attempts"] = attempts
    return _set(session, row_id, values)


def next_due(session: Session) -> datetime | None:
    """When the next pending row may be taken: for the clock process's idle waits."""
    found: datetime | None = session.scalar(
        select(func.min(TeamsFileConsent.not_before)).where(
            TeamsFileConsent.state == ConsentState.PENDING
        )
    )
    return found
