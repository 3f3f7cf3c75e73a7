"""The SQL behind the voortgangsbrief: everything one letter needs, as plain rows.

``load_brief_data`` runs a fixed number of queries whatever the number of actions or updates,
and returns frozen rows so the letter is compiled without a session (bot.brief).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload, selectinload

from bot.domain import MeetingKind, Status, UpdateKind
from storage.models import (
    Action,
    ActionOwner,
    ActionParty,
    Identity,
    Meeting,
    Membership,
    Person,
    Programme,
    StatusUpdate,
    Theme,
    Track,
)

# How far ahead the letter announces meetings and milestones.
MEETINGS_AHEAD = relativedelta(months=6)


@dataclass(frozen=True, slots=True)
class ThemeRow:
    id: int
    key: str
    name: str


@dataclass(frozen=True, slots=True)
class TrackRow:
    id: int
    key: str
    name: str


@dataclass(frozen=True, slots=True)
class ActionRow:
    id: int
    number: int
    key: str
    title: str
    theme_id: int
    track_id: int | None
    status: Status
    deadline_text: str
    due: date | None
    kpi_target: float | None
    kpi_current: float | None
    kpi_unit: str
    owners: tuple[str, ...]
    parties: tuple[str, ...]
    owner_ids: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class UpdateRow:
    id: int
    action_id: int
    created_at: datetime
    kind: UpdateKind
    status: Status | None
    previous_status: Status | None
    text: str
    author: str | None
    previous_deadline_text: str | None
    new_deadline_text: str | None


@dataclass(frozen=True, slots=True)
class MeetingRow:
    day: date
    title: str
    kind: MeetingKind


@dataclass(frozen=True, slots=True)
class BriefData:
    """One programme's register and one period's updates, in the letter's order."""

    programme_key: str
    programme_name: str
    letter: dict[str, Any]
    start: date
    end: date
    themes: tuple[ThemeRow, ...]
    tracks: tuple[TrackRow, ...]
    actions: tuple[ActionRow, ...]
    # Updates whose created_at, in the programme's zone, falls in [start, end]; oldest first.
    updates: tuple[UpdateRow, ...]
    # Per action id, its newest update before the period: where the period started from.
    before: dict[int, UpdateRow]
    meetings: tuple[MeetingRow, ...]
    # "Sinds de vorige brief": the updates since the previous final brief was frozen (or, when
    # there is none, the period's), up to the period's end; and that brief's number.
    since_updates: tuple[UpdateRow, ...] = ()
    previous_number: int | None = None
    # Chat user ids ("U024BE7LH", an Entra object id) to names, for mentions in people's words.
    names: dict[str, str] = field(default_factory=dict)


class ProgrammeNotFoundError(LookupError):
    pass


def _day_start(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)


def load_brief_data(
    session: Session,
    programme_key: str,
    start: date,
    end: date,
    zone: ZoneInfo,
    *,
    previous: tuple[int, datetime] | None = None,
) -> BriefData:
    """Everything the letter for ``[start, end]`` needs; raises ProgrammeNotFoundError.

    ``previous`` is the number and moment of the previous final brief, if there is one.
    """
    programme = session.scalar(select(Programme).where(Programme.key == programme_key))
    if programme is None:
        raise ProgrammeNotFoundError(programme_key)
    since, until = _day_start(start, zone), _day_start(end + timedelta(days=1), zone)
    updates = _updates(session, programme.id, since, until)
    if previous is None:
        since_updates = updates
    else:
        since_updates = _updates(session, programme.id, previous[1], max(until, previous[1]))
    return BriefData(
        programme_key=programme.key,
        programme_name=programme.name,
        letter=dict(programme.letter),
        start=start,
        end=end,
        themes=_themes(session, programme.id),
        tracks=_tracks(session, programme.id),
        actions=_actions(session, programme.id),
        updates=updates,
        before=_before(session, programme.id, since),
        meetings=_meetings(session, programme.id, end),
        since_updates=since_updates,
        previous_number=None if previous is None else previous[0],
        names=_names(session, programme.id),
    )


def _names(session: Session, programme_id: int) -> dict[str, str]:
    rows = session.execute(
        select(Identity.external_id, Person.name)
        .join(Person, Person.id == Identity.person_id)
        .join(Membership, Membership.person_id == Person.id)
        .where(Membership.programme_id == programme_id)
    )
    return {row[0]: row[1] for row in rows}


def _themes(session: Session, programme_id: int) -> tuple[ThemeRow, ...]:
    rows = session.scalars(
        select(Theme).where(Theme.programme_id == programme_id).order_by(Theme.position, Theme.id)
    )
    return tuple(ThemeRow(r.id, r.key, r.name) for r in rows)


def _tracks(session: Session, programme_id: int) -> tuple[TrackRow, ...]:
    rows = session.scalars(
        select(Track).where(Track.programme_id == programme_id).order_by(Track.position, Track.id)
    )
    return tuple(TrackRow(r.id, r.key, r.name) for r in rows)


def _actions(session: Session, programme_id: int) -> tuple[ActionRow, ...]:
    rows = session.scalars(
        select(Action)
        .where(Action.programme_id == programme_id)
        .options(
            selectinload(Action.owner_links).joinedload(ActionOwner.person),
            selectinload(Action.party_links).joinedload(ActionParty.party),
        )
        .order_by(Action.number)
    )
    return tuple(
        ActionRow(
            id=a.id,
            number=a.number,
            key=a.key,
            title=a.title,
            theme_id=a.theme_id,
            track_id=a.track_id,
            status=a.status,
            deadline_text=a.deadline_text,
            due=a.due,
            kpi_target=a.kpi_target,
            kpi_current=a.kpi_current,
            kpi_unit=a.kpi_unit,
            owners=tuple(p.name for p in a.owners),
            parties=tuple(p.name for p in a.parties),
            owner_ids=tuple(p.id for p in a.owners),
        )
        for a in rows
    )


def _update_row(row: StatusUpdate) -> UpdateRow:
    return UpdateRow(
        id=row.id,
        action_id=row.action_id,
        created_at=row.created_at,
        kind=row.kind,
        status=row.status,
        previous_status=row.previous_status,
        text=row.text,
        author=None if row.author is None else row.author.name,
        previous_deadline_text=row.previous_deadline_text,
        new_deadline_text=row.new_deadline_text,
    )


def _updates(
    session: Session, programme_id: int, since: datetime, until: datetime
) -> tuple[UpdateRow, ...]:
    rows = session.scalars(
        select(StatusUpdate)
        .join(Action, Action.id == StatusUpdate.action_id)
        .where(
            Action.programme_id == programme_id,
            StatusUpdate.created_at >= since,
            StatusUpdate.created_at < until,
        )
        .options(joinedload(StatusUpdate.author))
        .order_by(StatusUpdate.created_at, StatusUpdate.id)
    )
    return tuple(_update_row(r) for r in rows)


def _before(session: Session, programme_id: int, since: datetime) -> dict[int, UpdateRow]:
    # One query for all actions: number each action's earlier updates newest first, keep the 1st.
    rank = (
        func.row_number()
        .over(
            partition_by=StatusUpdate.action_id,
            order_by=(StatusUpdate.created_at.desc(), StatusUpdate.id.desc()),
        )
        .label("rank")
    )
    ranked = (
        select(StatusUpdate.id, rank)
        .join(Action, Action.id == StatusUpdate.action_id)
        .where(Action.programme_id == programme_id, StatusUpdate.created_at < since)
        .subquery()
    )
    rows = session.scalars(
        select(StatusUpdate)
        .join(ranked, ranked.c.id == StatusUpdate.id)
        .where(ranked.c.rank == 1)
        .options(joinedload(StatusUpdate.author))
    )
    return {r.action_id: _update_row(r) for r in rows}


def _meetings(session: Session, programme_id: int, end: date) -> tuple[MeetingRow, ...]:
    first = end + timedelta(days=1)
    rows = session.scalars(
        select(Meeting)
        .where(
            Meeting.programme_id == programme_id,
            Meeting.date >= first,
            Meeting.date <= first + MEETINGS_AHEAD,
        )
        .order_by(Meeting.date, Meeting.title)
    )
    return tuple(MeetingRow(r.date, r.title, r.kind) for r in rows)
