"""What the read-only API reads of one programme: its actions a page at a time with filters
and a sort, one action's standing updates, and the final letters with
their documents (without their bytes, until one is downloaded).

Rows are plain columns in frozen dataclasses, a fixed number of queries per call whatever the
page holds: a dashboard that reads 500 actions at a time asks the database four times.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Final, NamedTuple

from sqlalchemy import func, literal, select
from sqlalchemy.orm import Session, selectinload

from storage.action_criteria import (
    ActionCriteria,
    ActionSort,
    Direction,
    Ids,
    Overdue,
    order_by,
    where,
)
from storage.action_criteria import count_actions as criteria_count
from storage.models import (
    STANDING,
    Action,
    ActionOwner,
    ActionParty,
    Brief,
    BriefDocument,
    BriefState,
    Party,
    Person,
    Programme,
    StatusUpdate,
    Theme,
    Track,
)
from words.deadlines.model import Precision
from words.domain import Source, Status, UpdateKind

# The API's words for its orders; "updated" is when the action itself last changed, the
# ``updated_at`` each action carries in the API.
SORTS: Final[dict[str, ActionSort]] = {
    "number": ActionSort.NUMBER,
    "due": ActionSort.DUE,
    "status": ActionSort.STATUS,
    "theme": ActionSort.THEME,
    "updated": ActionSort.CHANGED,
}


@dataclass(frozen=True, slots=True)
class ActionQuery:
    """Which actions, in which order, which page. Keys are the programme file's keys; a key
    the programme does not have matches nothing."""

    theme: str | None = None
    track: str | None = None
    party: str | None = None
    statuses: tuple[Status, ...] = ()
    # True: only open actions whose deadline passed before ``today``; False: only the others.
    overdue: bool | None = None
    today: date | None = None
    due_before: date | None = None  # deadline on or before this day
    sort: str = "number"  # one of SORTS
    descending: bool = False
    limit: int = 100
    offset: int = 0


@dataclass(frozen=True, slots=True)
class ActionLine:
    id: int
    number: int
    key: str
    title: str
    description: str
    theme: str  # key
    track: str | None  # key
    status: Status
    due: date | None
    deadline_text: str
    precision: Precision | None
    kpi_target: float | None
    kpi_current: float | None
    kpi_unit: str
    updated_at: datetime
    parties: tuple[str, ...] = ()  # keys, in the action's order
    owners: tuple[str, ...] = ()  # names, in the action's order


class UpdateLine(NamedTuple):
    id: int
    created_at: datetime
    kind: UpdateKind
    source: Source
    status: Status | None
    text: str
    progress: float | None
    previous_due: date | None
    new_due: date | None
    new_deadline_text: str | None
    new_precision: Precision | None
    edited_at: datetime | None
    author: str | None


@dataclass(frozen=True, slots=True)
class DocumentLine:
    format: str
    sha256: str
    size: int


@dataclass(frozen=True, slots=True)
class LetterLine:
    number: int
    period_start: date
    period_end: date
    period_label: str
    language: str
    finalized_at: datetime | None
    documents: tuple[DocumentLine, ...]


def programme_outline(session: Session, programme_id: int) -> Programme | None:
    """The programme with its parties, tracks and themes (and the themes' sponsors)."""
    return session.scalar(
        select(Programme)
        .where(Programme.id == programme_id)
        .options(
            selectinload(Programme.parties),
            selectinload(Programme.tracks),
            selectinload(Programme.themes).joinedload(Theme.sponsor),
        )
    )


def _keyed(table: type[Theme | Track | Party], programme_id: int, key: str | None) -> Ids | None:
    # The key as a subquery of the programme's ids, so an unknown key finds none.
    if key is None:
        return None
    return select(table.id).where(table.programme_id == programme_id, table.key == key)


def _criteria(programme_id: int, query: ActionQuery) -> ActionCriteria:
    overdue = None
    if query.overdue is not None and query.today is not None:
        overdue = Overdue(query.today, wanted=query.overdue)
    return ActionCriteria(
        programmes=(programme_id,),
        themes=_keyed(Theme, programme_id, query.theme),
        tracks=_keyed(Track, programme_id, query.track),
        parties=_keyed(Party, programme_id, query.party),
        statuses=query.statuses,
        overdue=overdue,
        due_before=query.due_before,
    )


def count_actions(session: Session, programme_id: int, query: ActionQuery) -> int:
    return criteria_count(session, _criteria(programme_id, query))


def action_lines(
    session: Session, programme_id: int, query: ActionQuery, *, owners: bool
) -> list[ActionLine]:
    """One page of the programme's actions; ``owners``: with their owners' names too."""
    direction = Direction.REVERSED if query.descending else Direction.UP
    rows = session.execute(
        select(*_columns())
        .join(Theme, Theme.id == Action.theme_id)
        .outerjoin(Track, Track.id == Action.track_id)
        .where(*where(_criteria(programme_id, query)))
        .order_by(*order_by(SORTS[query.sort], direction))
        .limit(query.limit)
        .offset(query.offset)
    ).all()
    return _lines(session, rows, owners=owners)


def action_line(
    session: Session, programme_id: int, number: int, *, owners: bool
) -> ActionLine | None:
    rows = session.execute(
        select(*_columns())
        .join(Theme, Theme.id == Action.theme_id)
        .outerjoin(Track, Track.id == Action.track_id)
        .where(Action.programme_id == programme_id, Action.number == number)
    ).all()
    found = _lines(session, rows, owners=owners)
    return found[0] if found else None


def _columns() -> tuple[Any, ...]:
    return (
        Action.id,
        Action.number,
        Action.key,
        Action.title,
        Action.description,
        Theme.key,
        Track.key,
        Action.status,
        Action.due,
        Action.deadline_text,
        Action.deadline_precision,
        Action.kpi_target,
        Action.kpi_current,
        Action.kpi_unit,
        Action.updated_at,
    )


def _lines(session: Session, rows: Sequence[Any], *, owners: bool) -> list[ActionLine]:
    ids = [row[0] for row in rows]
    if not ids:
        return []
    parties = _linked(
        session,
        select(ActionParty.action_id, Party.key)
        .join(Party, Party.id == ActionParty.party_id)
        .where(ActionParty.action_id.in_(ids))
        .order_by(ActionParty.action_id, ActionParty.position),
    )
    names: dict[int, tuple[str, ...]] = {}
    if owners:
        names = _linked(
            session,
            select(ActionOwner.action_id, Person.name)
            .join(Person, Person.id == ActionOwner.person_id)
            .where(ActionOwner.action_id.in_(ids))
            .order_by(ActionOwner.action_id, ActionOwner.position),
        )
    return [
        ActionLine(
            id=row[0],
            number=row[1],
            key=row[2],
            title=row[3],
            description=row[4],
            theme=row[5],
            track=row[6],
            status=row[7],
            due=row[8],
            deadline_text=row[9],
            precision=row[10],
            kpi_target=row[11],
            kpi_current=row[12],
            kpi_unit=row[13],
            updated_at=row[14],
            parties=parties.get(row[0], ()),
            owners=names.get(row[0], ()),
        )
        for row in rows
    ]


def _linked(session: Session, query: Any) -> dict[int, tuple[str, ...]]:
    found: dict[int, list[str]] = {}
    for action_id, value in session.execute(query).all():
        found.setdefault(action_id, []).append(value)
    return {key: tuple(values) for key, values in found.items()}


def update_lines(session: Session, action_id: int, *, authors: bool) -> list[UpdateLine]:
    """The action's standing updates, oldest first; ``authors``: with who gave each."""
    author = Person.name if authors else literal(None)
    rows = session.execute(
        select(
            StatusUpdate.id,
            StatusUpdate.created_at,
            StatusUpdate.kind,
            StatusUpdate.source,
            StatusUpdate.status,
            StatusUpdate.text,
            StatusUpdate.progress,
            StatusUpdate.previous_due,
            StatusUpdate.new_due,
            StatusUpdate.new_deadline_text,
            StatusUpdate.new_precision,
            StatusUpdate.edited_at,
            author,
        )
        .outerjoin(Person, Person.id == StatusUpdate.author_id)
        .where(StatusUpdate.action_id == action_id, STANDING)
        .order_by(StatusUpdate.created_at, StatusUpdate.id)
    ).all()
    return [UpdateLine._make(row) for row in rows]


def final_letters(session: Session, programme_id: int) -> list[LetterLine]:
    """The programme's final letters, newest first, with their documents' formats, hashes and
    sizes (not their bytes)."""
    briefs = session.execute(
        select(
            Brief.id,
            Brief.number,
            Brief.period_start,
            Brief.period_end,
            Brief.period_label,
            Brief.language,
            Brief.finalized_at,
        )
        .where(
            Brief.programme_id == programme_id,
            Brief.state == BriefState.FINAL,
            Brief.number.is_not(None),
        )
        .order_by(Brief.number.desc())
    ).all()
    documents: dict[int, list[DocumentLine]] = {}
    if briefs:
        rows = session.execute(
            select(
                BriefDocument.brief_id,
                BriefDocument.format,
                BriefDocument.sha256,
                func.length(BriefDocument.content),
            )
            .where(BriefDocument.brief_id.in_([b[0] for b in briefs]))
            .order_by(BriefDocument.brief_id, BriefDocument.format)
        ).all()
        for brief_id, fmt, sha, size in rows:
            documents.setdefault(brief_id, []).append(DocumentLine(fmt, sha, size or 0))
    return [
        LetterLine(
            number=number,
            period_start=start,
            period_end=end,
            period_label=label,
            language=language,
            finalized_at=finalized_at,
            documents=tuple(documents.get(brief_id, ())),
        )
        for brief_id, number, start, end, label, language, finalized_at in briefs
        if number is not None
    ]


def final_document(
    session: Session, programme_id: int, number: int, fmt: str
) -> BriefDocument | None:
    """One final letter's document in one format, with its bytes; None for a draft."""
    return session.scalar(
        select(BriefDocument)
        .join(Brief, Brief.id == BriefDocument.brief_id)
        .where(
            Brief.programme_id == programme_id,
            Brief.state == BriefState.FINAL,
            Brief.number == number,
            BriefDocument.format == fmt,
        )
    )
