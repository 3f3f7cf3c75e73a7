"""What the letter's page shows beside the draft: who was asked for their missing update (the
"brief herinner" pings of the draft's period), which of the letter's jobs are still at work, and
a kept letter's document to download.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from storage.models import (
    Action,
    Brief,
    BriefDocument,
    BriefState,
    Job,
    JobState,
    Person,
    Ping,
    Programme,
)
from words.domain import PingRule, PingState


@dataclass(frozen=True, slots=True)
class Ask:
    """One owner asked about one action's missing update for the draft."""

    action_id: int
    action_key: str
    owner_id: int
    owner: str
    recipient: str  # the owner, or their deputy while they are away
    due_at: datetime  # when the question goes (or went) out
    sent_at: datetime | None
    cancelled: bool


def asks_of(session: Session, brief: Brief) -> list[Ask]:
    """The draft's "brief herinner" questions about its current period, oldest first.

    A draft is one row that may have been made for another period before; only the questions
    planned from the first day of its current period on (in the programme's zone) are its own.
    """
    owner, recipient = aliased(Person), aliased(Person)
    rows = session.execute(
        select(
            Ping.action_id,
            Action.key,
            Ping.owner_id,
            owner.name,
            recipient.name,
            Ping.due_at,
            Ping.sent_at,
            Ping.state,
            Ping.occurrence,
            Programme.timezone,
        )
        .join(Action, Action.id == Ping.action_id)
        .join(Programme, Programme.id == Ping.programme_id)
        .join(owner, owner.id == Ping.owner_id)
        .join(recipient, recipient.id == Ping.recipient_id)
        .where(Ping.brief_id == brief.id, Ping.rule == PingRule.BRIEF)
        .order_by(Ping.due_at, Ping.id)
    ).all()
    return [
        Ask(action_id, key, owner_id, owner_name, to, due_at, sent_at, state is PingState.CANCELLED)
        for (
            action_id,
            key,
            owner_id,
            owner_name,
            to,
            due_at,
            sent_at,
            state,
            occurrence,
            zone,
        ) in rows
        if occurrence.astimezone(ZoneInfo(zone)).date() >= brief.period_start
    ]


@dataclass(frozen=True, slots=True)
class Working:
    """A job of the letter's that has not finished: queued or being run."""

    kind: str
    created_at: datetime
    person_id: int | None


def working_jobs(session: Session, programme_id: int, kinds: Collection[str]) -> list[Working]:
    """The programme's jobs of ``kinds`` still queued or running, oldest first."""
    rows = session.execute(
        select(Job.kind, Job.created_at, Job.person_id)
        .where(
            Job.programme_id == programme_id,
            Job.kind.in_(list(kinds)),
            Job.state.in_([JobState.PENDING, JobState.RUNNING]),
        )
        .order_by(Job.id)
    ).all()
    return [Working(kind, at, person_id) for kind, at, person_id in rows]


def set_aside_jobs(session: Session, programme_id: int, kinds: Collection[str]) -> list[Working]:
    """The programme's jobs of ``kinds`` that failed too often and were set aside, where the
    newest job of that kind is still the failed one (a later one, done or under way, has
    taken its place), oldest first."""
    newest = (
        select(func.max(Job.id))
        .where(Job.programme_id == programme_id, Job.kind.in_(list(kinds)))
        .group_by(Job.kind)
    )
    rows = session.execute(
        select(Job.kind, Job.created_at, Job.person_id)
        .where(Job.id.in_(newest), Job.state == JobState.SET_ASIDE)
        .order_by(Job.id)
    ).all()
    return [Working(kind, at, person_id) for kind, at, person_id in rows]


@dataclass(frozen=True, slots=True)
class KeptFile:
    """One document of a kept letter, with what its file name is made of."""

    period_label: str
    number: int | None  # None for the draft
    language: str
    content: bytes


def kept_file(
    session: Session, programme_id: int, fmt: str, number: int | None = None
) -> KeptFile | None:
    """Final brief ``number``'s document in ``fmt``, or (without a number) the programme's
    draft's; None when there is no such letter or it keeps no such document."""
    query = select(Brief.id, Brief.period_label, Brief.number, Brief.language).where(
        Brief.programme_id == programme_id
    )
    if number is None:
        query = query.where(Brief.state == BriefState.DRAFT).order_by(
            Brief.created_at.desc(), Brief.id.desc()
        )
    else:
        query = query.where(Brief.state == BriefState.FINAL, Brief.number == number)
    found = session.execute(query.limit(1)).first()
    if found is None:
        return None
    brief_id, label, kept_number, lang = found
    content = session.scalar(
        select(BriefDocument.content).where(
            BriefDocument.brief_id == brief_id, BriefDocument.format == fmt
        )
    )
    return None if content is None else KeptFile(label, kept_number, lang, content)
