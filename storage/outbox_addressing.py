"""What a sender needs to address an outbox message: recipients, languages, threads, and
what a platform already took."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import Identity, OutboxMessage, Person, PersonUnreachable, Programme
from storage.outbox import message_of
from words.chat.messages import Message
from words.domain import OutboxState, Source


class Recipient(NamedTuple):
    name: str
    external_id: str | None  # the person's user id on the platform, if they have one
    language: str | None = None  # their own, if they set one
    workspace: str | None = None  # where that id lives (a Slack workspace), if known


def recipients(
    session: Session, person_ids: Iterable[int], platform: Source
) -> dict[int, Recipient]:
    """Name and platform id of each person who still exists, in two queries for a batch."""
    wanted = set(person_ids)
    if not wanted:
        return {}
    names = session.execute(
        select(Person.id, Person.name, Person.language).where(Person.id.in_(wanted))
    ).all()
    identities = session.execute(
        select(Identity.person_id, Identity.external_id, Identity.workspace).where(
            Identity.person_id.in_(wanted), Identity.platform == platform
        )
    ).all()
    found: dict[int, tuple[str | None, str | None]] = {
        pid: (external, workspace) for pid, external, workspace in identities
    }
    out: dict[int, Recipient] = {}
    for pid, name, lang in names:
        external, workspace = found.get(pid, (None, None))
        out[pid] = Recipient(name, external, lang, workspace)
    return out


@dataclass(frozen=True, slots=True)
class Reach:
    """Everything that says where a person can be written to."""

    name: str
    language: str | None
    email: str | None
    channel: str | None  # as the programme file says; None: derived
    # Their id and workspace on each chat platform they are known on.
    identities: Mapping[Source, tuple[str, str | None]]
    unreachable: frozenset[Source]  # platforms that refused the bot, until they write again


def reach(session: Session, person_ids: Iterable[int]) -> dict[int, Reach]:
    """Where each person who still exists can be reached, in three queries for a batch."""
    wanted = set(person_ids)
    if not wanted:
        return {}
    people = session.execute(
        select(Person.id, Person.name, Person.language, Person.email, Person.channel).where(
            Person.id.in_(wanted)
        )
    ).all()
    ids: dict[int, dict[Source, tuple[str, str | None]]] = {pid: {} for pid in wanted}
    for pid, platform, external, workspace in session.execute(
        select(
            Identity.person_id, Identity.platform, Identity.external_id, Identity.workspace
        ).where(Identity.person_id.in_(wanted))
    ):
        ids[pid][platform] = (external, workspace)
    refused: dict[int, set[Source]] = {pid: set() for pid in wanted}
    for pid, platform in session.execute(
        select(PersonUnreachable.person_id, PersonUnreachable.platform).where(
            PersonUnreachable.person_id.in_(wanted)
        )
    ):
        refused[pid].add(platform)
    return {
        pid: Reach(name, lang, email, channel, ids[pid], frozenset(refused[pid]))
        for pid, name, lang, email, channel in people
    }


def language_of(session: Session, row: OutboxMessage) -> str:
    """The language of a message's recipient: their own, else their programme's, else Dutch."""
    person = None if row.person_id is None else session.get(Person, row.person_id)
    if person is not None and person.language is not None:
        return person.language
    programme = None if row.programme_id is None else session.get(Programme, row.programme_id)
    return "nl" if programme is None else programme.language


class ProgrammeSide(NamedTuple):
    """What a message takes from its programme when its recipient does not say."""

    language: str
    slack_workspace: str | None


def programme_sides(session: Session, programme_ids: Iterable[int]) -> dict[int, ProgrammeSide]:
    """The language and Slack workspace of each programme, by id."""
    wanted = set(programme_ids)
    if not wanted:
        return {}
    rows = session.execute(
        select(Programme.id, Programme.language, Programme.slack_workspace).where(
            Programme.id.in_(wanted)
        )
    ).all()
    return {row.id: ProgrammeSide(row.language, row.slack_workspace) for row in rows}


def ancestors(session: Session, row: OutboxMessage) -> list[OutboxMessage]:
    """The messages a thread reply or update belongs to: its parent first, the root last."""
    chain: list[OutboxMessage] = []
    seen = {row.id}
    parent_id = row.parent_id
    while parent_id is not None and parent_id not in seen:
        parent = session.get(OutboxMessage, parent_id)
        if parent is None:
            break
        chain.append(parent)
        seen.add(parent_id)
        parent_id = parent.parent_id
    return chain


def origin_name(session: Session, origin: OutboxMessage) -> str:
    """A readable name of whom a conversation is with: its channel, person or address."""
    if origin.channel:
        return origin.channel
    if origin.person_id is not None:
        person = session.get(Person, origin.person_id)
        if person is not None:
            return person.name
    return origin.address if origin.address is not None else ""


def get(session: Session, outbox_id: int) -> OutboxMessage | None:
    return session.get(OutboxMessage, outbox_id)


@dataclass(frozen=True, slots=True)
class Delivered:
    """A message a platform took, by the reference it gave it: for a console that starts
    again and must know its numbered messages."""

    key: str
    ref: str
    message: Message | None  # None for a file
    recipient: str  # whom the conversation is with: a person's name or a channel


def delivered(session: Session, platform: Source) -> list[Delivered]:
    """Every message ``platform`` took, in the order it took them.

    The recipient is named as the sender names it for the port: a thread reply or update by
    the conversation it belongs to.
    """
    rows = session.scalars(
        select(OutboxMessage)
        .where(
            OutboxMessage.platform == platform.value,
            OutboxMessage.state == OutboxState.SENT,
            OutboxMessage.external_ref.is_not(None),
        )
        .order_by(OutboxMessage.sent_at, OutboxMessage.id)
    ).all()
    people = {r.person_id for r in rows if r.person_id is not None}
    query = select(Person.id, Person.name).where(Person.id.in_(people))
    names: dict[int, str] = dict(session.execute(query).all())
    found: list[Delivered] = []
    for row in rows:
        chain = ancestors(session, row)
        origin = chain[-1] if chain else row
        if origin.channel:
            recipient = origin.channel
        elif origin.person_id is not None and origin.person_id in names:
            recipient = names[origin.person_id]
        else:
            recipient = origin.address if origin.address is not None else ""
        ref = row.external_ref if row.external_ref is not None else ""
        found.append(Delivered(row.key, ref, message_of(row), recipient))
    return found
