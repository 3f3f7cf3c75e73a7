"""The SQL of the web app's overview: the register page (filtered, sorted, 50 a page), the
dashboard's tallies, and an action's deadline proposals for its history.

Every function runs a fixed number of queries whatever the number of actions: the page's
rows first, then the owners, parties and last updates of just those rows, each in one query.
Rows come back as plain frozen values, never ORM objects, so nothing can load lazily later.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Final

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session, joinedload, selectinload

from storage.action_criteria import (
    ActionCriteria,
    ActionSort,
    Direction,
    Overdue,
    count_actions,
    order_by,
    overdue_on,
    where,
)
from storage.models import (
    STANDING,
    Action,
    ActionOwner,
    ActionParty,
    DeadlineProposal,
    Meeting,
    Membership,
    Party,
    Person,
    StatusUpdate,
    Theme,
    Track,
)
from words.deadlines.model import Precision
from words.domain import MeetingKind, ProposalState, Status


class RegisterSort(StrEnum):
    NUMBER = "number"
    DEADLINE = "deadline"
    STATUS = "status"
    THEME = "theme"
    OWNER = "owner"
    UPDATED = "updated"  # the newest update that stands


@dataclass(frozen=True, slots=True)
class RegisterQuery:
    """Which actions of a programme, in which order, which slice. Empty tuples filter nothing;
    several values in one are alternatives ("delayed or at risk")."""

    programme_id: int
    theme_ids: tuple[int, ...] = ()
    track_ids: tuple[int, ...] = ()
    party_ids: tuple[int, ...] = ()
    owner_ids: tuple[int, ...] = ()  # people
    statuses: tuple[Status, ...] = ()
    overdue_on: date | None = None  # open, with a deadline before this day
    due_from: date | None = None  # a deadline on or after this day
    due_before: date | None = None  # a deadline on or before this day
    sort: RegisterSort = RegisterSort.NUMBER
    descending: bool = False
    offset: int = 0
    limit: int = 50


@dataclass(frozen=True, slots=True)
class OwnerCell:
    person_id: int
    name: str


@dataclass(frozen=True, slots=True)
class PartyCell:
    name: str
    short_name: str


@dataclass(frozen=True, slots=True)
class RegisterLine:
    id: int
    number: int
    key: str
    title: str
    theme_id: int
    track_id: int | None
    status: Status
    due: date | None
    deadline_text: str
    precision: Precision | None
    kpi_target: float | None
    kpi_current: float | None
    kpi_unit: str
    owners: tuple[OwnerCell, ...]
    parties: tuple[PartyCell, ...]
    last_update: datetime | None  # when the newest update that stands was recorded


@dataclass(frozen=True, slots=True)
class RegisterSlice:
    total: int  # how many actions match, on every page
    lines: tuple[RegisterLine, ...]


# The page's words for the orders it offers; "updated" is the newest update that stands.
_SORTS: Final[dict[RegisterSort, ActionSort]] = {
    RegisterSort.NUMBER: ActionSort.NUMBER,
    RegisterSort.DEADLINE: ActionSort.DUE,
    RegisterSort.STATUS: ActionSort.STATUS,
    RegisterSort.THEME: ActionSort.THEME,
    RegisterSort.OWNER: ActionSort.OWNER,
    RegisterSort.UPDATED: ActionSort.LAST_UPDATE,
}


def _asked(ids: tuple[int, ...]) -> tuple[int, ...] | None:
    # The form's empty choice is "any": to the criteria an empty set would be "none".
    return ids if ids else None


def _criteria(query: RegisterQuery) -> ActionCriteria:
    return ActionCriteria(
        programmes=(query.programme_id,),
        themes=_asked(query.theme_ids),
        tracks=_asked(query.track_ids),
        parties=_asked(query.party_ids),
        owners=_asked(query.owner_ids),
        statuses=query.statuses,
        overdue=None if query.overdue_on is None else Overdue(query.overdue_on),
        due_from=query.due_from,
        due_before=query.due_before,
    )


def register_slice(session: Session, query: RegisterQuery) -> RegisterSlice:
    """One page of a programme's actions: five queries, whatever the register's size."""
    criteria = _criteria(query)
    total = count_actions(session, criteria)
    direction = Direction.DOWN if query.descending else Direction.UP
    statement = (
        select(
            Action.id,
            Action.number,
            Action.key,
            Action.title,
            Action.theme_id,
            Action.track_id,
            Action.status,
            Action.due,
            Action.deadline_text,
            Action.deadline_precision,
            Action.kpi_target,
            Action.kpi_current,
            Action.kpi_unit,
        )
        .where(*where(criteria))
        .order_by(*order_by(_SORTS[query.sort], direction))
    )
    rows = session.execute(statement.offset(max(query.offset, 0)).limit(query.limit)).all()
    ids = [row.id for row in rows]
    owners = _owners(session, ids)
    parties = _parties(session, ids)
    updated = _last_updates(session, ids)
    lines = tuple(
        RegisterLine(
            id=row.id,
            number=row.number,
            key=row.key,
            title=row.title,
            theme_id=row.theme_id,
            track_id=row.track_id,
            status=row.status,
            due=row.due,
            deadline_text=row.deadline_text,
            precision=row.deadline_precision,
            kpi_target=row.kpi_target,
            kpi_current=row.kpi_current,
            kpi_unit=row.kpi_unit,
            owners=tuple(owners.get(row.id, ())),
            parties=tuple(parties.get(row.id, ())),
            last_update=updated.get(row.id),
        )
        for row in rows
    )
    return RegisterSlice(total=total, lines=lines)


def _owners(session: Session, ids: Sequence[int]) -> dict[int, list[OwnerCell]]:
    found: dict[int, list[OwnerCell]] = {}
    if not ids:
        return found
    rows = session.execute(
        select(ActionOwner.action_id, Person.id, Person.name)
        .join(Person, Person.id == ActionOwner.person_id)
        .where(ActionOwner.action_id.in_(ids))
        .order_by(ActionOwner.action_id, ActionOwner.position, Person.id)
    )
    for action_id, person_id, name in rows:
        found.setdefault(action_id, []).append(OwnerCell(person_id, name))
    return found


def _parties(session: Session, ids: Sequence[int]) -> dict[int, list[PartyCell]]:
    found: dict[int, list[PartyCell]] = {}
    if not ids:
        return found
    rows = session.execute(
        select(ActionParty.action_id, Party.name, Party.short_name)
        .join(Party, Party.id == ActionParty.party_id)
        .where(ActionParty.action_id.in_(ids))
        .order_by(ActionParty.action_id, ActionParty.position, Party.id)
    )
    for action_id, name, short in rows:
        found.setdefault(action_id, []).append(PartyCell(name, short))
    return found


def _last_updates(session: Session, ids: Sequence[int]) -> dict[int, datetime]:
    if not ids:
        return {}
    rows = session.execute(
        select(StatusUpdate.action_id, func.max(StatusUpdate.created_at))
        .where(StatusUpdate.action_id.in_(ids), STANDING)
        .group_by(StatusUpdate.action_id)
    )
    return {action_id: at for action_id, at in rows if at is not None}


# -- what the filter form offers -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Choice:
    id: int
    key: str
    name: str


@dataclass(frozen=True, slots=True)
class RegisterChoices:
    themes: tuple[Choice, ...]  # in the letter's order
    tracks: tuple[Choice, ...]
    parties: tuple[Choice, ...]
    owners: tuple[Choice, ...]  # the programme's people who own an action of it, by name


def register_choices(session: Session, programme_id: int) -> RegisterChoices:
    themes = session.execute(
        select(Theme.id, Theme.key, Theme.name)
        .where(Theme.programme_id == programme_id)
        .order_by(Theme.position, Theme.id)
    )
    tracks = session.execute(
        select(Track.id, Track.key, Track.name)
        .where(Track.programme_id == programme_id)
        .order_by(Track.position, Track.id)
    )
    parties = session.execute(
        select(Party.id, Party.key, Party.name)
        .where(Party.programme_id == programme_id)
        .order_by(Party.position, Party.id)
    )
    # Its owners, found once (an IN over the programme's action owners), not per member.
    owning = (
        select(ActionOwner.person_id)
        .join(Action, Action.id == ActionOwner.action_id)
        .where(Action.programme_id == programme_id)
    )
    owners = session.execute(
        select(Person.id, Membership.key, Person.name)
        .join(Membership, Membership.person_id == Person.id)
        .where(Membership.programme_id == programme_id, Membership.person_id.in_(owning))
        .order_by(Person.name, Person.id)
    )
    return RegisterChoices(
        themes=tuple(Choice(*row) for row in themes),
        tracks=tuple(Choice(*row) for row in tracks),
        parties=tuple(Choice(*row) for row in parties),
        owners=tuple(Choice(*row) for row in owners),
    )


# -- the dashboard ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Tally:
    theme_id: int
    status: Status
    overdue: bool  # open with a deadline before the day asked about
    count: int


def tallies(session: Session, programme_id: int, today: date) -> tuple[Tally, ...]:
    """How many actions each theme has per status, the overdue ones counted apart: one
    grouped query, which the traffic lights, counts and chart are all made from."""
    overdue = case(
        (overdue_on(today), True),
        else_=False,
    )
    rows = session.execute(
        select(Action.theme_id, Action.status, overdue, func.count(Action.id))
        .where(Action.programme_id == programme_id)
        .group_by(Action.theme_id, Action.status, overdue)
    )
    return tuple(
        Tally(theme_id, status, bool(late), count) for theme_id, status, late, count in rows
    )


@dataclass(frozen=True, slots=True)
class MeetingLine:
    day: date
    title: str
    kind: MeetingKind


def meetings_between(
    session: Session, programme_id: int, start: date, end: date, limit: int
) -> tuple[MeetingLine, ...]:
    rows = session.execute(
        select(Meeting.date, Meeting.title, Meeting.kind)
        .where(Meeting.programme_id == programme_id, Meeting.date >= start, Meeting.date <= end)
        .order_by(Meeting.date, Meeting.title)
        .limit(limit)
    )
    return tuple(MeetingLine(*row) for row in rows)


# -- one action ------------------------------------------------------------------------------


def action_with_everything(session: Session, programme_id: int, number: int) -> Action | None:
    """The programme's action with this number and everything its page shows: theme and
    sponsor, track, owners, parties, and every update (withdrawn ones too) with its author,
    who withdrew it and its earlier wordings."""
    return session.scalar(
        select(Action)
        .where(Action.programme_id == programme_id, Action.number == number)
        .options(
            joinedload(Action.theme).joinedload(Theme.sponsor),
            joinedload(Action.track),
            selectinload(Action.owner_links).joinedload(ActionOwner.person),
            selectinload(Action.party_links).joinedload(ActionParty.party),
            selectinload(Action.updates).joinedload(StatusUpdate.author),
            selectinload(Action.updates).joinedload(StatusUpdate.withdrawn_by),
            selectinload(Action.updates).selectinload(StatusUpdate.revisions),
        )
    )


@dataclass(frozen=True, slots=True)
class ProposalLine:
    id: int
    created_at: datetime
    proposer: str | None  # None: the person is gone from the register
    text: str
    due: date
    precision: Precision
    state: ProposalState
    decider: str | None
    decided_at: datetime | None
    update_id: int | None  # the update that proposed it, whose channel it came through


def proposals_of(session: Session, action_id: int) -> tuple[ProposalLine, ...]:
    """Every deadline proposal of an action, decided or not, oldest first, with the names of
    who proposed and who decided."""
    proposals = session.scalars(
        select(DeadlineProposal)
        .where(DeadlineProposal.action_id == action_id)
        .order_by(DeadlineProposal.created_at, DeadlineProposal.id)
    ).all()
    ids = {p.proposed_by for p in proposals} | {p.decided_by for p in proposals}
    wanted = [i for i in ids if i is not None]
    names: dict[int, str] = {}
    if wanted:
        rows = session.execute(select(Person.id, Person.name).where(Person.id.in_(wanted)))
        names = dict(rows.all())
    return tuple(
        ProposalLine(
            id=p.id,
            created_at=p.created_at,
            proposer=None if p.proposed_by is None else names.get(p.proposed_by),
            text=p.text,
            due=p.due,
            precision=p.precision,
            state=p.state,
            decider=None if p.decided_by is None else names.get(p.decided_by),
            decided_at=p.decided_at,
            update_id=p.update_id,
        )
        for p in proposals
    )
