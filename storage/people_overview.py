"""The SQL behind the web app's people page and its operators' page: a programme's people with
their absences, where they can be reached and where not; the chat events and jobs set aside
after failing too often, and putting them back in line.

Every function runs a fixed number of queries whatever the number of people or items.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from storage.inbox import SetAside, retry_events, set_aside_events
from storage.jobs import retry as retry_job
from storage.jobs import set_aside_jobs
from storage.models import Absence, Identity, Job, Membership, Person, PersonUnreachable
from storage.outbox_addressing import Reach, reach
from words.domain import Source

# Set-aside events listed at most (as `voortgang set-aside`): there are never nearly so many.
LISTED: Final = 1000


@dataclass(frozen=True, slots=True)
class ProgrammePeople:
    """Everyone in a programme and what the people page says about them."""

    members: Sequence[Membership]  # person and party loaded, in the programme file's order
    absences: Mapping[int, Sequence[Absence]]  # by person: now or ahead, deputy loaded
    unreachable: Mapping[int, Sequence[PersonUnreachable]]  # by person, by platform
    reach: Mapping[int, Reach]  # what routing decides from, by person


def programme_people(session: Session, programme_id: int, today: date) -> ProgrammePeople:
    """A programme's people with their absences from ``today`` on and their reach."""
    members = (
        session.scalars(
            select(Membership)
            .where(Membership.programme_id == programme_id)
            .options(joinedload(Membership.person), joinedload(Membership.party))
            .order_by(Membership.position, Membership.id)
        )
        .unique()
        .all()
    )
    ids = [m.person_id for m in members]
    absences: dict[int, list[Absence]] = {}
    unreachable: dict[int, list[PersonUnreachable]] = {}
    if ids:
        for absence in session.scalars(
            select(Absence)
            .where(Absence.person_id.in_(ids), Absence.ends_on >= today)
            .options(joinedload(Absence.deputy))
            .order_by(Absence.starts_on, Absence.id)
        ):
            absences.setdefault(absence.person_id, []).append(absence)
        for noted in session.scalars(
            select(PersonUnreachable)
            .where(PersonUnreachable.person_id.in_(ids))
            .order_by(PersonUnreachable.platform)
        ):
            unreachable.setdefault(noted.person_id, []).append(noted)
    return ProgrammePeople(members, absences, unreachable, reach(session, ids))


# -- set aside -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SetAsideItems:
    """What failed too often to be handled, with the names of the people it came from."""

    events: Sequence[SetAside]
    jobs: Sequence[Job]
    names: Mapping[int, str]  # person id to name, for events and jobs that name a person
    # (platform, user id) to name, for events that came in before their person was linked
    senders: Mapping[tuple[Source, str], str]

    def __len__(self) -> int:
        return len(self.events) + len(self.jobs)


def set_aside_items(session: Session) -> SetAsideItems:
    """The set-aside events (oldest first) and jobs, who they came from in two queries more."""
    events = set_aside_events(session, LISTED)
    jobs = set_aside_jobs(session)
    ids = {e.person_id for e in events if e.person_id is not None}
    ids |= {j.person_id for j in jobs if j.person_id is not None}
    names: dict[int, str] = {}
    if ids:
        for person_id, name in session.execute(
            select(Person.id, Person.name).where(Person.id.in_(ids))
        ):
            names[person_id] = name
    unnamed = {e.user_id for e in events if e.person_id is None}
    senders: dict[tuple[Source, str], str] = {}
    if unnamed:
        for platform, external, name in session.execute(
            select(Identity.platform, Identity.external_id, Person.name)
            .join(Person, Person.id == Identity.person_id)
            .where(Identity.external_id.in_(unnamed))
        ):
            senders[(platform, external)] = name
    return SetAsideItems(events, jobs, names, senders)


@dataclass(frozen=True, slots=True)
class Retried:
    """What a retry put back in line: how many, by id (for the audit trail), and what was asked
    for but is not set aside (any more: handled or retried meanwhile)."""

    count: int
    events: tuple[int, ...]
    jobs: tuple[int, ...]
    missing_events: tuple[int, ...] = ()
    missing_jobs: tuple[int, ...] = ()


def retry_set_aside(
    session: Session, events: Sequence[int] | None, jobs: Sequence[int] | None, now: datetime
) -> Retried:
    """Put set-aside events and jobs back in line as `voortgang set-aside --retry` does; None
    for both retries everything that is set aside."""
    waiting_events = {e.id for e in set_aside_events(session, LISTED)}
    waiting_jobs = [j.id for j in set_aside_jobs(session)]
    if events is None:
        # Every one, also beyond the listed: as `--retry-all`.
        count = retry_events(session, None)
        found_events = sorted(waiting_events)
        missing_events: list[int] = []
    else:
        found_events = sorted(set(events) & waiting_events)
        missing_events = sorted(set(events) - waiting_events)
        count = retry_events(session, found_events) if found_events else 0
    wanted_jobs = waiting_jobs if jobs is None else sorted(set(jobs))
    found_jobs = [i for i in wanted_jobs if retry_job(session, i, now)]
    return Retried(
        count + len(found_jobs),
        tuple(found_events),
        tuple(found_jobs),
        tuple(missing_events),
        tuple(i for i in wanted_jobs if i not in found_jobs),
    )
