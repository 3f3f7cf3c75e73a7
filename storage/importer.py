"""Writing a checked programme file into the register, idempotently.

Rows are matched by their keys and only fields that differ are written, so importing the same
file twice changes nothing. What the file said about an action's deadline, status and KPI value
is kept (``Action.file_values``): a re-import applies only what the *file* changed and never
undoes an update somebody gave in chat since. Rows that disappeared from the file are reported,
not deleted: their history (updates, letters) matters more than tidiness.

The caller runs ``import_programme`` inside one transaction; on ``ProgrammeFileError`` (a
conflict only the database reveals, such as an email that belongs to someone else, or a new
name or chat id for someone another programme relies on) it rolls back, so nothing is
half-imported.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storage.models import (
    Absence,
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
from words.catalogue import t
from words.deadlines import Deadline
from words.domain import Source, Status, UpdateKind
from words.programme.doc import Problem, ProgrammeDoc, ProgrammeFileError
from words.programme.schema import ActionSpec, PersonSpec


class _Keyed(Protocol):
    @property
    def key(self) -> str: ...


K = TypeVar("K", bound=_Keyed)
S = TypeVar("S")


@dataclass
class ImportReport:
    programme: str
    created: dict[str, int] = field(default_factory=dict)
    changed: dict[str, int] = field(default_factory=dict)
    deadline_moves: list[str] = field(default_factory=list)
    status_changes: list[str] = field(default_factory=list)
    not_in_file: list[str] = field(default_factory=list)

    @property
    def unchanged(self) -> bool:
        return not (self.created or self.changed)

    def count(self, kind: str, *, created: bool, changed: bool) -> None:
        if created:
            self.created[kind] = self.created.get(kind, 0) + 1
        elif changed:
            self.changed[kind] = self.changed.get(kind, 0) + 1


def assign(obj: object, **values: Any) -> bool:
    """Set only the attributes whose value differs; True when anything changed."""
    changed = False
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


def _programme_values(doc: ProgrammeDoc) -> dict[str, Any]:
    p = doc.spec.programme
    return {
        "name": p.name,
        "description": p.description,
        "period_start": p.period.start if p.period else None,
        "period_end": p.period.end if p.period else None,
        "timezone": p.timezone,
        "language": p.language,
        "reporting": p.reporting,
        "checkin_rule": p.checkin,
        "slack_workspace": p.slack_workspace,
        "schedule": p.schedule.settings().to_json(),
        "letter": doc.spec.letter.model_dump(mode="json"),
    }


def _register_values(action: Action) -> tuple[object, ...]:
    return (
        action.due,
        action.deadline_text,
        action.deadline_precision,
        action.status,
        action.kpi_current,
    )


class _Importer:
    def __init__(self, session: Session, doc: ProgrammeDoc, now: datetime, lang: str) -> None:
        self.session = session
        self.doc = doc
        self.spec = doc.spec
        self.now = now
        self.lang = lang
        self.report = ImportReport(doc.spec.programme.key)
        self.problems: list[Problem] = []
        self.people: dict[str, Person] = {}

    def problem(self, loc: tuple[str | int, ...], key: str, **params: object) -> None:
        self.problems.append(self.doc.problem(loc, t(key, self.lang, **params)))

    def sync(
        self,
        kind: str,
        rows: list[K],
        specs: Sequence[S],
        *,
        key: Callable[[S], str],
        make: Callable[[S], K],
        values: Callable[[S, int], dict[str, Any]],
    ) -> dict[str, K]:
        """Match ``specs`` to ``rows`` by key: create the missing, update what differs."""
        existing = {row.key: row for row in rows}
        out: dict[str, K] = {}
        for position, spec in enumerate(specs):
            row = existing.get(key(spec))
            created = row is None
            if row is None:
                row = make(spec)
                rows.append(row)
            changed = assign(row, **values(spec, position))
            self.report.count(kind, created=created, changed=changed)
            out[key(spec)] = row
        self.report.not_in_file.extend(f"{kind} {k}" for k in sorted(set(existing) - set(out)))
        return out

    # -- programme and the lists that hang from it -------------------------------------------

    def programme(self) -> Programme:
        key = self.spec.programme.key
        programme = self.session.scalar(select(Programme).where(Programme.key == key))
        created = programme is None
        if programme is None:
            programme = Programme(key=key, created_at=self.now, updated_at=self.now)
            self.session.add(programme)
        changed = assign(programme, **_programme_values(self.doc))
        self.report.count("programme", created=created, changed=changed)
        return programme

    def run(self) -> ImportReport:
        programme = self.programme()
        parties = self.sync(
            "party",
            programme.parties,
            self.spec.parties,
            key=lambda s: s.key,
            make=lambda s: Party(key=s.key),
            values=lambda s, i: {"name": s.name, "kind": s.kind, "position": i},
        )
        tracks = self.sync(
            "track",
            programme.tracks,
            self.spec.tracks,
            key=lambda s: s.key,
            make=lambda s: Track(key=s.key),
            values=lambda s, i: {"name": s.name, "position": i},
        )
        self.persons(programme, parties)
        themes = self.sync(
            "theme",
            programme.themes,
            self.spec.themes,
            key=lambda s: s.key,
            make=lambda s: Theme(key=s.key),
            values=lambda s, i: {
                "name": s.name,
                "description": s.description,
                "channel": s.channel,
                "position": i,
                "sponsor": self.people[s.sponsor] if s.sponsor else None,
            },
        )
        self.actions(programme, themes, tracks, parties)
        self.meetings(programme)
        if self.problems:
            raise ProgrammeFileError(sorted(self.problems, key=lambda p: p.line))
        self.session.flush()
        return self.report

    # -- people ------------------------------------------------------------------------------

    def persons(self, programme: Programme, parties: dict[str, Party]) -> None:
        members = {m.key: m for m in programme.memberships}
        for i, spec in enumerate(self.spec.people):
            membership = members.get(spec.key)
            person = membership.person if membership else self.find_person(spec)
            created = person is None
            if person is None:
                person = Person(name=spec.name, created_at=self.now)
                self.session.add(person)
            self.people[spec.key] = person
            if self.refused(i, spec, person, programme):
                continue  # nothing of this person is changed; the import fails with the reason
            changed = assign(
                person,
                name=spec.name,
                email=spec.email if spec.email is not None else person.email,
                # A file that does not mention them leaves what another file or chat set.
                timezone=spec.timezone if spec.timezone is not None else person.timezone,
                language=spec.language if spec.language is not None else person.language,
            )
            changed |= self.identities(spec, person)
            self.report.count("person", created=created, changed=changed)
        self.sync(
            "membership",
            programme.memberships,
            self.spec.people,
            key=lambda s: s.key,
            make=lambda s: Membership(key=s.key, person=self.people[s.key]),
            values=lambda s, i: {
                "person": self.people[s.key],
                "role": s.role,
                "party": parties[s.party] if s.party else None,
                "position": i,
            },
        )
        self.session.flush()
        self.absences(programme)

    def find_person(self, spec: PersonSpec) -> Person | None:
        if spec.email is None:
            return None
        return self.session.scalar(select(Person).where(Person.email == spec.email))

    def refused(self, i: int, spec: PersonSpec, person: Person, programme: Programme) -> bool:
        """Report what this file may not change about ``person``; True when there is any."""
        before = len(self.problems)
        taken = self.check_email(i, spec, person) | self.check_identities(i, spec, person)
        elsewhere = self.elsewhere(person, programme)
        if elsewhere:
            self.check_shared(i, spec, person, elsewhere, taken)
        return len(self.problems) > before

    def check_email(self, i: int, spec: PersonSpec, person: Person) -> set[str]:
        if spec.email is None or spec.email == person.email:
            return set()
        other = self.session.scalar(select(Person).where(Person.email == spec.email))
        if other is None or other is person:
            return set()
        self.problem(
            ("people", i, "email"), "register.conflict_email", value=spec.email, name=other.name
        )
        return {"email"}

    def check_identities(self, i: int, spec: PersonSpec, person: Person) -> set[str]:
        """A Slack or Teams id that is someone else's is refused: it would let one person's
        chat account act as, and receive the messages of, another."""
        taken: set[str] = set()
        for platform, external in _platform_ids(spec):
            owner = self.session.scalar(
                select(Identity).where(
                    Identity.platform == platform, Identity.external_id == external
                )
            )
            if owner is not None and owner.person is not person:
                self.problem(
                    ("people", i, platform.value),
                    "register.conflict_identity",
                    value=external,
                    name=owner.person.name,
                )
                taken.add(platform.value)
        return taken

    def elsewhere(self, person: Person, programme: Programme) -> list[str]:
        """The keys of the other programmes ``person`` has a place in."""
        if person.id is None:
            return []  # created by this import
        query = (
            select(Programme.key)
            .join(Membership, Membership.programme_id == Programme.id)
            .where(Membership.person_id == person.id)
            .distinct()
            .order_by(Programme.key)
        )
        if programme.id is not None:
            query = query.where(Programme.id != programme.id)
        return list(self.session.scalars(query))

    def check_shared(
        self,
        i: int,
        spec: PersonSpec,
        person: Person,
        elsewhere: list[str],
        taken: set[str],
    ) -> None:
        """Someone another programme relies on keeps their name, email, chat ids, time zone and
        language: a file may add their place in its own programme, not change who they are
        (a new Slack id would let that account receive their messages and act as them)."""
        ids = {x.platform.value: x.external_id for x in person.identities}
        stated: dict[str, tuple[str | None, str | None]] = {
            "name": (spec.name, person.name),
            "email": (spec.email, person.email),
            "slack": (spec.slack, ids.get(Source.SLACK.value)),
            "teams": (spec.teams, ids.get(Source.TEAMS.value)),
            "timezone": (spec.timezone, person.timezone),
            "language": (spec.language, person.language),
        }
        for name, (given, now) in stated.items():
            if given is None or given == now or name in taken:
                continue
            self.problem(
                ("people", i, name),
                "register.shared_name" if name == "name" else "register.shared_person",
                name=person.name,
                programmes=", ".join(elsewhere),
                what=t(f"register.what_{name}", self.lang),
                now="-" if now is None else repr(now),
                value=repr(given),
            )

    def identities(self, spec: PersonSpec, person: Person) -> bool:
        changed = False
        for platform, external in _platform_ids(spec):
            mine = next((x for x in person.identities if x.platform == platform), None)
            if mine is None:
                person.identities.append(Identity(platform=platform, external_id=external))
                changed = True
            else:
                changed |= assign(mine, external_id=external)
        return changed

    def absences(self, programme: Programme) -> None:
        for spec in self.spec.people:
            person = self.people[spec.key]
            wanted = [
                (a.start, a.until, self.people[a.deputy].id if a.deputy else None)
                for a in spec.absences
            ]
            owned = [a for a in person.absences if a.programme_id == programme.id]
            if [(a.starts_on, a.ends_on, a.deputy_id) for a in owned] == wanted:
                continue
            for absence in owned:
                person.absences.remove(absence)
            for start, until, deputy_id in wanted:
                person.absences.append(
                    Absence(
                        programme_id=programme.id,
                        starts_on=start,
                        ends_on=until,
                        deputy_id=deputy_id,
                    )
                )
            self.report.count("absence", created=not owned, changed=True)

    # -- actions -----------------------------------------------------------------------------

    def actions(
        self,
        programme: Programme,
        themes: dict[str, Theme],
        tracks: dict[str, Track],
        parties: dict[str, Party],
    ) -> None:
        existing = {a.key: a for a in programme.actions}
        highest = self.session.scalar(
            select(func.max(Action.number)).where(Action.programme_id == programme.id)
        )
        number = highest if highest is not None else 0
        for spec in self.spec.actions:
            action = existing.get(spec.key)
            created = action is None
            if action is None:
                number += 1
                action = Action(
                    key=spec.key,
                    number=number,
                    file_values={},
                    created_at=self.now,
                    updated_at=self.now,
                )
                programme.actions.append(action)
            changed = assign(
                action,
                theme=themes[spec.theme],
                track=tracks[spec.track] if spec.track else None,
                title=spec.title,
                description=spec.description,
                kpi_target=spec.kpi.target if spec.kpi else None,
                kpi_unit=spec.kpi.unit if spec.kpi else "",
                checkin_rule=spec.checkin or "",
            )
            changed |= self.links(action, spec, parties)
            changed |= self.file_values(action, spec, created=created)
            self.report.count("action", created=created, changed=changed)
        gone = sorted(set(existing) - {s.key for s in self.spec.actions})
        self.report.not_in_file.extend(f"action {key}" for key in gone)

    def links(self, action: Action, spec: ActionSpec, parties: dict[str, Party]) -> bool:
        owners = [self.people[key] for key in dict.fromkeys(spec.owners)]
        if spec.parties is not None:
            wanted = [parties[key] for key in dict.fromkeys(spec.parties)]
        else:
            # Default: the parties of the owners, in the owners' order.
            party_of = {p.key: p.party for p in self.spec.people}
            keys = (party_of[key] for key in spec.owners if party_of[key] is not None)
            wanted = [parties[key] for key in dict.fromkeys(k for k in keys if k is not None)]
        changed = False
        if [link.person for link in action.owner_links] != owners:
            action.owner_links = [ActionOwner(person=p, position=i) for i, p in enumerate(owners)]
            changed = True
        if [link.party for link in action.party_links] != wanted:
            action.party_links = [ActionParty(party=p, position=i) for i, p in enumerate(wanted)]
            changed = True
        return changed

    def file_values(self, action: Action, spec: ActionSpec, *, created: bool) -> bool:
        """Apply what the file changed since it was last imported; True if the register changed.

        Updating only the record of what the file said (say, after exporting a status that was
        given in chat) is bookkeeping, not a change the report should mention.
        """
        before = dict(action.file_values)
        register_before = _register_values(action)
        said = {
            "deadline": spec.deadline,
            "status": spec.status.value,
            "kpi_current": spec.kpi.current if spec.kpi else None,
        }
        if created or said["deadline"] != before.get("deadline"):
            self.deadline(action, self.doc.deadlines.get(spec.key), record=not created)
        if created or said["status"] != before.get("status"):
            self.status(action, spec.status, record=not created)
        if created or said["kpi_current"] != before.get("kpi_current"):
            assign(action, kpi_current=said["kpi_current"])
        if said != before:
            action.file_values = said
        return created or _register_values(action) != register_before

    def deadline(self, action: Action, deadline: Deadline | None, *, record: bool) -> None:
        new = (deadline.due, deadline.text, deadline.precision) if deadline else (None, "", None)
        old = (action.due, action.deadline_text, action.deadline_precision)
        if new == old:
            return
        if record:
            action.updates.append(
                StatusUpdate(
                    kind=UpdateKind.DEADLINE,
                    source=Source.IMPORT,
                    created_at=self.now,
                    previous_due=action.due,
                    previous_deadline_text=action.deadline_text,
                    new_due=new[0],
                    new_deadline_text=new[1],
                    new_precision=new[2],
                )
            )
            self.report.deadline_moves.append(
                f"{action.key}: {action.deadline_text or '-'} -> {new[1] or '-'}"
            )
        action.due, action.deadline_text, action.deadline_precision = new

    def status(self, action: Action, status: Status, *, record: bool) -> None:
        if action.status == status:
            return
        if record:
            action.updates.append(
                StatusUpdate(
                    kind=UpdateKind.STATUS,
                    source=Source.IMPORT,
                    created_at=self.now,
                    status=status,
                )
            )
            self.report.status_changes.append(f"{action.key}: {action.status} -> {status}")
        action.status = status

    # -- meetings ----------------------------------------------------------------------------

    def meetings(self, programme: Programme) -> None:
        self.sync(
            "meeting",
            programme.meetings,
            self.spec.meetings,
            key=lambda s: f"{s.date.isoformat()} {s.title}",
            make=lambda s: Meeting(date=s.date, title=s.title),
            values=lambda s, _i: {"kind": s.kind},
        )


def _platform_ids(spec: PersonSpec) -> list[tuple[Source, str]]:
    found = ((Source.SLACK, spec.slack), (Source.TEAMS, spec.teams))
    return [(platform, external) for platform, external in found if external is not None]


def import_programme(
    session: Session, doc: ProgrammeDoc, now: datetime, lang: str = "nl"
) -> ImportReport:
    """Create or update the programme ``doc`` describes; raise ProgrammeFileError on conflicts."""
    return _Importer(session, doc, now, lang).run()
