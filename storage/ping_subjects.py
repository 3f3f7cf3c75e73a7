"""What a round of pings needs of the actions it asks about, read in bulk."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import (
    func,
    select,
)
from sqlalchemy.orm import Session, selectinload

from storage.models import (
    STANDING,
    Action,
    ActionOwner,
    Programme,
    StatusUpdate,
    Theme,
)
from storage.pings import (
    chunks,
)
from words.deadlines.model import Precision
from words.domain import Status, UpdateKind


def actions_by_id(session: Session, ids: Iterable[int]) -> dict[int, Action]:
    """Actions with their theme and owners loaded."""
    found: dict[int, Action] = {}
    for chunk in chunks(ids):
        rows = session.scalars(
            select(Action)
            .where(Action.id.in_(chunk))
            .options(selectinload(Action.theme), selectinload(Action.owner_links))
        )
        found.update((a.id, a) for a in rows)
    return found


@dataclass(frozen=True, slots=True)
class AskedAbout:
    """What a ping needs of its action, read without the ORM: a round may ask about many."""

    id: int
    programme_id: int
    number: int
    title: str
    theme: str
    deadline_text: str
    due: date | None
    status: Status
    owner_ids: frozenset[int]
    deadline_precision: Precision | None = None


def asked_about(session: Session, ids: Iterable[int]) -> dict[int, AskedAbout]:
    found: dict[int, AskedAbout] = {}
    for chunk in chunks(ids):
        owners: dict[int, set[int]] = defaultdict(set)
        links = select(ActionOwner.action_id, ActionOwner.person_id).where(
            ActionOwner.action_id.in_(chunk)
        )
        for action_id, person_id in session.execute(links):
            owners[action_id].add(person_id)
        rows = session.execute(
            select(
                Action.id,
                Action.programme_id,
                Action.number,
                Action.title,
                Theme.name,
                Action.deadline_text,
                Action.due,
                Action.status,
                Action.deadline_precision,
            )
            .join(Theme, Theme.id == Action.theme_id)
            .where(Action.id.in_(chunk))
        )
        for row in rows:
            action_id, programme_id, number, title, theme, text, due, status, precision = row
            found[action_id] = AskedAbout(
                action_id,
                programme_id,
                number,
                title,
                theme,
                text,
                due,
                status,
                owner_ids=frozenset(owners[action_id]),
                deadline_precision=precision,
            )
    return found


def all_programmes(session: Session) -> list[Programme]:
    return list(session.scalars(select(Programme).order_by(Programme.id)))


def last_status_dates(session: Session, action_ids: Iterable[int]) -> dict[int, datetime]:
    """When each action last had a status update that stands, for the actions that had one."""
    found: dict[int, datetime] = {}
    for chunk in chunks(action_ids):
        rows = session.execute(
            select(StatusUpdate.action_id, func.max(StatusUpdate.created_at))
            .where(
                StatusUpdate.action_id.in_(chunk),
                StatusUpdate.kind == UpdateKind.STATUS,
                STANDING,
            )
            .group_by(StatusUpdate.action_id)
        )
        found.update((action_id, at) for action_id, at in rows if at is not None)
    return found
