"""Pings: planned questions to owners, and what they were asked in which message.

Every statement of the check-in schedule lives here; ``handlers.checkins.cycle`` decides, this
module
reads and writes. Pings are keyed by rule and occurrence (``ping_key``) and inserted with ON
CONFLICT, so planning twice, or in two processes at once, stores each ping once.
"""

from __future__ import annotations

import zlib
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Final

from sqlalchemy import (
    Row,
    Select,
    String,
    and_,
    cast,
    func,
    literal,
    or_,
    select,
    update,
)
from sqlalchemy.orm import Session, aliased, selectinload

from storage.db import is_postgres, upsert_insert
from storage.models import (
    STANDING,
    Absence,
    Action,
    ActionOwner,
    Person,
    Ping,
    Programme,
    StatusUpdate,
    Theme,
)
from storage.people import people_by_id
from words.domain import PingRule, PingState, Status, UpdateKind
from words.rules import Away

# Bound parameters per IN list: well under SQLite's limit of 32,766 variables per statement.
CHUNK: Final = 5000
# The PostgreSQL advisory lock a dispatching tick holds, so two ticks never split one
# person's pings over two messages.
DISPATCH_LOCK: Final = zlib.crc32(b"voortgang:dispatch")
CLOSED: Final = (Status.DONE, Status.DROPPED)
REMINDER_PREFIX: Final = "reminder:"
# Bulk updates here touch rows the session holds no objects of: skip matching them in memory.
_NO_SYNC: Final = {"synchronize_session": False}
# The ping table itself, for the Core statements that handle many rows at once.
_PING: Final = Ping.metadata.tables[Ping.__tablename__]


def ping_key(rule: PingRule, action_id: int, owner_id: int, occurrence: datetime) -> str:
    """The unique key of a ping: its rule and nominal occurrence, in UTC, to the minute."""
    return f"{rule.value}:{action_id}:{owner_id}:{occurrence:%Y-%m-%dT%H:%MZ}"


def reminder_key(parent_id: int) -> str:
    return f"{REMINDER_PREFIX}{parent_id}"


def _chunks(ids: Iterable[int]) -> Iterator[list[int]]:
    unique = sorted(set(ids))
    for start in range(0, len(unique), CHUNK):
        yield unique[start : start + CHUNK]


# -- planning -------------------------------------------------------------------------------


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
    insert = upsert_insert(session, _PING)
    stmt = insert.on_conflict_do_update(
        index_elements=["key"],
        set_={
            "state": PingState.PLANNED.value,
            "recipient_id": insert.excluded.recipient_id,
            "due_at": insert.excluded.due_at,
        },
        where=_PING.c.state == PingState.CANCELLED,
    ).returning(_PING.c.id)
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
        for chunk in _chunks(action_ids):
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
    for chunk in _chunks(updated - changed):
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
        for chunk in _chunks(person_ids):
            rows += session.execute(query.where(Absence.person_id.in_(chunk)))
    found: dict[int, list[Away]] = defaultdict(list)
    for person_id, starts_on, ends_on, deputy_id in rows:
        found[person_id].append(Away(starts_on, ends_on, deputy_id))
    return dict(found)


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


_ROW: Final = (
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


def _rows(session: Session, query: Select[*tuple[Any, ...]]) -> list[PingRow]:
    # Sorted here, not in SQL: ORDER BY id would make SQLite walk the table in id order
    # instead of using the (state, due_at) index.
    return sorted((PingRow(*row) for row in session.execute(query)), key=lambda p: p.id)


def _rows_of(
    session: Session, query: Select[*tuple[Any, ...]], action_ids: Iterable[int]
) -> list[PingRow]:
    found: list[PingRow] = []
    for chunk in _chunks(action_ids):
        found += _rows(session, query.where(Ping.action_id.in_(chunk)))
    return sorted(found, key=lambda p: p.id)


def planned_pings(session: Session, action_ids: Iterable[int]) -> list[PingRow]:
    """The planned (not yet sent) pings about these actions."""
    return _rows_of(session, select(*_ROW).where(Ping.state == PingState.PLANNED), action_ids)


def set_state(session: Session, ids: Iterable[int], state: PingState, *, was: PingState) -> int:
    """Move pings from state ``was`` to ``state``; pings in another state stay as they are."""
    changed = 0
    for chunk in _chunks(ids):
        result = session.execute(
            update(Ping).where(Ping.id.in_(chunk), Ping.state == was).values(state=state),
            execution_options=_NO_SYNC,
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
            execution_options=_NO_SYNC,
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
        select(*_ROW)
        .where(Ping.state == PingState.PLANNED, Ping.due_at <= now)
        .with_for_update(skip_locked=True)
    )
    return _rows(session, query)


def sent_pings(session: Session, action_ids: Iterable[int]) -> list[PingRow]:
    """Sent pings about these actions that still wait for an answer."""
    return _rows_of(session, select(*_ROW).where(Ping.state == PingState.SENT), action_ids)


def pings_by_id(session: Session, ids: Iterable[int]) -> list[PingRow]:
    found: list[PingRow] = []
    for chunk in _chunks(ids):
        found += _rows(session, select(*_ROW).where(Ping.id.in_(chunk)))
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
            update(_PING)
            .where(_PING.c.id.in_(ping_ids))
            .values(state=PingState.SENT, sent_at=now, outbox_id=outbox_id)
        )


def actions_by_id(session: Session, ids: Iterable[int]) -> dict[int, Action]:
    """Actions with their theme and owners loaded."""
    found: dict[int, Action] = {}
    for chunk in _chunks(ids):
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


def asked_about(session: Session, ids: Iterable[int]) -> dict[int, AskedAbout]:
    found: dict[int, AskedAbout] = {}
    for chunk in _chunks(ids):
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
            )
            .join(Theme, Theme.id == Action.theme_id)
            .where(Action.id.in_(chunk))
        )
        for row in rows:
            found[row[0]] = AskedAbout(*row, owner_ids=frozenset(owners[row[0]]))
    return found


def all_programmes(session: Session) -> list[Programme]:
    return list(session.scalars(select(Programme).order_by(Programme.id)))


def last_status_dates(session: Session, action_ids: Iterable[int]) -> dict[int, datetime]:
    """When each action last had a status update that stands, for the actions that had one."""
    found: dict[int, datetime] = {}
    for chunk in _chunks(action_ids):
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


# -- reminders and escalation ---------------------------------------------------------------


def _without_reminder() -> Any:
    # Found through the unique key, so the check costs an index lookup per row.
    reminder = aliased(Ping)
    key = literal(REMINDER_PREFIX) + cast(Ping.id, String)
    return ~select(reminder.id).where(reminder.key == key).exists()


def reminder_candidates(
    session: Session, programme_id: int, after: datetime | None, until: datetime
) -> list[PingRow]:
    """Sent, unanswered questions (not reminders) sent in ``(after, until]`` without a reminder."""
    query = select(*_ROW).where(
        Ping.programme_id == programme_id,
        Ping.state == PingState.SENT,
        Ping.rule != PingRule.REMINDER,
        Ping.sent_at <= until,
        _without_reminder(),
    )
    if after is not None:
        query = query.where(Ping.sent_at > after)
    return _rows(session, query)


def escalation_candidates(session: Session, programme_id: int, until: datetime) -> list[PingRow]:
    """Sent, unanswered reminders sent at or before ``until`` and not escalated yet."""
    query = select(*_ROW).where(
        Ping.programme_id == programme_id,
        Ping.state == PingState.SENT,
        Ping.rule == PingRule.REMINDER,
        Ping.escalated_at.is_(None),
        Ping.sent_at <= until,
    )
    return _rows(session, query)


def mark_escalated(session: Session, ids: Iterable[int], now: datetime) -> None:
    for chunk in _chunks(ids):
        session.execute(
            update(Ping)
            .where(Ping.id.in_(chunk), Ping.escalated_at.is_(None))
            .values(escalated_at=now),
            execution_options=_NO_SYNC,
        )


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


def waiting_since(
    session: Session, programme_id: int, *, reminders: bool, span: timedelta
) -> list[datetime]:
    """When the oldest questions still waiting for a follow-up were sent (within ``span``).

    ``reminders``: reminders not escalated yet; otherwise questions without a reminder.
    Follow-ups count working days at the local time of sending, so the oldest question need
    not be the first one due: the caller gets all sent within ``span`` of the oldest.
    """
    waiting = select(Ping.sent_at).where(
        Ping.programme_id == programme_id, Ping.state == PingState.SENT
    )
    if reminders:
        waiting = waiting.where(Ping.rule == PingRule.REMINDER, Ping.escalated_at.is_(None))
    else:
        waiting = waiting.where(Ping.rule != PingRule.REMINDER, _without_reminder())
    oldest = session.scalar(select(func.min(waiting.subquery().c.sent_at)))
    if oldest is None:
        return []
    rows = session.scalars(waiting.where(Ping.sent_at <= oldest + span).distinct())
    return sorted(at for at in rows if at is not None)


@dataclass(frozen=True, slots=True)
class NoUpdate:
    """An action whose owner did not answer a question nor its reminder."""

    action: Action
    owner: Person
    since: datetime  # when the unanswered question was first sent
    escalated_at: datetime


def _no_updates(session: Session, programme_id: int, since: datetime | None) -> list[NoUpdate]:
    question = aliased(Ping)
    answered = (
        select(StatusUpdate.id)
        .where(
            StatusUpdate.action_id == Ping.action_id,
            StatusUpdate.created_at >= question.sent_at,
            STANDING,
        )
        .exists()
    )
    query = (
        select(Ping.action_id, Ping.owner_id, question.sent_at, Ping.escalated_at)
        .join(question, question.id == Ping.parent_id)
        .join(Action, Action.id == Ping.action_id)
        .where(
            Ping.programme_id == programme_id,
            Ping.rule == PingRule.REMINDER,
            Ping.escalated_at.is_not(None),
            Ping.answered_at.is_(None),
            Action.status.not_in(CLOSED),
            ~answered,
        )
    )
    if since is not None:
        query = query.where(Ping.escalated_at >= since)
    first: dict[tuple[int, int], tuple[datetime, datetime]] = {}
    for action_id, owner_id, asked, escalated_at in session.execute(query):
        if asked is None or escalated_at is None:
            continue  # the query excludes these; the types cannot tell
        earlier = first.get((action_id, owner_id))
        if earlier is None:
            first[(action_id, owner_id)] = (asked, escalated_at)
        else:
            first[(action_id, owner_id)] = (min(earlier[0], asked), max(earlier[1], escalated_at))
    actions = actions_by_id(session, (a for a, _ in first))
    people = people_by_id(session, (o for _, o in first))
    found = [
        NoUpdate(actions[a], people[o], asked, escalated_at)
        for (a, o), (asked, escalated_at) in first.items()
    ]
    return sorted(found, key=lambda n: (n.action.number, n.owner.name))


def escalated(session: Session, programme_id: int, since: datetime | None) -> list[NoUpdate]:
    """Actions escalated at or after ``since`` (all when None) that still have no update.

    Digests show these to the theme sponsor and the director.
    """
    return _no_updates(session, programme_id, since)


def missing_updates(session: Session, programme_id: int) -> list[NoUpdate]:
    """Open actions with an escalated, unanswered question: 'geen update' in summaries."""
    return _no_updates(session, programme_id, None)


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
