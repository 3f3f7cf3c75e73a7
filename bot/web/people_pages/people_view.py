"""What the people page shows, read in one session: each person's role and party, whether they
are away and who answers for them, where messages to them go and where they cannot be
reached; and, for operators, the chat events and jobs set aside after failing too often.

Where a person is reached is asked of ``bot.engine.routing.route``, the function the sender
itself routes by, with the platforms the deployment delivers on: the page cannot say Slack
while their messages go by email.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.engine.routing import route
from storage.inbox import SetAside
from storage.models import Absence, Job, Membership
from storage.people_overview import ProgrammePeople, SetAsideItems, programme_people
from words.domain import Role, Source

# How a moment is shown on the page, in the viewer's zone.
MOMENT: Final = "%Y-%m-%d %H:%M"
# The last error of a set-aside item is shown up to this many characters; the command line
# (voortgang set-aside) shows the same line.
ERROR_SHOWN: Final = 300
# A set-aside event (e12) or job (j3), as the command line names them.
ITEM: Final = re.compile(r"^([ej])([0-9]{1,18})$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Away:
    starts_on: date
    ends_on: date
    deputy: str | None
    now: bool  # running today, not only planned


@dataclass(frozen=True, slots=True)
class Refusal:
    """A platform that refused the bot for this person: since when (local) and why."""

    platform: Source
    since: str
    reason: str


@dataclass(frozen=True, slots=True)
class PersonLine:
    person_id: int
    name: str
    key: str
    role: Role
    party: str | None
    reached_on: Source | None  # None: no platform of the deployment can reach them
    named: bool  # the programme file names that channel for them
    email: str | None
    away: tuple[Away, ...]
    refused: tuple[Refusal, ...]

    @property
    def away_now(self) -> bool:
        return any(a.now for a in self.away)


@dataclass(frozen=True, slots=True)
class PeopleView:
    people: tuple[PersonLine, ...]
    available: tuple[Source, ...]

    @property
    def away_now(self) -> int:
        return sum(1 for p in self.people if p.away_now)

    @property
    def unreachable(self) -> tuple[PersonLine, ...]:
        return tuple(p for p in self.people if p.refused or p.reached_on is None)


def _away(absences: Sequence[Absence], today: date) -> tuple[Away, ...]:
    return tuple(
        Away(
            a.starts_on,
            a.ends_on,
            None if a.deputy is None else a.deputy.name,
            a.starts_on <= today <= a.ends_on,
        )
        for a in absences
    )


def _line(
    member: Membership,
    people: ProgrammePeople,
    available: Sequence[Source],
    today: date,
    zone: ZoneInfo,
) -> PersonLine:
    person = member.person
    reach = people.reach.get(person.id)
    reached_on = None if reach is None else route(reach, available)
    refused = tuple(
        Refusal(n.platform, n.since.astimezone(zone).strftime(MOMENT), n.reason)
        for n in people.unreachable.get(person.id, ())
    )
    return PersonLine(
        person_id=person.id,
        name=person.name,
        key=member.key,
        role=member.role,
        party=None if member.party is None else member.party.name,
        reached_on=reached_on,
        named=reached_on is not None and person.channel == reached_on.value,
        email=person.email,
        away=_away(people.absences.get(person.id, ()), today),
        refused=refused,
    )


def people_view(
    session: Session,
    programme_id: int,
    available: Sequence[Source],
    today: date,
    zone: ZoneInfo,
) -> PeopleView:
    """The people page of a programme, as of ``today``, moments in ``zone``."""
    people = programme_people(session, programme_id, today)
    lines = tuple(_line(m, people, available, today, zone) for m in people.members)
    return PeopleView(lines, tuple(available))


# -- set aside -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SetAsideLine:
    """One set-aside event (``e12``) or job (``j3``), as `voortgang set-aside` lists it."""

    ident: str
    who: str
    received: str
    attempts: int
    what: str
    error: str
    job_kind: str | None  # a job's kind; None for an event


def last_line(error: str) -> str:
    """The exception's own line ("ValueError: ..."), which closes what was kept of it."""
    lines = [line for line in error.strip().splitlines() if line.strip()]
    return lines[-1][:ERROR_SHOWN] if lines else "-"


def _event(event: SetAside, items: SetAsideItems, zone: ZoneInfo) -> SetAsideLine:
    where = f"{event.platform.value} {event.user_id}"
    name = (
        items.senders.get((event.platform, event.user_id))
        if event.person_id is None
        else items.names.get(event.person_id)
    )
    return SetAsideLine(
        ident=f"e{event.id}",
        who=where if name is None else f"{name} ({where})",
        received=event.received_at.astimezone(zone).strftime(MOMENT),
        attempts=event.attempts,
        what=event.what,
        error=last_line(event.last_error),
        job_kind=None,
    )


def _job(job: Job, items: SetAsideItems, zone: ZoneInfo) -> SetAsideLine:
    name = None if job.person_id is None else items.names.get(job.person_id)
    return SetAsideLine(
        ident=f"j{job.id}",
        who="-" if name is None else name,
        received=job.created_at.astimezone(zone).strftime(MOMENT),
        attempts=job.attempts,
        what="",
        error=last_line(job.error),
        job_kind=job.kind,
    )


def set_aside_lines(items: SetAsideItems, zone: ZoneInfo) -> tuple[SetAsideLine, ...]:
    return tuple(_event(e, items, zone) for e in items.events) + tuple(
        _job(j, items, zone) for j in items.jobs
    )


def parse_item(value: str) -> tuple[str, int] | None:
    """The kind ("e" or "j") and id of an item a retry button names; None when it names none."""
    found = ITEM.match(value.strip())
    return None if found is None else (found[1].lower(), int(found[2]))
