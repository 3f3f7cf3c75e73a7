"""Rows of a test register: all of them at once, people and actions by key, and pings that went
out, as the update and reply tests set them up."""

from __future__ import annotations

from datetime import datetime
from itertools import count
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload
from sqlalchemy.orm.interfaces import LoaderOption

from bot.engine.opening import Register
from storage.models import (
    Action,
    ActionOwner,
    ActionParty,
    Base,
    Membership,
    OutboxMessage,
    Person,
    Ping,
    StatusUpdate,
)
from words.domain import OutboxState, PingRule, PingState

# What the tests read of an action they look up themselves: relationships never load lazily.
ACTION_READ: tuple[LoaderOption, ...] = (
    joinedload(Action.programme),
    joinedload(Action.theme),
    joinedload(Action.track),
    selectinload(Action.owner_links).joinedload(ActionOwner.person),
    selectinload(Action.party_links).joinedload(ActionParty.party),
    selectinload(Action.updates).selectinload(StatusUpdate.revisions),
)

# Numbers for the keys of the rows made here, unique in a test run.
_ids = count(1)


def snapshot(register: Register) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, to prove an import changed nothing at all."""
    with register.engine.connect() as conn:
        return {
            table.name: sorted(
                (tuple(map(repr, row)) for row in conn.execute(table.select())),
            )
            for table in Base.metadata.sorted_tables
        }


def person(session: Session, key: str) -> Person:
    # Someone in two programmes has a membership (with the same key) in each.
    return session.scalars(
        select(Person)
        .join(Membership, Membership.person_id == Person.id)
        .where(Membership.key == key)
        .limit(1)
    ).one()


def action(session: Session, key: str) -> Action:
    return session.scalars(select(Action).where(Action.key == key).options(*ACTION_READ)).one()


def sent_pings(session: Session, acts: list[Action], to: Person, now: datetime) -> int:
    """One ping message to ``to`` at ``now`` asking about ``acts``; returns its outbox id."""
    message = OutboxMessage(
        key=f"test-ping:{next(_ids)}",
        programme_id=acts[0].programme_id,
        kind="dm",
        person_id=to.id,
        payload={},
        state=OutboxState.SENT,
        not_before=now,
        sent_at=now,
    )
    session.add(message)
    session.flush()
    for act in acts:
        session.add(
            Ping(
                key=f"checkin:{act.id}:{to.id}:{next(_ids)}",
                programme_id=act.programme_id,
                action_id=act.id,
                owner_id=to.id,
                recipient_id=to.id,
                rule=PingRule.CHECKIN,
                occurrence=now,
                due_at=now,
                state=PingState.SENT,
                outbox_id=message.id,
                sent_at=now,
            )
        )
    session.flush()
    return message.id


def sent_ping(session: Session, act: Action, to: Person, now: datetime) -> tuple[Ping, int]:
    """A ping about ``act`` that went out to ``to`` at ``now``; returns it and its message id."""
    message = sent_pings(session, [act], to, now)
    ping = session.scalars(select(Ping).where(Ping.outbox_id == message)).one()
    return ping, message
