"""Follow-ups of unanswered pings: reminders, escalations and the actions left without update."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    String,
    cast,
    func,
    literal,
    select,
    update,
)
from sqlalchemy.orm import Session, aliased

from storage.models import (
    STANDING,
    Action,
    Person,
    Ping,
    StatusUpdate,
)
from storage.people import people_by_id
from storage.ping_subjects import actions_by_id
from storage.pings import (
    CLOSED,
    NO_SYNC,
    PING_COLUMNS,
    REMINDER_PREFIX,
    PingRow,
    chunks,
    ping_rows,
)
from words.domain import PingRule, PingState


def _without_reminder() -> Any:
    # Found through the unique key, so the check costs an index lookup per row.
    reminder = aliased(Ping)
    key = literal(REMINDER_PREFIX) + cast(Ping.id, String)
    return ~select(reminder.id).where(reminder.key == key).exists()


def reminder_candidates(
    session: Session, programme_id: int, after: datetime | None, until: datetime
) -> list[PingRow]:
    """Sent, unanswered questions (not reminders) sent in ``(after, until]`` without a reminder."""
    query = select(*PING_COLUMNS).where(
        Ping.programme_id == programme_id,
        Ping.state == PingState.SENT,
        Ping.rule != PingRule.REMINDER,
        Ping.sent_at <= until,
        _without_reminder(),
    )
    if after is not None:
        query = query.where(Ping.sent_at > after)
    return ping_rows(session, query)


def escalation_candidates(session: Session, programme_id: int, until: datetime) -> list[PingRow]:
    """Sent, unanswered reminders sent at or before ``until`` and not escalated yet."""
    query = select(*PING_COLUMNS).where(
        Ping.programme_id == programme_id,
        Ping.state == PingState.SENT,
        Ping.rule == PingRule.REMINDER,
        Ping.escalated_at.is_(None),
        Ping.sent_at <= until,
    )
    return ping_rows(session, query)


def mark_escalated(session: Session, ids: Iterable[int], now: datetime) -> None:
    for chunk in chunks(ids):
        session.execute(
            update(Ping)
            .where(Ping.id.in_(chunk), Ping.escalated_at.is_(None))
            .values(escalated_at=now),
            execution_options=NO_SYNC,
        )


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
