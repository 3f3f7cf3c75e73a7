"""Pings: the ping rows and their states, dispatching them, and what they asked in which message.

``handlers.checkins`` decides; this module and its siblings read and write: planning in
``storage.ping_planning``, what a round needs of its actions in ``storage.ping_subjects``,
reminders and escalations in ``storage.ping_reminders``. Pings are keyed by rule and occurrence
(``ping_key``), so planning twice, or in two processes at once, stores each ping once.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final

from sqlalchemy import (
    Select,
    func,
    select,
    update,
)
from sqlalchemy.orm import Session

from storage.db import is_postgres
from storage.models import (
    Action,
    Person,
    Ping,
)
from words.domain import PingRule, PingState, Status

# Bound parameters per IN list: well under SQLite's limit of 32,766 variables per statement.
CHUNK: Final = 5000
# The PostgreSQL advisory lock a dispatching tick holds, so two ticks never split one
# person's pings over two messages.
DISPATCH_LOCK: Final = zlib.crc32(b"voortgang:dispatch")
CLOSED: Final = (Status.DONE, Status.DROPPED)
REMINDER_PREFIX: Final = "reminder:"
# Bulk updates here touch rows the session holds no objects of: skip matching them in memory.
NO_SYNC: Final = {"synchronize_session": False}
# The ping table itself, for the Core statements that handle many rows at once.
PING_TABLE: Final = Ping.metadata.tables[Ping.__tablename__]


def ping_key(rule: PingRule, action_id: int, owner_id: int, occurrence: datetime) -> str:
    """The unique key of a ping: its rule and nominal occurrence, in UTC, to the minute."""
    return f"{rule.value}:{action_id}:{owner_id}:{occurrence:%Y-%m-%dT%H:%MZ}"


def reminder_key(parent_id: int) -> str:
    return f"{REMINDER_PREFIX}{parent_id}"


def chunks(ids: Iterable[int]) -> Iterator[list[int]]:
    unique = sorted(set(ids))
    for start in range(0, len(unique), CHUNK):
        yield unique[start : start + CHUNK]


# -- rows and states ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PingRow:
    """A ping's columns, read without the ORM: dispatch handles thousands at a time."""

    id: int
    programme_id: int
    action_id: int
    owner_id: int
    recipient_id: int
    rule: PingRule
    occurrence: datetime
    due_at: datetime
    state: PingState
    parent_id: int | None
    sent_at: datetime | None
    brief_id: int | None = None


PING_COLUMNS: Final = (
    Ping.id,
    Ping.programme_id,
    Ping.action_id,
    Ping.owner_id,
    Ping.recipient_id,
    Ping.rule,
    Ping.occurrence,
    Ping.due_at,
    Ping.state,
    Ping.parent_id,
    Ping.sent_at,
    Ping.brief_id,
)


def ping_rows(session: Session, query: Select[*tuple[Any, ...]]) -> list[PingRow]:
    # Sorted here, not in SQL: ORDER BY id would make SQLite walk the table in id order
    # instead of using the (state, due_at) index.
    return sorted((PingRow(*row) for row in session.execute(query)), key=lambda p: p.id)


def _rows_of(
    session: Session, query: Select[*tuple[Any, ...]], action_ids: Iterable[int]
) -> list[PingRow]:
    found: list[PingRow] = []
    for chunk in chunks(action_ids):
        found += ping_rows(session, query.where(Ping.action_id.in_(chunk)))
    return sorted(found, key=lambda p: p.id)


def planned_pings(session: Session, action_ids: Iterable[int]) -> list[PingRow]:
    """The planned (not yet sent) pings about these actions."""
    return _rows_of(
        session, select(*PING_COLUMNS).where(Ping.state == PingState.PLANNED), action_ids
    )


def set_state(session: Session, ids: Iterable[int], state: PingState, *, was: PingState) -> int:
    """Move pings from state ``was`` to ``state``; pings in another state stay as they are."""
    changed = 0
    for chunk in chunks(ids):
        result = session.execute(
            update(Ping).where(Ping.id.in_(chunk), Ping.state == was).values(state=state),
            execution_options=NO_SYNC,
        )
        changed += int(result.rowcount)  # type: ignore[attr-defined]
    return changed


def reroute(session: Session, changes: Sequence[tuple[int, int, datetime]]) -> None:
    """Give planned pings another recipient and moment: ``(ping id, recipient id, due_at)``."""
    for ping_id, recipient_id, due_at in changes:
        session.execute(
            update(Ping)
            .where(Ping.id == ping_id, Ping.state == PingState.PLANNED)
            .values(recipient_id=recipient_id, due_at=due_at),
            execution_options=NO_SYNC,
        )


# -- dispatching ----------------------------------------------------------------------------


def lock_dispatch(session: Session) -> bool:
    """Take the dispatch lock for this transaction; False when another tick holds it.

    Only PostgreSQL needs it: SQLite lets one writer at a time through anyway.
    """
    if not is_postgres(session):
        return True
    return bool(session.scalar(select(func.pg_try_advisory_xact_lock(DISPATCH_LOCK))))


def due_pings(session: Session, now: datetime) -> list[PingRow]:
    """Planned pings due at ``now``, locked; rows another transaction holds are skipped."""
    query = (
        select(*PING_COLUMNS)
        .where(Ping.state == PingState.PLANNED, Ping.due_at <= now)
        .with_for_update(skip_locked=True)
    )
    return ping_rows(session, query)


def sent_pings(session: Session, action_ids: Iterable[int]) -> list[PingRow]:
    """Sent pings about these actions that still wait for an answer."""
    return _rows_of(session, select(*PING_COLUMNS).where(Ping.state == PingState.SENT), action_ids)


def pings_by_id(session: Session, ids: Iterable[int]) -> list[PingRow]:
    found: list[PingRow] = []
    for chunk in chunks(ids):
        found += ping_rows(session, select(*PING_COLUMNS).where(Ping.id.in_(chunk)))
    return found


def mark_sent(session: Session, sent: Mapping[int, int], now: datetime) -> None:
    """Record pings as sent at ``now``: ``sent`` maps ping id to the outbox id of its message."""
    by_message: dict[int, list[int]] = {}
    for ping_id, outbox_id in sent.items():
        by_message.setdefault(outbox_id, []).append(ping_id)
    # One UPDATE per message (its pings by id), not one per ping: a round sends few messages
    # listing many actions.
    for outbox_id, ping_ids in by_message.items():
        session.connection().execute(
            update(PING_TABLE)
            .where(PING_TABLE.c.id.in_(ping_ids))
            .values(state=PingState.SENT, sent_at=now, outbox_id=outbox_id)
        )


# -- the schedule's next moment ------------------------------------------------------------


def first_planned(session: Session, after: datetime) -> tuple[datetime, str] | None:
    """When the first planned ping from ``after`` on is due, and whom it asks (their name):
    someone asked about one action then, where there is such a person, so that an answer in
    words is that action's update."""
    due = session.scalar(
        select(func.min(Ping.due_at)).where(Ping.state == PingState.PLANNED, Ping.due_at >= after)
    )
    if due is None:
        return None
    rows = session.execute(
        select(Person.name, func.count(Ping.id))
        .join(Person, Person.id == Ping.recipient_id)
        .where(Ping.state == PingState.PLANNED, Ping.due_at == due)
        .group_by(Person.id, Person.name)
        .order_by(func.count(Ping.id), Person.id)
        .limit(1)
    ).first()
    return None if rows is None else (due, rows[0])


def earliest_planned(session: Session) -> datetime | None:
    return session.scalar(select(func.min(Ping.due_at)).where(Ping.state == PingState.PLANNED))


# -- what others ask ------------------------------------------------------------------------


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
    # A ping message lists its actions by programme and number; so does this.
    rows = session.scalars(
        select(Ping.action_id)
        .join(Action, Action.id == Ping.action_id)
        .where(Ping.outbox_id == outbox_id)
        .order_by(Action.programme_id, Action.number, Ping.id)
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
