"""The outbox: messages queued in the transaction that decided to send them, and their fate.

A handler or job queues through ``OutboxWriter`` (``words.chat.outgoing.Outgoing``); senders
(``bot.engine.sender``) ``claim`` ready rows, deliver them and record the outcome. The states:

- ``pending``: waits until ``not_before``; a thread reply or update also waits for its parent.
- ``sending``: claimed by ``claimed_by`` until ``lease_until``. A row still ``sending`` after
  its lease is *ambiguous*: its sender stopped somewhere between claiming and recording, so it
  may or may not have reached the platform. The next claim flags it, and the sender asks the
  platform (``Port.find``) before delivering it again.
- ``sent``: delivered; ``external_ref`` and ``address`` say where, so replies can thread on it.
- ``failed``: given up (a permanent error, or too many attempts). For failed rows
  ``not_before`` keeps the moment it was given up, which ``failed_since`` reads.

Only the holder of a claim may record its outcome: every mark checks ``claimed_by``, so a
sender whose lease ran out and was taken over cannot overwrite what the newer sender did.

This module queues, claims and records outcomes; what a sender needs to address a message is
in ``storage.outbox_addressing``, and the counts and moments the health checks and clock read
in ``storage.outbox_overview``.
"""

from __future__ import annotations

import base64
import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Final, assert_never, cast

from sqlalchemy import ColumnElement, Table, and_, exists, or_, select, update
from sqlalchemy.orm import Session, aliased

from storage.db import upsert_insert
from storage.models import OutboxMessage
from words.chat.delivery import DeliveryKind
from words.chat.messages import File, Message
from words.chat.outgoing import Destination, InThread, Replace, ToAddress, ToChannel, ToPerson
from words.domain import OutboxState, Source

# Retries of transient errors: 30 s, 1 min, 2 min ... at most an hour apart, and after the
# eighth failed attempt (some two hours of trying) the message is given up.
BACKOFF_BASE: Final = timedelta(seconds=30)
BACKOFF_MAX: Final = timedelta(hours=1)
MAX_ATTEMPTS: Final = 8
# Up to half the delay again at random, so messages that failed together retry apart.
JITTER: Final = 0.5

Random = Callable[[], float]


# --- queueing -------------------------------------------------------------------------------


class OutboxWriter:
    """``words.chat.outgoing.Outgoing`` on the outbox, inside the caller's transaction.

    Nothing is committed here: the messages are stored with whatever the caller decided in
    the same transaction, or not at all.
    """

    def __init__(self, session: Session, now: datetime, programme_id: int | None = None) -> None:
        self.session = session
        self.now = now
        self.programme_id = programme_id

    def send(self, key: str, to: Destination, message: Message) -> int:
        return self._queue(key, to, {"message": message.to_json()}, is_file=False)

    def send_file(self, key: str, to: Destination, file: File) -> int:
        encoded = base64.b64encode(file.content).decode("ascii")
        payload = {
            "file": {
                "name": file.name,
                "mime": file.mime,
                "comment": file.comment,
                "content": encoded,
            }
        }
        return self._queue(key, to, payload, is_file=True)

    def _queue(self, key: str, to: Destination, payload: dict[str, Any], *, is_file: bool) -> int:
        values: dict[str, Any] = {
            "key": key,
            "programme_id": self.programme_id,
            "payload": payload,
            "is_file": is_file,
            "state": OutboxState.PENDING,
            "attempts": 0,
            "not_before": self.now,
            "error": "",
            "created_at": self.now,
            **_destination(to),
        }
        inserted = _insert_unless_present(self.session, values)
        if inserted is not None:
            return inserted
        found = self.session.scalar(select(OutboxMessage.id).where(OutboxMessage.key == key))
        if found is None:  # cannot happen: the insert or an earlier one left a row
            raise LookupError(key)
        return found


def _destination(to: Destination) -> dict[str, Any]:
    match to:
        case ToPerson(person_id):
            return {"kind": DeliveryKind.DM.value, "person_id": person_id}
        case ToAddress(address, platform):
            # A platform user who is no known person: the address is all there is, and the
            # platform it lives on when that is said (an email address).
            where = {} if platform is None else {"platform": platform.value}
            return {"kind": DeliveryKind.DM.value, "address": address, **where}
        case ToChannel(channel):
            return {"kind": DeliveryKind.CHANNEL.value, "channel": channel}
        case InThread(parent):
            return {"kind": DeliveryKind.THREAD.value, "parent_id": parent}
        case Replace(message):
            return {"kind": DeliveryKind.UPDATE.value, "parent_id": message}
        case _:
            assert_never(to)


def _insert_unless_present(session: Session, values: dict[str, Any]) -> int | None:
    """Insert and return the new id, or None when the key was queued before.

    ON CONFLICT DO NOTHING instead of select-then-insert: two processes queueing the same key
    at once both succeed, and the unique key leaves exactly one row. RETURNING saves the
    second query in the usual case of a new key.
    """
    statement = (
        upsert_insert(session, OutboxMessage)
        .values(values)
        .on_conflict_do_nothing(index_elements=["key"])
        .returning(OutboxMessage.id)
    )
    inserted: int | None = session.execute(statement).scalar()
    return inserted


def message_of(row: OutboxMessage) -> Message | None:
    data = row.payload.get("message")
    return Message.from_json(data) if data is not None else None


def file_of(row: OutboxMessage) -> File | None:
    data = row.payload.get("file")
    if data is None:
        return None
    content = base64.b64decode(data["content"])
    return File(name=data["name"], mime=data["mime"], content=content, comment=data["comment"])


# --- claiming -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Claim:
    row: OutboxMessage
    # Taken over from a sender whose lease ran out: it may have been delivered already.
    ambiguous: bool


def parent_done() -> ColumnElement[bool]:
    # A thread reply or update needs its parent's platform reference. A failed parent is
    # "done" too: the child is then claimed only to be failed, instead of waiting forever.
    parent = aliased(OutboxMessage)
    return or_(
        OutboxMessage.parent_id.is_(None),
        exists().where(
            parent.id == OutboxMessage.parent_id,
            parent.state.in_([OutboxState.SENT, OutboxState.FAILED]),
        ),
    )


def _pending_due(now: datetime) -> ColumnElement[bool]:
    return and_(OutboxMessage.state == OutboxState.PENDING, OutboxMessage.not_before <= now)


def _lease_expired(now: datetime) -> ColumnElement[bool]:
    return and_(OutboxMessage.state == OutboxState.SENDING, OutboxMessage.lease_until <= now)


def claim(
    session: Session, now: datetime, holder: str, limit: int, lease: timedelta
) -> list[Claim]:
    """Claim up to ``limit`` ready rows for ``holder`` until ``now + lease``, in id order.

    On PostgreSQL the candidates are locked with FOR UPDATE SKIP LOCKED, so concurrent senders
    each get different rows without waiting for each other. On SQLite (where SELECT runs
    outside the write transaction) the conditional updates below are what keeps a row from
    being claimed twice: each re-checks that the row is still claimable.
    """
    candidates = session.scalars(
        select(OutboxMessage.id)
        .where(or_(_pending_due(now), _lease_expired(now)), parent_done())
        .order_by(OutboxMessage.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    ).all()
    if not candidates:
        return []
    taken = {"state": OutboxState.SENDING, "claimed_by": holder, "lease_until": now + lease}
    ambiguous = _update_ids(session, candidates, _lease_expired(now), taken)
    fresh = _update_ids(session, candidates, _pending_due(now), taken)
    rows = session.scalars(
        select(OutboxMessage)
        .where(OutboxMessage.id.in_(ambiguous | fresh))
        .order_by(OutboxMessage.id)
        .execution_options(populate_existing=True)
    ).all()
    return [Claim(row, row.id in ambiguous) for row in rows]


def _update_ids(
    session: Session, ids: Sequence[int], condition: ColumnElement[bool], values: dict[str, Any]
) -> set[int]:
    result = session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id.in_(ids), condition)
        .values(values)
        .returning(OutboxMessage.id)
        .execution_options(synchronize_session=False)
    )
    return set(result.scalars().all())


# --- outcomes -------------------------------------------------------------------------------


_OUTBOX: Final = cast(Table, OutboxMessage.__table__)


def _mark(session: Session, outbox_id: int, holder: str, values: dict[str, Any]) -> bool:
    """Apply ``values`` if ``holder`` still holds the claim; False when it was taken over.

    A plain UPDATE on the table, past the ORM: every message delivered is marked in its own
    transaction, and the ORM's bulk-update path cost as much as sending a mail did
    (bench.email_send). Rows loaded in the session are not refreshed, as before.
    """
    result = session.connection().execute(
        update(_OUTBOX)
        .where(
            _OUTBOX.c.id == outbox_id,
            _OUTBOX.c.state == OutboxState.SENDING,
            _OUTBOX.c.claimed_by == holder,
        )
        .values(values)
    )
    return result.rowcount == 1


def mark_sent(
    session: Session,
    outbox_id: int,
    holder: str,
    *,
    external_ref: str,
    address: str,
    platform: Source,
    sent_at: datetime,
) -> bool:
    """Delivered: record where, so threads and updates can refer to it."""
    values = {
        "state": OutboxState.SENT,
        "external_ref": external_ref,
        "address": address,
        "platform": platform.value,
        "sent_at": sent_at,
        "lease_until": None,
        "error": "",
    }
    return _mark(session, outbox_id, holder, values)


def release(session: Session, claims: Iterable[Claim], holder: str, at: datetime) -> int:
    """Give claimed rows back without trying them; returns how many were still held.

    A row that was not ambiguous goes back to pending untouched (same ``not_before`` and
    attempts). An ambiguous row stays ambiguous: it remains ``sending`` with its lease ending
    at ``at``, so whoever claims it next asks the platform first instead of sending blindly.
    """
    released = 0
    for item in claims:
        if item.ambiguous:
            values: dict[str, Any] = {"claimed_by": None, "lease_until": at}
        else:
            values = {"state": OutboxState.PENDING, "claimed_by": None, "lease_until": None}
        released += _mark(session, item.row.id, holder, values)
    return released


def reschedule(session: Session, outbox_id: int, holder: str, at: datetime, reason: str) -> bool:
    """The platform asked to wait: try again at ``at``. Not a failed attempt."""
    values = {
        "state": OutboxState.PENDING,
        "not_before": at,
        "claimed_by": None,
        "lease_until": None,
        "error": reason,
    }
    return _mark(session, outbox_id, holder, values)


def backoff(attempts: int, rng: Random = random.random) -> timedelta:
    """The wait after the ``attempts``-th failed attempt: doubling, capped, with jitter."""
    doublings = min(max(attempts - 1, 0), 16)  # bounded: no overflow for any count
    delay = min(BACKOFF_BASE * (1 << doublings), BACKOFF_MAX)
    return delay * (1 + JITTER * rng())


def fail_attempt(
    session: Session,
    outbox_id: int,
    holder: str,
    now: datetime,
    error: str,
    *,
    max_attempts: int = MAX_ATTEMPTS,
    rng: Random = random.random,
    ambiguous: bool = False,
) -> OutboxState | None:
    """A transient failure: retry after a backoff, or give up after ``max_attempts``.

    Returns the row's new state (pending, or failed), or None when the claim was lost. An
    ``ambiguous`` row (its delivery could not even be checked) stays ambiguous while it waits.
    """
    attempts = session.scalar(
        select(OutboxMessage.attempts).where(
            OutboxMessage.id == outbox_id, OutboxMessage.claimed_by == holder
        )
    )
    if attempts is None:
        return None
    attempts += 1
    values: dict[str, Any] = {"attempts": attempts, "error": error, "claimed_by": None}
    if attempts >= max_attempts:
        state = OutboxState.FAILED
        values |= {"not_before": now, "lease_until": None}
    elif ambiguous:
        state = OutboxState.SENDING
        values |= {"lease_until": now + backoff(attempts, rng)}
    else:
        state = OutboxState.PENDING
        values |= {"not_before": now + backoff(attempts, rng), "lease_until": None}
    values["state"] = state
    return state if _mark(session, outbox_id, holder, values) else None


def mark_failed(session: Session, outbox_id: int, holder: str, now: datetime, error: str) -> bool:
    """A permanent error: give the message up now."""
    values = {
        "state": OutboxState.FAILED,
        "error": error,
        "not_before": now,
        "claimed_by": None,
        "lease_until": None,
    }
    return _mark(session, outbox_id, holder, values)
