"""What people wrote for the letter: a period's opening, theme and coordination paragraphs, and
the letter's wording of single updates (storage.models.LetterPassage).

Nothing is overwritten: every change is a new row and the newest row of its kind counts, so the
history of each paragraph can be shown ("replaced the wording of <name> of <date>"). The newest
row with an empty text means the paragraph was withdrawn and the letter's default applies.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import ColumnElement, Select, and_, func, select
from sqlalchemy.orm import Session, joinedload

from storage.models import STANDING, LetterPassage, PassageKind, Person, StatusUpdate


@dataclass(frozen=True, slots=True)
class PassageRow:
    """A paragraph written for the letter of one period: its newest wording."""

    text: str
    author: str | None
    written_at: datetime


@dataclass(frozen=True, slots=True)
class Passages:
    """What the director, programme support and the sponsors wrote for this period's letter."""

    opening: PassageRow | None = None
    coordination: PassageRow | None = None
    themes: dict[int, PassageRow] = field(default_factory=dict)  # theme id -> its paragraph


# The kinds written for one period's letter; an update's wording has no period.
PERIOD_KINDS = (PassageKind.OPENING, PassageKind.THEME, PassageKind.COORDINATION)


@dataclass(frozen=True, slots=True)
class Place:
    """Which passage: a period's opening, theme paragraph or coordination one, or an update's
    wording (``update_id``, no period)."""

    programme_id: int
    kind: PassageKind
    start: date | None = None
    end: date | None = None
    theme_id: int | None = None
    update_id: int | None = None

    def where(self) -> ColumnElement[bool]:
        if self.kind is PassageKind.UPDATE:
            return and_(
                LetterPassage.programme_id == self.programme_id,
                LetterPassage.kind == self.kind,
                LetterPassage.update_id == self.update_id,
            )
        theme = (
            LetterPassage.theme_id.is_(None)
            if self.theme_id is None
            else LetterPassage.theme_id == self.theme_id
        )
        return and_(
            LetterPassage.programme_id == self.programme_id,
            LetterPassage.period_start == self.start,
            LetterPassage.period_end == self.end,
            LetterPassage.kind == self.kind,
            theme,
        )


def write_passage(
    session: Session, place: Place, text: str, author_id: int | None, now: datetime
) -> LetterPassage:
    """Record ``text`` as the passage's newest wording ("" goes back to the default)."""
    row = LetterPassage(
        programme_id=place.programme_id,
        period_start=place.start,
        period_end=place.end,
        kind=place.kind,
        theme_id=place.theme_id,
        update_id=place.update_id,
        text=text,
        author_id=author_id,
        created_at=now,
    )
    session.add(row)
    session.flush()
    return row


def history(session: Session, place: Place) -> list[PassageRow]:
    """Every wording of one passage, newest first, withdrawals ("") included."""
    rows = session.execute(
        select(LetterPassage.text, Person.name, LetterPassage.created_at)
        .outerjoin(Person, Person.id == LetterPassage.author_id)
        .where(place.where())
        .order_by(LetterPassage.id.desc())
    ).all()
    return [PassageRow(text, author, at) for text, author, at in rows]


def current(session: Session, place: Place) -> PassageRow | None:
    """The passage's newest wording, if it has one that was not withdrawn."""
    found = history(session, place)
    return found[0] if found and found[0].text else None


# What _newest selects: text, author, written at, theme, kind, update.
Newest = Select[str, str, datetime, int | None, PassageKind, int | None]


def _newest(query: Select[int]) -> Newest:
    """The passages whose ids ``query`` selects, with their author's name."""
    ids = query.subquery()
    return (
        select(
            LetterPassage.text,
            Person.name,
            LetterPassage.created_at,
            LetterPassage.theme_id,
            LetterPassage.kind,
            LetterPassage.update_id,
        )
        .outerjoin(Person, Person.id == LetterPassage.author_id)
        .where(LetterPassage.id.in_(select(ids.c.newest)))
    )


def current_passages(session: Session, programme_id: int, start: date, end: date) -> Passages:
    """The period's opening, coordination and theme paragraphs as they now stand (one query)."""
    newest = (
        select(func.max(LetterPassage.id).label("newest"))
        .where(
            LetterPassage.programme_id == programme_id,
            LetterPassage.period_start == start,
            LetterPassage.period_end == end,
            LetterPassage.kind.in_(PERIOD_KINDS),
        )
        .group_by(LetterPassage.kind, LetterPassage.theme_id)
    )
    opening = coordination = None
    themes: dict[int, PassageRow] = {}
    for text, author, at, theme_id, kind, _update in session.execute(_newest(newest)).all():
        if not text:
            continue  # withdrawn: the default applies
        row = PassageRow(text, author, at)
        if kind is PassageKind.OPENING:
            opening = row
        elif kind is PassageKind.COORDINATION:
            coordination = row
        elif theme_id is not None:
            themes[theme_id] = row
    return Passages(opening=opening, coordination=coordination, themes=themes)


def update_wordings(
    session: Session, programme_id: int, update_ids: Iterable[int] | None = None
) -> dict[int, str]:
    """Per update id the letter's current wording of it, where it has one (one query).

    Without ``update_ids``, every reworded update of the programme: fewer rows than updates,
    and no list of ids to send to the database.
    """
    newest = (
        select(func.max(LetterPassage.id).label("newest"))
        .where(
            LetterPassage.programme_id == programme_id,
            LetterPassage.kind == PassageKind.UPDATE,
        )
        .group_by(LetterPassage.update_id)
    )
    if update_ids is not None:
        newest = newest.where(LetterPassage.update_id.in_(list(update_ids)))
    found = session.execute(_newest(newest)).all()
    return {update: text for text, _a, _at, _t, _k, update in found if text and update is not None}


def newest_update(
    session: Session, action_id: int, since: datetime, until: datetime
) -> StatusUpdate | None:
    """The action's newest standing update with words in ``[since, until)``: what the letter
    quotes of it, so what a rewording in chat is about."""
    return session.scalar(
        select(StatusUpdate)
        .where(
            StatusUpdate.action_id == action_id,
            StatusUpdate.created_at >= since,
            StatusUpdate.created_at < until,
            StatusUpdate.text != "",
            STANDING,
        )
        .options(joinedload(StatusUpdate.author))
        .order_by(StatusUpdate.created_at.desc(), StatusUpdate.id.desc())
        .limit(1)
    )
