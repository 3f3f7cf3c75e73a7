"""People the bot could not write to on a platform, kept for the director's digest."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from storage.db import upsert_insert
from storage.models import Membership, Person, PersonUnreachable
from words.domain import Source


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
