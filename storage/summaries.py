"""The SQL behind the chat commands, overviews, summaries and weekly digests.

Every function runs a fixed number of queries whatever the number of actions: related rows
are loaded with ``selectinload``/``joinedload``, never fetched per action in a loop.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import and_, delete, func, or_, select
from sqlalchemy.orm import Session, joinedload, selectinload
from sqlalchemy.sql.base import ExecutableOption

from storage.models import (
    STANDING,
    Absence,
    Action,
    ActionOwner,
    ActionParty,
    DeadlineProposal,
    Membership,
    OutboxMessage,
    Person,
    Ping,
    Programme,
    StatusUpdate,
    Theme,
    Track,
)
from storage.ping_reminders import missing_updates
from storage.updates import registered
from words.deadlines.model import Deadline
from words.domain import OutboxState, PingState, ProposalState, Status

CLOSED = (Status.DONE, Status.DROPPED)


def _with_links() -> tuple[ExecutableOption, ...]:
    # What any action listing shows: its programme, theme (and sponsor), track and owners.
    return (
        joinedload(Action.programme),
        joinedload(Action.theme).joinedload(Theme.sponsor),
        joinedload(Action.track),
        selectinload(Action.owner_links).joinedload(ActionOwner.person),
    )


# -- people and programmes -------------------------------------------------------------------


def programme_by_id(session: Session, programme_id: int) -> Programme | None:
    return session.get(Programme, programme_id)


def programme_members(session: Session, programme_id: int) -> Sequence[Membership]:
    """Everyone in a programme, person loaded, in the order of the programme file."""
    return (
        session.scalars(
            select(Membership)
            .where(Membership.programme_id == programme_id)
            .options(joinedload(Membership.person))
            .order_by(Membership.position, Membership.id)
        )
        .unique()
        .all()
    )


def roles_of(session: Session, person_ids: Sequence[int]) -> Sequence[Membership]:
    """The memberships of several people at once."""
    if not person_ids:
        return []
    return session.scalars(select(Membership).where(Membership.person_id.in_(person_ids))).all()


def themes_in(session: Session, programme_ids: Sequence[int]) -> Sequence[Theme]:
    """The themes of these programmes, programme and sponsor loaded, in letter order."""
    if not programme_ids:
        return []
    return (
        session.scalars(
            select(Theme)
            .join(Theme.programme)
            .where(Theme.programme_id.in_(programme_ids))
            .options(joinedload(Theme.programme), joinedload(Theme.sponsor))
            .order_by(Programme.key, Theme.position)
        )
        .unique()
        .all()
    )


def tracks_in(session: Session, programme_ids: Sequence[int]) -> Sequence[Track]:
    if not programme_ids:
        return []
    return session.scalars(
        select(Track)
        .where(Track.programme_id.in_(programme_ids))
        .order_by(Track.programme_id, Track.position)
    ).all()


# -- one person's actions --------------------------------------------------------------------


def deputised_absences(session: Session, person_id: int, today: date) -> Sequence[Absence]:
    """The absences running today in which ``person_id`` is the deputy, absent person loaded."""
    return session.scalars(
        select(Absence)
        .where(Absence.deputy_id == person_id, Absence.starts_on <= today, Absence.ends_on >= today)
        .options(joinedload(Absence.person))
        .order_by(Absence.starts_on, Absence.id)
    ).all()


def open_actions_of(session: Session, person_ids: Sequence[int]) -> Sequence[Action]:
    """Open actions that any of ``person_ids`` owns, in programme, theme and number order."""
    if not person_ids:
        return []
    owned = select(ActionOwner.action_id).where(ActionOwner.person_id.in_(person_ids))
    return (
        session.scalars(
            select(Action)
            .join(Action.programme)
            .join(Action.theme)
            .where(Action.id.in_(owned), Action.status.not_in(CLOSED))
            .options(*_with_links())
            .order_by(Programme.key, Theme.position, Action.number)
        )
        .unique()
        .all()
    )


def action_with_history(session: Session, action_id: int) -> Action | None:
    """One action with everything its details show: owners, every update (withdrawn ones
    too) with its author, who withdrew it and its earlier wordings."""
    return session.scalar(
        select(Action)
        .where(Action.id == action_id)
        .options(
            *_with_links(),
            selectinload(Action.updates).joinedload(StatusUpdate.author),
            selectinload(Action.updates).joinedload(StatusUpdate.withdrawn_by),
            selectinload(Action.updates).selectinload(StatusUpdate.revisions),
        )
    )


def open_proposals(session: Session, action_ids: Sequence[int]) -> dict[int, DeadlineProposal]:
    """The newest open deadline proposal of each action."""
    if not action_ids:
        return {}
    rows = session.scalars(
        select(DeadlineProposal)
        .where(
            DeadlineProposal.action_id.in_(action_ids),
            DeadlineProposal.state == ProposalState.OPEN,
        )
        .order_by(DeadlineProposal.id)
    ).all()
    return {p.action_id: p for p in rows}


# -- programme-wide reading ------------------------------------------------------------------


def open_actions_in(
    session: Session, programme_id: int, *, due_before: date | None = None
) -> Sequence[Action]:
    """The open actions of a programme (those due before ``due_before``: the overdue ones),
    owners loaded, in theme and number order.

    Their programme and themes are not joined in: a caller reads those once (``themes_in``),
    and the session's identity map then serves ``action.theme`` without a query.
    """
    query = (
        select(Action)
        .join(Action.theme)
        .where(Action.programme_id == programme_id, Action.status.not_in(CLOSED))
        .options(selectinload(Action.owner_links).joinedload(ActionOwner.person))
        .order_by(Theme.position, Action.number)
    )
    if due_before is not None:
        query = query.where(Action.due < due_before)
    return session.scalars(query).all()


def status_counts(session: Session, programme_id: int) -> dict[tuple[int, Status], int]:
    """How many actions each theme has per status: {(theme id, status): count}."""
    rows = session.execute(
        select(Action.theme_id, Action.status, func.count(Action.id))
        .where(Action.programme_id == programme_id)
        .group_by(Action.theme_id, Action.status)
    ).all()
    return {(theme_id, status): count for theme_id, status, count in rows}


def updates_between(
    session: Session, programme_id: int, start: datetime, end: datetime
) -> Sequence[StatusUpdate]:
    """Updates made in [start, end) that stand, oldest first, with their action (and its
    theme) and author loaded."""
    return (
        session.scalars(
            select(StatusUpdate)
            .join(StatusUpdate.action)
            .where(
                Action.programme_id == programme_id,
                StatusUpdate.created_at >= start,
                StatusUpdate.created_at < end,
                STANDING,
            )
            .options(
                joinedload(StatusUpdate.action).joinedload(Action.theme),
                joinedload(StatusUpdate.author),
            )
            .order_by(StatusUpdate.created_at, StatusUpdate.id)
        )
        .unique()
        .all()
    )


@dataclass(frozen=True, slots=True)
class Unanswered:
    """A question about an open action that its recipient has not answered (yet)."""

    action: Action
    recipient: Person
    owner_id: int
    asked_at: datetime  # when the first unanswered question was sent
    escalated: bool  # no answer after the reminder either: "geen update"


def unanswered(
    session: Session, programme_id: int, before: datetime, *, inclusive: bool = False
) -> list[Unanswered]:
    """Sent, unanswered pings about open actions, one per action and recipient; with
    ``inclusive`` also those sent at ``before`` itself (in the same tick)."""
    rows = (
        session.scalars(
            select(Ping)
            .join(Ping.action)
            .where(
                Ping.programme_id == programme_id,
                Ping.state == PingState.SENT,
                Ping.sent_at <= before if inclusive else Ping.sent_at < before,
                Action.status.not_in(CLOSED),
            )
            .options(joinedload(Ping.recipient), joinedload(Ping.action))
            .order_by(Ping.sent_at, Ping.id)
        )
        .unique()
        .all()
    )
    # A newer question supersedes an escalated one; the action still has no update, so it
    # stays escalated until someone answers.
    still_missing = {n.action.id for n in missing_updates(session, programme_id)}
    found: dict[tuple[int, int], Unanswered] = {}
    for ping in rows:
        key = (ping.action_id, ping.recipient_id)
        earlier = found.get(key)
        escalated = (
            ping.escalated_at is not None
            or ping.action_id in still_missing
            or (earlier is not None and earlier.escalated)
        )
        asked = ping.sent_at if earlier is None else earlier.asked_at
        found[key] = Unanswered(
            ping.action,
            ping.recipient,
            ping.owner_id,
            asked if asked is not None else before,
            escalated,
        )
    return list(found.values())


def actions_asked_between(
    session: Session, programme_id: int, start: datetime, end: datetime
) -> set[int]:
    """The actions someone was asked about (a question or reminder sent) from start to end,
    answered or not."""
    return set(
        session.scalars(
            select(Ping.action_id).where(
                Ping.programme_id == programme_id, Ping.sent_at >= start, Ping.sent_at <= end
            )
        ).all()
    )


def absences_running(session: Session, person_ids: Sequence[int], day: date) -> Sequence[Absence]:
    """Absences of these people that cover ``day``, deputy loaded."""
    if not person_ids:
        return []
    return session.scalars(
        select(Absence)
        .where(
            Absence.person_id.in_(person_ids),
            Absence.starts_on <= day,
            Absence.ends_on >= day,
        )
        .options(joinedload(Absence.deputy))
        .order_by(Absence.starts_on, Absence.id)
    ).all()


@dataclass(frozen=True, slots=True)
class Failed:
    """A message that could not be delivered: for whom (a person or a channel), when, why.

    ``error`` is the platform's technical reason, for the operator's log; people read ``key``,
    which names the message in that log, in a sentence of their own language.
    """

    person: Person | None
    channel: str | None
    created_at: datetime
    error: str
    key: str


def failed_messages(session: Session, programme_id: int, since: datetime) -> list[Failed]:
    """Messages given up on since ``since``: the programme's own, and answers to its people
    (those are queued without a programme)."""
    members = select(Membership.person_id).where(Membership.programme_id == programme_id)
    rows = session.execute(
        select(OutboxMessage, Person)
        .outerjoin(Person, Person.id == OutboxMessage.person_id)
        .where(
            OutboxMessage.state == OutboxState.FAILED,
            OutboxMessage.created_at >= since,
            or_(
                OutboxMessage.programme_id == programme_id,
                and_(
                    OutboxMessage.programme_id.is_(None),
                    OutboxMessage.person_id.in_(members),
                ),
            ),
        )
        .order_by(OutboxMessage.created_at, OutboxMessage.id)
    ).all()
    return [Failed(person, row.channel, row.created_at, row.error, row.key) for row, person in rows]


def existing_keys(session: Session, keys: Sequence[str]) -> set[str]:
    """Which of these outbox keys are queued already."""
    if not keys:
        return set()
    return set(session.scalars(select(OutboxMessage.key).where(OutboxMessage.key.in_(keys))))


# -- new actions -----------------------------------------------------------------------------


def action_keys(session: Session, programme_id: int) -> list[tuple[str, int]]:
    """(key, theme id) of every action of a programme."""
    rows = session.execute(
        select(Action.key, Action.theme_id).where(Action.programme_id == programme_id)
    ).all()
    return [(key, theme_id) for key, theme_id in rows]


def next_number(session: Session, programme_id: int) -> int:
    """The next free action number: numbers are never reused, so one past the highest."""
    highest = session.scalar(
        select(func.max(Action.number)).where(Action.programme_id == programme_id)
    )
    return 1 if highest is None else highest + 1


def create_action(
    session: Session,
    *,
    theme: Theme,
    track: Track | None,
    number: int,
    key: str,
    title: str,
    owners: Sequence[Person],
    deadline: Deadline,
    now: datetime,
) -> Action:
    """Add an action; its parties are its owners' parties in the programme, in owner order."""
    party_of = {
        m.person_id: m.party_id
        for m in session.scalars(
            select(Membership).where(
                Membership.programme_id == theme.programme_id,
                Membership.person_id.in_([p.id for p in owners]),
            )
        )
    }
    parties = [party_of[p.id] for p in owners if party_of.get(p.id) is not None]
    stored = registered(session, theme.programme_id, deadline)
    action = Action(
        programme_id=theme.programme_id,
        number=number,
        key=key,
        theme=theme,
        track=track,
        title=title,
        due=stored.due,
        deadline_text=stored.text,
        deadline_typed=deadline.text,
        deadline_precision=stored.precision,
        status=Status.OPEN,
        file_values={},
        created_at=now,
        updated_at=now,
    )
    action.owner_links = [ActionOwner(person=p, position=i) for i, p in enumerate(owners)]
    action.party_links = [
        ActionParty(party_id=party_id, position=i)
        for i, party_id in enumerate(dict.fromkeys(p for p in parties if p is not None))
    ]
    session.add(action)
    session.flush()
    return action


# -- absences --------------------------------------------------------------------------------


def absences_from(session: Session, person_id: int, day: date) -> Sequence[Absence]:
    """The person's absences that have not ended before ``day``, deputy loaded."""
    return session.scalars(
        select(Absence)
        .where(Absence.person_id == person_id, Absence.ends_on >= day)
        .options(joinedload(Absence.deputy))
        .order_by(Absence.starts_on, Absence.id)
    ).all()


def overlapping_absence(session: Session, person_id: int, start: date, end: date) -> Absence | None:
    return session.scalar(
        select(Absence)
        .where(Absence.person_id == person_id, Absence.starts_on <= end, Absence.ends_on >= start)
        .order_by(Absence.starts_on)
        .limit(1)
    )


def add_absence(
    session: Session, person_id: int, start: date, end: date, deputy_id: int | None
) -> Absence:
    """An absence set in chat: it belongs to no programme file, so no import replaces it."""
    absence = Absence(
        person_id=person_id, programme_id=None, starts_on=start, ends_on=end, deputy_id=deputy_id
    )
    session.add(absence)
    session.flush()
    return absence


def cancel_future_absences(session: Session, person_id: int, today: date) -> tuple[int, int]:
    """Remove the person's chat-set absences that start after today.

    Returns (removed, kept): the kept ones come from a programme file, which would put them
    back on its next import, so they are changed there.
    """
    future = and_(Absence.person_id == person_id, Absence.starts_on > today)
    kept = session.scalar(
        select(func.count(Absence.id)).where(future, Absence.programme_id.is_not(None))
    )
    result = session.execute(
        delete(Absence)
        .where(future, Absence.programme_id.is_(None))
        .execution_options(synchronize_session="fetch")
    )
    return int(result.rowcount), int(kept) if kept is not None else 0  # type: ignore[attr-defined]
