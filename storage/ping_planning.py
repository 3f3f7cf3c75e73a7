"""Planning pings: what the schedule needs of actions and absences, and storing new pings.

``handlers.checkins.planning`` decides which pings a programme needs; this module reads what
it decides from and stores the result. Pings are inserted with ON CONFLICT on their key, so
planning twice, or in two processes at once, stores each ping once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Row,
    and_,
    or_,
    select,
)
from sqlalchemy.orm import Session

from storage.db import upsert_insert
from storage.models import (
    Absence,
    Action,
    ActionOwner,
    StatusUpdate,
)
from storage.pings import (
    CLOSED,
    PING_TABLE,
    chunks,
)
from words.domain import PingRule, PingState, Status
from words.rules import Away


@dataclass(frozen=True, slots=True)
class NewPing:
    key: str
    programme_id: int
    action_id: int
    owner_id: int
    recipient_id: int
    rule: PingRule
    occurrence: datetime
    due_at: datetime
    parent_id: int | None = None
    brief_id: int | None = None  # a "brief herinner" ping: the draft that lacks the update


def plan_pings(session: Session, pings: Sequence[NewPing], now: datetime) -> int:
    """Store new pings; a key already stored is left alone, unless it was cancelled.

    A cancelled ping comes back (planned, with the new recipient and moment) when its
    occurrence is wanted again: a deadline moved back, an action reopened. Returns how many
    pings were stored or brought back.
    """
    if not pings:
        return 0
    insert = upsert_insert(session, PING_TABLE)
    stmt = insert.on_conflict_do_update(
        index_elements=["key"],
        set_={
            "state": PingState.PLANNED.value,
            "recipient_id": insert.excluded.recipient_id,
            "due_at": insert.excluded.due_at,
        },
        where=PING_TABLE.c.state == PingState.CANCELLED,
    ).returning(PING_TABLE.c.id)
    rows = [
        {
            "key": p.key,
            "programme_id": p.programme_id,
            "action_id": p.action_id,
            "owner_id": p.owner_id,
            "recipient_id": p.recipient_id,
            "rule": p.rule,
            "occurrence": p.occurrence,
            "due_at": p.due_at,
            "parent_id": p.parent_id,
            "brief_id": p.brief_id,
            "state": PingState.PLANNED,
            "created_at": now,
        }
        for p in pings
    ]
    # Core, not the ORM's bulk path: planning a large programme inserts ~100,000 rows at once.
    return len(session.connection().execute(stmt, rows).all())


@dataclass(frozen=True, slots=True)
class PlanAction:
    """What planning needs of an action, without loading the ORM object."""

    id: int
    due: date | None
    status: Status
    checkin_rule: str
    owner_ids: tuple[int, ...]

    @property
    def closed(self) -> bool:
        return self.status.closed


def actions_to_plan(
    session: Session,
    programme_id: int,
    action_ids: Sequence[int] | None = None,
    *,
    due_between: tuple[date, date] | None = None,
) -> list[PlanAction]:
    """Actions to plan pings for.

    Given ``action_ids``: those actions, open or closed. Otherwise the programme's open
    actions; with ``due_between``, only those with their own check-in rule or a deadline in
    that range (inclusive), for a window in which the programme's own rule asks nothing.
    """
    wanted: Any = Action.programme_id == programme_id
    if action_ids is None:
        wanted = and_(wanted, Action.status.not_in(CLOSED))
        if due_between is not None:
            own_rule = Action.checkin_rule != ""
            wanted = and_(wanted, or_(own_rule, Action.due.between(*due_between)))
    rows: list[Row[int, date | None, Status, str]] = []
    links: list[Row[int, int]] = []
    columns = select(Action.id, Action.due, Action.status, Action.checkin_rule).where(wanted)
    owners = (
        select(ActionOwner.action_id, ActionOwner.person_id)
        .join(Action, Action.id == ActionOwner.action_id)
        .where(wanted)
        .order_by(ActionOwner.action_id, ActionOwner.position)
    )
    if action_ids is None:
        rows += session.execute(columns)
        links += session.execute(owners)
    else:
        for chunk in chunks(action_ids):
            rows += session.execute(columns.where(Action.id.in_(chunk)))
            links += session.execute(owners.where(Action.id.in_(chunk)))
    owned: dict[int, list[int]] = defaultdict(list)
    for action_id, person_id in links:
        owned[action_id].append(person_id)
    return [
        PlanAction(row.id, row.due, row.status, row.checkin_rule, tuple(owned[row.id]))
        for row in sorted(rows, key=lambda r: r.id)
    ]


def changed_actions(session: Session, programme_id: int, since: datetime) -> list[int]:
    """Actions created, changed or given an update after ``since``: their pings are redone."""
    changed = set(
        session.scalars(
            select(Action.id).where(
                Action.programme_id == programme_id,
                or_(Action.updated_at > since, Action.created_at > since),
            )
        )
    )
    # Updates carry the moment of whoever recorded them (a simulated clock too), while
    # updated_at follows the wall clock; either one tells that the action changed. The recent
    # updates come first through their created_at index, then their programme is checked.
    updated = set(
        session.scalars(select(StatusUpdate.action_id).where(StatusUpdate.created_at > since))
    )
    for chunk in chunks(updated - changed):
        changed.update(
            session.scalars(
                select(Action.id).where(Action.id.in_(chunk), Action.programme_id == programme_id)
            )
        )
    return sorted(changed)


def absences(
    session: Session, person_ids: Iterable[int] | None, from_day: date
) -> dict[int, list[Away]]:
    """Absences that have not ended before ``from_day``, per person, in date order."""
    query = (
        select(Absence.person_id, Absence.starts_on, Absence.ends_on, Absence.deputy_id)
        .where(Absence.ends_on >= from_day)
        .order_by(Absence.person_id, Absence.starts_on)
    )
    rows: list[Row[int, date, date, int | None]] = []
    if person_ids is None:
        rows = list(session.execute(query))
    else:
        for chunk in chunks(person_ids):
            rows += session.execute(query.where(Absence.person_id.in_(chunk)))
    found: dict[int, list[Away]] = defaultdict(list)
    for person_id, starts_on, ends_on, deputy_id in rows:
        found[person_id].append(Away(starts_on, ends_on, deputy_id))
    return dict(found)
