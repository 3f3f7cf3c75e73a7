"""The SQL behind the public page for the councils and its feeds: only what may be public.

Every query here reads columns, never whole rows, and only the columns a public page may
show: a programme only when its public page is on, letters only when final, actions with
their status, deadline and parties (their owners' names only when the caller asks, which it
does only when the letter settings say officials are named), meetings with their day and
title. Nothing written in an update is read at all, so nothing unpublished can leak from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from storage.api_rows import final_letters
from storage.models import (
    Action,
    ActionOwner,
    ActionParty,
    Brief,
    BriefDocument,
    BriefState,
    Meeting,
    Party,
    Person,
    Programme,
    Theme,
    Track,
)
from words.deadlines.model import Precision
from words.domain import MeetingKind, Status


@dataclass(frozen=True, slots=True)
class PublicProgramme:
    id: int
    key: str
    name: str
    description: str
    timezone: str
    language: str
    letter: dict[str, Any]  # the letter settings: whether officials may be named
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class PublicLetter:
    """A final brief as a listing shows it: no document's contents."""

    number: int
    label: str  # "2026-Q4"
    start: date
    end: date
    language: str
    finalized_at: datetime
    formats: tuple[str, ...]  # of its documents, sorted: "docx", "html", "md", "pdf"


@dataclass(frozen=True, slots=True)
class PublicDocument:
    number: int
    label: str
    language: str
    finalized_at: datetime
    format: str
    content: bytes
    sha256: str


class PublicAction(NamedTuple):
    id: int
    programme_id: int
    number: int
    key: str
    title: str
    theme: str
    theme_position: int
    track: str  # "" without a track
    status: Status
    due: date | None
    precision: Precision | None
    deadline_text: str
    parties: tuple[tuple[str, str], ...]  # (name, short name), in the action's order
    owners: tuple[str, ...]  # empty unless asked for


class MeetingRow(NamedTuple):
    day: date
    title: str
    kind: MeetingKind


def public_programme(session: Session, key: str) -> PublicProgramme | None:
    """The programme ``key`` when its public page is on; None when it is off or unknown alike,
    so an answer never tells which programmes exist."""
    row = session.execute(
        select(
            Programme.id,
            Programme.key,
            Programme.name,
            Programme.description,
            Programme.timezone,
            Programme.language,
            Programme.letter,
            Programme.updated_at,
        ).where(Programme.key == key, Programme.public_page.is_(True))
    ).one_or_none()
    if row is None:
        return None
    return PublicProgramme(
        row.id,
        row.key,
        row.name,
        row.description,
        row.timezone,
        row.language,
        dict(row.letter),
        row.updated_at,
    )


def public_letters(session: Session, programme_id: int) -> tuple[PublicLetter, ...]:
    """The programme's final briefs, newest first, with the formats they were kept in (the
    API's listing of them, without its hashes and sizes)."""
    return tuple(
        PublicLetter(
            line.number,
            line.period_label,
            line.period_start,
            line.period_end,
            line.language,
            line.finalized_at,
            tuple(document.format for document in line.documents),
        )
        for line in final_letters(session, programme_id)
        if line.finalized_at is not None
    )


def public_document(
    session: Session, programme_id: int, number: int, fmt: str
) -> PublicDocument | None:
    """Final brief ``number``'s document in ``fmt``; None for a draft, a number or a format
    there is not."""
    row = session.execute(
        select(
            Brief.number,
            Brief.period_label,
            Brief.language,
            Brief.finalized_at,
            BriefDocument.format,
            BriefDocument.content,
            BriefDocument.sha256,
        )
        .join(BriefDocument, BriefDocument.brief_id == Brief.id)
        .where(
            Brief.programme_id == programme_id,
            Brief.state == BriefState.FINAL,
            Brief.number == number,
            Brief.finalized_at.is_not(None),
            BriefDocument.format == fmt,
        )
    ).one_or_none()
    if row is None:
        return None
    return PublicDocument(
        row.number,
        row.period_label,
        row.language,
        row.finalized_at,
        row.format,
        row.content,
        row.sha256,
    )


def _among(
    link: InstrumentedAttribute[int], programme_ids: list[int], action_ids: list[int] | None
) -> list[ColumnElement[bool]]:
    # By the programme (the query joins Action on ``link``), not by a list of every action
    # id: a programme of 10,000 actions would otherwise send 10,000 parameters.
    found: list[ColumnElement[bool]] = [Action.programme_id.in_(programme_ids)]
    return found if action_ids is None else [*found, link.in_(action_ids)]


def _parties(
    session: Session, programme_ids: list[int], action_ids: list[int] | None
) -> dict[int, list[tuple[str, str]]]:
    found: dict[int, list[tuple[str, str]]] = {}
    query = (
        select(ActionParty.action_id, Party.name, Party.short_name)
        .join(Party, Party.id == ActionParty.party_id)
        .join(Action, Action.id == ActionParty.action_id)
        .where(*_among(ActionParty.action_id, programme_ids, action_ids))
        .order_by(ActionParty.action_id, ActionParty.position)
    )
    for action_id, name, short in session.execute(query):
        found.setdefault(action_id, []).append((name, short))
    return found


def _owners(
    session: Session, programme_ids: list[int], action_ids: list[int] | None
) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    query = (
        select(ActionOwner.action_id, Person.name)
        .join(Person, Person.id == ActionOwner.person_id)
        .join(Action, Action.id == ActionOwner.action_id)
        .where(*_among(ActionOwner.action_id, programme_ids, action_ids))
        .order_by(ActionOwner.action_id, ActionOwner.position)
    )
    for action_id, name in session.execute(query):
        found.setdefault(action_id, []).append(name)
    return found


ACTION_COLUMNS = (
    Action.id,
    Action.programme_id,
    Action.number,
    Action.key,
    Action.title,
    Theme.name,
    Theme.position,
    Track.name,
    Action.status,
    Action.due,
    Action.deadline_precision,
    Action.deadline_text,
)


def public_actions(
    session: Session,
    programme_ids: list[int],
    *,
    with_owners: bool,
    action_ids: list[int] | None = None,
) -> tuple[PublicAction, ...]:
    """The actions of ``programme_ids`` (or just ``action_ids`` among them) in theme order,
    then by number; their owners' names only ``with_owners``."""
    query = (
        select(*ACTION_COLUMNS)
        .join(Theme, Theme.id == Action.theme_id)
        .outerjoin(Track, Track.id == Action.track_id)
        .where(Action.programme_id.in_(programme_ids))
        .order_by(Theme.position, Theme.id, Action.number)
    )
    if action_ids is not None:
        query = query.where(Action.id.in_(action_ids))
    rows = session.execute(query).all()
    parties = _parties(session, programme_ids, action_ids)
    owners = _owners(session, programme_ids, action_ids) if with_owners else {}
    return tuple(
        PublicAction._make(
            (
                *row[:7],
                row[7] if row[7] is not None else "",  # the track's name, when it has one
                *row[8:],
                tuple(parties.get(row[0], ())),
                tuple(owners.get(row[0], ())),
            )
        )
        for row in rows
    )


def meetings_of(session: Session, programme_id: int) -> tuple[MeetingRow, ...]:
    """The programme's meetings and milestones, by day."""
    rows = session.execute(
        select(Meeting.date, Meeting.title, Meeting.kind)
        .where(Meeting.programme_id == programme_id)
        .order_by(Meeting.date, Meeting.title)
    )
    return tuple(MeetingRow(*row) for row in rows)
