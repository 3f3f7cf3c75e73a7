"""The SQL behind the voortgangsbrief: everything one letter needs, as plain rows.

Rows are named tuples, not dataclasses: a large programme's letter reads tens of thousands,
and a tuple is built several times faster than a frozen dataclass.

``load_brief_data`` runs a fixed number of queries whatever the number of actions or updates,
and returns frozen rows so the letter is compiled without a session (handlers.brief.content).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from storage.letter_passages import PassageRow, Passages, current_passages, update_wordings
from storage.models import (
    STANDING,
    Action,
    ActionOwner,
    ActionParty,
    Identity,
    Meeting,
    Membership,
    Party,
    Person,
    Programme,
    StatusUpdate,
    Theme,
    Track,
)
from words.batch import without_collector
from words.deadlines.model import Precision
from words.domain import MeetingKind, Status, UpdateKind
from words.errors import VoortgangError

# PassageRow and Passages are the letter's rows too: kept importable from here.
__all__ = [
    "MEETINGS_AHEAD",
    "ActionRow",
    "BriefData",
    "MeetingRow",
    "PassageRow",
    "Passages",
    "ProgrammeNotFoundError",
    "ThemeRow",
    "TrackRow",
    "UpdateRow",
    "load_brief_data",
]

# How far ahead the letter announces meetings and milestones.
MEETINGS_AHEAD = relativedelta(months=6)


@dataclass(frozen=True, slots=True)
class ThemeRow:
    id: int
    key: str
    name: str
    description: str = ""
    sponsor_id: int | None = None


@dataclass(frozen=True, slots=True)
class TrackRow:
    id: int
    key: str
    name: str


class ActionRow(NamedTuple):
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
    precision: Precision | None = None  # of ``due``: a day, a quarter, a season, ...
    # The parties' short names from the programme file, "" where it gives none (same order).
    parties_short: tuple[str, ...] = ()


class UpdateRow(NamedTuple):
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
    # How the update's words appear in the letter, when the director or a sponsor reworded
    # them; None: the owner's own words. The owner's original stays in ``text``.
    letter_text: str | None = None
    progress: float | None = None  # a KPI value given with the update
    previous_due: date | None = None
    new_due: date | None = None
    new_precision: Precision | None = None


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
    # Meetings and milestones from the period's start to six months after its end.
    meetings: tuple[MeetingRow, ...]
    # "Sinds de vorige brief": the updates since the previous final brief was frozen (or, when
    # there is none, the period's), up to the period's end; and that brief's number.
    since_updates: tuple[UpdateRow, ...] = ()
    previous_number: int | None = None
    # Chat user ids ("U024BE7LH", an Entra object id) to names, for mentions in people's words.
    names: dict[str, str] = field(default_factory=dict)
    passages: Passages = field(default_factory=Passages)


class ProgrammeNotFoundError(VoortgangError, LookupError):
    pass


def _day_start(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)


@without_collector
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
    # Every reworded update of the programme at once: far fewer than its updates.
    wordings = update_wordings(session, programme.id)
    updates = _updates(session, programme.id, since, until, wordings)
    if previous is None:
        since_updates = updates
    else:
        since_updates = _updates(
            session, programme.id, previous[1], max(until, previous[1]), wordings
        )
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
        meetings=_meetings(session, programme.id, start, end),
        since_updates=since_updates,
        previous_number=None if previous is None else previous[0],
        names=mention_names(session, programme.id),
        passages=current_passages(session, programme.id, start, end),
    )


def mention_names(session: Session, programme_id: int) -> dict[str, str]:
    """The programme's people by their chat ids, for mentions in their words (the letter and
    the API show names where a mention was)."""
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
    return tuple(ThemeRow(r.id, r.key, r.name, r.description, r.sponsor_id) for r in rows)


def _tracks(session: Session, programme_id: int) -> tuple[TrackRow, ...]:
    rows = session.scalars(
        select(Track).where(Track.programme_id == programme_id).order_by(Track.position, Track.id)
    )
    return tuple(TrackRow(r.id, r.key, r.name) for r in rows)


def _actions(session: Session, programme_id: int) -> tuple[ActionRow, ...]:
    # Plain columns, and owners and parties in one query each: no ORM objects for 10,000
    # actions, and no selectinload, which asks again for every 500 actions.
    owners = _per_action(
        session,
        select(ActionOwner.action_id, Person.id, Person.name)
        .join(Person, Person.id == ActionOwner.person_id)
        .join(Action, Action.id == ActionOwner.action_id)
        .where(Action.programme_id == programme_id)
        .order_by(ActionOwner.action_id, ActionOwner.position),
    )
    parties = _parties(session, programme_id)
    rows = session.execute(
        select(
            Action.id,
            Action.number,
            Action.key,
            Action.title,
            Action.theme_id,
            Action.track_id,
            Action.status,
            Action.deadline_text,
            Action.due,
            Action.kpi_target,
            Action.kpi_current,
            Action.kpi_unit,
            Action.deadline_precision,
        )
        .where(Action.programme_id == programme_id)
        .order_by(Action.number)
    ).all()
    none: tuple[tuple[int, ...], tuple[str, ...]] = ((), ())
    no_parties: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
    # Positional, in ActionRow's field order: the row's first twelve columns, then the links.
    return tuple(
        ActionRow._make(
            (
                *row[:12],
                owners.get(row[0], none)[1],
                parties.get(row[0], no_parties)[0],
                owners.get(row[0], none)[0],
                row[12],
                parties.get(row[0], no_parties)[1],
            )
        )
        for row in rows
    )


def _parties(
    session: Session, programme_id: int
) -> dict[int, tuple[tuple[str, ...], tuple[str, ...]]]:
    """Per action id its parties' (names, short names), in the action's order."""
    found: dict[int, tuple[list[str], list[str]]] = {}
    query = (
        select(ActionParty.action_id, Party.name, Party.short_name)
        .join(Party, Party.id == ActionParty.party_id)
        .join(Action, Action.id == ActionParty.action_id)
        .where(Action.programme_id == programme_id)
        .order_by(ActionParty.action_id, ActionParty.position)
    )
    for action_id, name, short in session.execute(query).all():
        names, shorts = found.setdefault(action_id, ([], []))
        names.append(name)
        shorts.append(short)
    return {key: (tuple(names), tuple(shorts)) for key, (names, shorts) in found.items()}


def _per_action(
    session: Session, query: Select[int, int, str]
) -> dict[int, tuple[tuple[int, ...], tuple[str, ...]]]:
    """Per action id its linked (ids, names), in the query's order."""
    found: dict[int, tuple[list[int], list[str]]] = {}
    for action_id, ident, name in session.execute(query).all():
        ids, names = found.setdefault(action_id, ([], []))
        ids.append(ident)
        names.append(name)
    return {action_id: (tuple(ids), tuple(names)) for action_id, (ids, names) in found.items()}


# The columns of an UpdateRow, in its fields' order up to the letter's wording, which comes
# from letter_passage; the author's name by an outer join; then the rest of its fields.
UPDATE_COLUMNS = (
    StatusUpdate.id,
    StatusUpdate.action_id,
    StatusUpdate.created_at,
    StatusUpdate.kind,
    StatusUpdate.status,
    StatusUpdate.previous_status,
    StatusUpdate.text,
    Person.name,
    StatusUpdate.previous_deadline_text,
    StatusUpdate.new_deadline_text,
)
AFTER_WORDING = (
    StatusUpdate.progress,
    StatusUpdate.previous_due,
    StatusUpdate.new_due,
    StatusUpdate.new_precision,
)
WORDING_AT = len(UPDATE_COLUMNS)


def _update_rows(
    session: Session, query: Select[*tuple[Any, ...]], wordings: dict[int, str]
) -> list[UpdateRow]:
    found = session.execute(query.outerjoin(Person, Person.id == StatusUpdate.author_id)).all()
    return [
        UpdateRow._make((*row[:WORDING_AT], wordings.get(row[0]), *row[WORDING_AT:]))
        for row in found
    ]


def _updates(
    session: Session,
    programme_id: int,
    since: datetime,
    until: datetime,
    wordings: dict[int, str],
) -> tuple[UpdateRow, ...]:
    query = (
        select(*UPDATE_COLUMNS, *AFTER_WORDING)
        .join(Action, Action.id == StatusUpdate.action_id)
        .where(
            Action.programme_id == programme_id,
            StatusUpdate.created_at >= since,
            StatusUpdate.created_at < until,
            STANDING,  # a withdrawn update is no news for the letter
        )
        .order_by(StatusUpdate.created_at, StatusUpdate.id)
    )
    return tuple(_update_rows(session, query, wordings))


def _meetings(
    session: Session, programme_id: int, start: date, end: date
) -> tuple[MeetingRow, ...]:
    """The period's meetings and milestones, and those of the six months after it."""
    rows = session.scalars(
        select(Meeting)
        .where(
            Meeting.programme_id == programme_id,
            Meeting.date >= start,
            Meeting.date <= end + MEETINGS_AHEAD,
        )
        .order_by(Meeting.date, Meeting.title)
    )
    return tuple(MeetingRow(r.date, r.title, r.kind) for r in rows)
