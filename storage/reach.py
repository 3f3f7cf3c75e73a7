"""People the bot could not write to on a platform, kept for the director's digest."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from storage.db import upsert_insert
from storage.models import Identity, Membership, OutboxMessage, Person, PersonUnreachable
from words.domain import OutboxState, Source


def mark_unreachable(
    session: Session, person_id: int, platform: Source, reason: str, now: datetime
) -> None:
    """Note that ``person_id`` cannot be reached on ``platform``; the first moment and reason
    are kept (later failures follow from the first)."""
    session.execute(
        upsert_insert(session, PersonUnreachable)
        .values(person_id=person_id, platform=platform, reason=reason[:300], since=now)
        .on_conflict_do_nothing(index_elements=["person_id", "platform"])
    )


def reached(session: Session, person_id: int, platform: Source) -> None:
    """They wrote to the bot, or installed it: reachable again."""
    session.execute(
        delete(PersonUnreachable).where(
            PersonUnreachable.person_id == person_id, PersonUnreachable.platform == platform
        )
    )


def unreachable_since(session: Session, person_id: int, platform: Source) -> datetime | None:
    """Since when ``person_id`` cannot be reached on ``platform``; None when they can."""
    noted = session.get(PersonUnreachable, (person_id, platform))
    return None if noted is None else noted.since


def unreachable_in(
    session: Session, programme_id: int
) -> Sequence[tuple[Person, PersonUnreachable]]:
    """The people of a programme the bot cannot reach, by name."""
    rows = session.execute(
        select(Person, PersonUnreachable)
        .join(PersonUnreachable, PersonUnreachable.person_id == Person.id)
        .join(Membership, Membership.person_id == Person.id)
        .where(Membership.programme_id == programme_id)
        .order_by(Person.name, PersonUnreachable.platform)
    ).all()
    return [(person, why) for person, why in rows]


def on_email(session: Session, person_ids: Iterable[int]) -> set[int]:
    """Of ``person_ids``, who reads mail rather than a chat channel: the programme file says
    email, or they are known on no chat platform that can still reach them, and have an
    address."""
    wanted = set(person_ids)
    if not wanted:
        return set()
    people = session.execute(
        select(Person.id, Person.channel).where(Person.id.in_(wanted), Person.email.is_not(None))
    ).all()
    chats = {Source.SLACK, Source.TEAMS}
    known: dict[int, set[Source]] = {}
    for pid, platform in session.execute(
        select(Identity.person_id, Identity.platform).where(
            Identity.person_id.in_(wanted), Identity.platform.in_(chats)
        )
    ):
        known.setdefault(pid, set()).add(platform)
    for pid, platform in session.execute(
        select(PersonUnreachable.person_id, PersonUnreachable.platform).where(
            PersonUnreachable.person_id.in_(wanted)
        )
    ):
        known.get(pid, set()).discard(platform)
    return {
        pid
        for pid, channel in people
        if channel == Source.EMAIL.value or (channel is None and not known.get(pid))
    }


def last_mailed(session: Session, person_ids: Iterable[int]) -> dict[int, datetime]:
    """When a message to each of ``person_ids`` last went out by email, if ever: the digest
    tells the director that someone a chat could not reach is written to by mail."""
    wanted = set(person_ids)
    if not wanted:
        return {}
    rows = session.execute(
        select(OutboxMessage.person_id, func.max(OutboxMessage.sent_at))
        .where(
            OutboxMessage.person_id.in_(wanted),
            OutboxMessage.platform == Source.EMAIL.value,
            OutboxMessage.state == OutboxState.SENT,
        )
        .group_by(OutboxMessage.person_id)
    ).all()
    return {pid: moment for pid, moment in rows if pid is not None and moment is not None}
