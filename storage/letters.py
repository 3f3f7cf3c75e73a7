"""Voortgangsbrieven kept: the programme's draft, its numbered final versions, their documents.

A programme has at most one draft: compiling again replaces it (and counts a revision). Making
it final gives it the next number and freezes it: its documents are stored as bytes with their
SHA-256, so later edits to updates never change it and it is handed out again byte for byte.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session, make_transient_to_detached, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from storage.models import Action, Brief, BriefDocument, BriefState, BriefUpdate


@dataclass(frozen=True, slots=True)
class NewDraft:
    programme_id: int
    start: date
    end: date
    label: str
    language: str
    documents: Mapping[str, bytes]  # format ("docx", "html", "md") to its bytes
    update_ids: Sequence[int]
    created_by_id: int | None


@dataclass(frozen=True, slots=True)
class BriefAsk:
    """What a "brief herinner" ping tells the owner: the letter's period and answer-by date."""

    start: date
    end: date
    answer_by: date | None


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _add_documents(session: Session, brief: Brief, documents: Mapping[str, bytes]) -> None:
    # Written as rows beside the brief rather than through its collection, which is not loaded
    # (a draft's documents are large, and loading the old ones only to replace them is waste).
    session.flush()
    rows = [
        BriefDocument(brief_id=brief.id, format=fmt, content=content, sha256=sha256(content))
        for fmt, content in sorted(documents.items())
    ]
    session.add_all(rows)
    # The new rows are the whole collection (the old ones were deleted), already in memory.
    set_committed_value(brief, "documents", rows)


def current_draft(session: Session, programme_id: int, *, lock: bool = False) -> Brief | None:
    """The programme's draft; with ``lock``, held until the transaction ends.

    The lock (PostgreSQL's FOR UPDATE) makes a draft saved and a draft frozen at the same time
    take turns, so a new draft never overwrites a brief just made final. SQLite has no row
    locks and needs none: its writing transactions take turns already.
    """
    query = (
        select(Brief)
        .where(Brief.programme_id == programme_id, Brief.state == BriefState.DRAFT)
        .order_by(Brief.created_at.desc(), Brief.id.desc())
        .limit(1)
        # Which documents it has, without their (large) contents until one is read.
        .options(selectinload(Brief.documents).defer(BriefDocument.content))
    )
    if lock:
        query = query.with_for_update().execution_options(populate_existing=True)
    return session.scalar(query)


def brief_by_id(session: Session, brief_id: int) -> Brief | None:
    """A kept letter, draft or final, by its id."""
    return session.get(Brief, brief_id)


def lock_draft(session: Session, brief_id: int) -> Brief | None:
    """Brief ``brief_id`` if it is still a draft, locked until the transaction ends (see
    ``current_draft``); None once it was made final. Check this where a draft is frozen:
    two requests to freeze one draft then make one final brief."""
    return session.scalar(
        select(Brief)
        .where(Brief.id == brief_id, Brief.state == BriefState.DRAFT)
        .with_for_update()
        .execution_options(populate_existing=True)
    )


def action_count(session: Session, programme_id: int) -> int:
    """How many actions the programme has: how long its letter takes to make."""
    return session.execute(
        select(func.count(Action.id)).where(Action.programme_id == programme_id)
    ).scalar_one()


def save_draft(session: Session, draft: NewDraft, now: datetime) -> Brief:
    """Store ``draft`` as the programme's draft, replacing the one there was."""
    brief = current_draft(session, draft.programme_id)
    if brief is None:
        brief = Brief(programme_id=draft.programme_id, state=BriefState.DRAFT, revision=0)
        session.add(brief)
    same_period = (brief.period_start, brief.period_end) == (draft.start, draft.end)
    if not same_period:
        brief.input_deadline = None  # an answer-by date belongs to the period it was set for
    brief.period_start, brief.period_end = draft.start, draft.end
    brief.period_label = draft.label
    brief.language = draft.language
    brief.revision += 1
    brief.created_by_id = draft.created_by_id
    brief.created_at = now
    if brief.id is not None:
        session.execute(delete(BriefDocument).where(BriefDocument.brief_id == brief.id))
    _add_documents(session, brief, draft.documents)
    session.flush()
    _link_updates(session, brief, draft.update_ids)
    return brief


def _link_updates(session: Session, brief: Brief, update_ids: Sequence[int]) -> None:
    """Record which updates ``brief`` was compiled from, replacing what it had.

    In two Core statements: a large programme's letter links tens of thousands of updates,
    which the ORM deleted and inserted one by one, for seconds inside the write transaction.
    """
    # Links loaded before are rows deleted here: out of the session, so new ones take their place.
    for stale in brief.__dict__.get("update_links", ()):
        session.expunge(stale)
    session.execute(delete(BriefUpdate).where(BriefUpdate.brief_id == brief.id))
    rows = [{"brief_id": brief.id, "update_id": i} for i in sorted(set(update_ids))]
    if rows:
        session.execute(insert(BriefUpdate), rows)
    # The rows just written are the whole collection: as objects that are already stored (no
    # second insert, no query), so whoever reads the links gets them without a lazy load.
    links = [BriefUpdate(brief_id=brief.id, update_id=row["update_id"]) for row in rows]
    for link in links:
        make_transient_to_detached(link)
    session.add_all(links)
    set_committed_value(brief, "update_links", links)


def set_input_deadline(session: Session, brief: Brief, answer_by: date) -> None:
    brief.input_deadline = answer_by
    session.flush()


def finalize(
    session: Session, brief: Brief, now: datetime, extra: Mapping[str, bytes] | None = None
) -> Brief:
    """Freeze the draft as the programme's next numbered brief; returns it."""
    if brief.state is not BriefState.DRAFT:
        raise ValueError(f"brief {brief.id} is already final")
    highest = session.scalar(
        select(func.max(Brief.number)).where(Brief.programme_id == brief.programme_id)
    )
    brief.number = 1 if highest is None else highest + 1
    brief.state = BriefState.FINAL
    brief.finalized_at = now
    _add_documents(session, brief, extra or {})
    session.flush()
    return brief


def final_briefs(session: Session, programme_id: int) -> Sequence[Brief]:
    """The programme's final briefs, newest first, with which documents each has: not their
    contents, which listing them (chat's 'brief lijst', the letter page) never reads."""
    return session.scalars(
        select(Brief)
        .where(Brief.programme_id == programme_id, Brief.state == BriefState.FINAL)
        .options(selectinload(Brief.documents).defer(BriefDocument.content, raiseload=True))
        .order_by(Brief.number.desc())
    ).all()


def final_brief(session: Session, programme_id: int, number: int) -> Brief | None:
    return session.scalar(
        select(Brief)
        .where(Brief.programme_id == programme_id, Brief.number == number)
        .options(selectinload(Brief.documents))
    )


def previous_final(session: Session, programme_id: int, before: datetime) -> Brief | None:
    """The newest final brief frozen before ``before``: where "sinds de vorige brief" starts."""
    return session.scalar(
        select(Brief)
        .where(
            Brief.programme_id == programme_id,
            Brief.state == BriefState.FINAL,
            Brief.finalized_at < before,
        )
        .order_by(Brief.finalized_at.desc(), Brief.id.desc())
        .limit(1)
    )


def final_of_period(session: Session, programme_id: int, start: date, end: date) -> Brief | None:
    """The newest final brief about exactly ``start``..``end``, with its documents: the record
    of that period."""
    return session.scalar(
        select(Brief)
        .where(
            Brief.programme_id == programme_id,
            Brief.state == BriefState.FINAL,
            Brief.period_start == start,
            Brief.period_end == end,
        )
        .options(selectinload(Brief.documents))
        .order_by(Brief.number.desc())
        .limit(1)
    )


def next_number(session: Session, programme_id: int) -> int:
    """The number the programme's next final brief gets."""
    highest = session.scalar(
        select(func.max(Brief.number)).where(Brief.programme_id == programme_id)
    )
    return 1 if highest is None else highest + 1


def document(brief: Brief, fmt: str) -> BriefDocument | None:
    return next((d for d in brief.documents if d.format == fmt), None)


def used_updates(session: Session, brief_id: int) -> list[int]:
    return list(
        session.scalars(
            select(BriefUpdate.update_id)
            .where(BriefUpdate.brief_id == brief_id)
            .order_by(BriefUpdate.update_id)
        )
    )


def brief_asks(session: Session, brief_ids: Iterable[int]) -> dict[int, BriefAsk]:
    """For pings that ask for a brief's missing update: the brief's period and answer-by date."""
    ids = sorted(set(brief_ids))
    if not ids:
        return {}
    rows = session.execute(
        select(Brief.id, Brief.period_start, Brief.period_end, Brief.input_deadline).where(
            Brief.id.in_(ids)
        )
    )
    return {row[0]: BriefAsk(row[1], row[2], row[3]) for row in rows}
